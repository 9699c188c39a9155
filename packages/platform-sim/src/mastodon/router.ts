// The simulated Mastodon servers under /mastodon/<instance>: each instance is its own world (tokens, limits, posts).
import express, { Router, type Request, type RequestHandler } from 'express';
import type { FaultQueue } from '../faults';
import type { RequestLog } from '../request-log';
import { MastodonError, mastodonErrorHandler, recordNotFound } from './errors';
import { accountView, instanceView, mediaView, statusView } from './entities';
import {
  applyMastodonFaults,
  authenticate,
  callerOf,
  instanceOf,
  optionalCallerOf,
  rateLimit,
  requireScope,
} from './gate';
import { readMedia, uploadMedia } from './media';
import { MASTODON_SIM_PATH, type MastodonSimState } from './state';
import { accountStatuses, canSee, createStatus } from './statuses';

export interface MastodonRouteDeps {
  state: MastodonSimState;
  faults: FaultQueue;
  log: RequestLog;
}

/** The public base URL of the instance serving `req`: `${origin}/mastodon/<name>`. */
const baseUrlOf = (req: Request) =>
  `${req.protocol}://${req.get('host')}${MASTODON_SIM_PATH}/${encodeURIComponent(req.params.instance as string)}`;

/**
 * Per instance: `GET /api/v2/instance`; `GET /api/v1/accounts/verify_credentials`;
 * `GET /api/v1/accounts/:id/statuses`; `POST /api/v1/statuses` (JSON or form, `Idempotency-Key`);
 * `GET /api/v1/statuses/:id`; `POST /api/v2/media` (multipart); `GET /api/v1/media/:id`; and the stored
 * files. Tokens, rate-limit windows and idempotency keys belong to one instance and never cross over.
 */
export function mastodonRouter(deps: MastodonRouteDeps): Router {
  const router = Router();
  router.use(express.json({ limit: '1mb' }), express.urlencoded({ extended: true, limit: '1mb' }));
  router.use(deps.log.recorder('mastodon', ['idempotency-key', 'content-type']));

  const instance = Router({ mergeParams: true });
  instance.use((req, res, next) => {
    const found = deps.state.instances.get(req.params.instance as string);
    if (!found)
      throw new MastodonError(404, `No simulated Mastodon instance is named ${req.params.instance}`);
    res.locals.mastodonInstance = found;
    next();
  });
  const signedIn = (scope: string, bucket: 'api' | 'media' = 'api'): RequestHandler[] => [
    authenticate(true),
    applyMastodonFaults(deps.faults),
    rateLimit('api'),
    ...(bucket === 'media' ? [rateLimit('media')] : []),
    requireScope(scope),
  ];
  const maybeSignedIn = [authenticate(false), applyMastodonFaults(deps.faults), rateLimit('api')];

  instance.get('/api/v2/instance', (req, res) => {
    res.json(instanceView(instanceOf(res), baseUrlOf(req), req.get('host') ?? 'localhost'));
  });

  instance.get('/api/v1/accounts/verify_credentials', ...signedIn('read:accounts'), (req, res) => {
    res.json(accountView(instanceOf(res), callerOf(res).account, baseUrlOf(req), true));
  });

  instance.get('/api/v1/accounts/:id/statuses', ...maybeSignedIn, (req, res) => {
    const server = instanceOf(res);
    const page = accountStatuses(
      server,
      optionalCallerOf(res),
      req.params.id as string,
      req.query as Record<string, unknown>,
      baseUrlOf(req),
    );
    if (page.link) res.set('Link', page.link);
    res.json(page.statuses.map((status) => statusView(server, status, baseUrlOf(req))));
  });

  instance.post('/api/v1/statuses', ...signedIn('write:statuses'), (req, res) => {
    const { status } = createStatus(instanceOf(res), callerOf(res), req);
    res.json(statusView(instanceOf(res), status, baseUrlOf(req)));
  });

  instance.get('/api/v1/statuses/:id', ...maybeSignedIn, (req, res) => {
    const status = instanceOf(res).statuses.get(req.params.id as string);
    if (!status || !canSee(status, optionalCallerOf(res))) throw recordNotFound();
    res.json(statusView(instanceOf(res), status, baseUrlOf(req)));
  });

  instance.post(
    '/api/v2/media',
    ...signedIn('write:media', 'media'),
    express.raw({ type: 'multipart/form-data', limit: '40mb' }),
    async (req, res) => {
      const { media, accepted } = await uploadMedia(instanceOf(res), callerOf(res), req);
      res.status(accepted ? 202 : 200).json(mediaView(media, baseUrlOf(req)));
    },
  );

  instance.get('/api/v1/media/:id', ...signedIn('write:media'), (req, res) => {
    const { media, processing } = readMedia(instanceOf(res), callerOf(res), req.params.id as string);
    res.status(processing ? 206 : 200).json(mediaView(media, baseUrlOf(req)));
  });

  instance.get('/system/media_attachments/:id/:file', (req, res) => {
    const media = instanceOf(res).media.get(req.params.id as string);
    if (!media || media.pendingReads > 0) throw recordNotFound();
    res.type(media.contentType).send(media.bytes);
  });

  instance.use(() => {
    throw new MastodonError(404, 'Not Found');
  });
  router.use('/:instance', instance);
  router.use(mastodonErrorHandler);
  return router;
}
