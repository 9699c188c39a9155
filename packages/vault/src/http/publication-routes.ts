// Publication ledger routes on the internal listener: reserve, progress, published, failed, release, history.
import { Router } from 'express';
import type { Publication } from '@socialvault/vault-api';
import type { PublicationService } from '../publications/publication-service';
import type { ServiceIdentity } from '../service-identities';
import { requireServiceIdentity } from './auth';
import { auditAs } from './error-middleware';
import { jsonBody } from './json-body';

export interface PublicationRouteDeps {
  publications: PublicationService;
  serviceIdentities: ServiceIdentity[];
  maxBodyBytes: number;
}

export function publicationRouter(deps: PublicationRouteDeps): Router {
  const router = Router();
  const servicesOnly = requireServiceIdentity(deps.serviceIdentities);
  const body = jsonBody(deps.maxBodyBytes);
  const identityOf = (locals: Record<string, unknown>) => locals.identity as ServiceIdentity;

  /** `{platform, account_id, idempotency_key, request_hash, tool?, lease_s?, resumable?}` → 201 new, 200 known. */
  router.post(
    '/api/publications/reserve',
    auditAs('publication.reserve'),
    servicesOnly,
    ...body,
    async (req, res) => {
      const answer = await deps.publications.reserve(identityOf(res.locals), req.body);
      res.status(answer.created ? 201 : 200).json(answer.body);
    },
  );

  const holderRoute = (
    step: 'progress' | 'published' | 'failed' | 'release',
    run: (identity: ServiceIdentity, id: string, input: unknown) => Promise<Publication>,
  ) =>
    router.post(
      `/api/publications/:id/${step}`,
      auditAs(`publication.${step}`),
      servicesOnly,
      ...body,
      async (req, res) => {
        const publication = await run(identityOf(res.locals), String(req.params.id), req.body);
        res.json({ publication });
      },
    );
  holderRoute('progress', (identity, id, input) => deps.publications.progress(identity, id, input));
  holderRoute('published', (identity, id, input) => deps.publications.published(identity, id, input));
  holderRoute('failed', (identity, id, input) => deps.publications.failed(identity, id, input));
  holderRoute('release', (identity, id, input) => deps.publications.release(identity, id, input));

  /** `?platform=&account_id=&idempotency_key=&since=&status=&limit=&cursor=` → `{publications, next_cursor}`. */
  router.get('/api/publications', auditAs('publication.list'), servicesOnly, async (req, res) => {
    res.json(await deps.publications.list(identityOf(res.locals), req.query));
  });

  router.get('/api/publications/:id', auditAs('publication.read'), servicesOnly, async (req, res) => {
    res.json({ publication: await deps.publications.get(identityOf(res.locals), String(req.params.id)) });
  });

  return router;
}
