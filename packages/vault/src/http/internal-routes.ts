// Service routes on the internal listener: GET /api/credentials (metadata) and GET /api/credentials/token.
import { Router } from 'express';
import type { ServiceIdentity } from '../service-identities';
import type { TokenService } from '../credentials/token-service';
import { requireServiceIdentity } from './auth';
import { auditAs } from './error-middleware';

export interface InternalRouteDeps {
  tokens: TokenService;
  serviceIdentities: ServiceIdentity[];
}

export function internalRouter(deps: InternalRouteDeps): Router {
  const router = Router();
  const servicesOnly = requireServiceIdentity(deps.serviceIdentities);

  /**
   * `?platform=&limit=&cursor=` each optional → `{credentials: [metadata…], next_cursor}` for the
   * identity's platforms (one page with limit or cursor, else all); never a token.
   */
  router.get('/api/credentials', auditAs('credential.list'), servicesOnly, async (req, res) => {
    const identity = res.locals.identity as ServiceIdentity;
    res.json(await deps.tokens.listMetadata(identity, req.query));
  });

  /** `?platform=&account_id=` → the decrypted token, ids, expiry and the flat Meta fields for Instagram. */
  router.get('/api/credentials/token', auditAs('token.serve'), servicesOnly, async (req, res) => {
    const identity = res.locals.identity as ServiceIdentity;
    const body = await deps.tokens.serve(identity, {
      platform: req.query.platform,
      accountId: req.query.account_id,
    });
    res.json(body);
  });

  return router;
}
