// The simulator's own admin surface under /_sim/ (never under a Graph version): accounts, faults,
// recorded requests, sample media, health. Plain JSON errors `{error, issues?}`, not Graph-shaped.
import express, { Router, type ErrorRequestHandler } from 'express';
import { z } from 'zod';
import { SIM_PLATFORMS } from '../faults';
import { META_GRAPH_VERSION } from '@socialvault/vault-api';
import { oauthAdminRouter } from '../oauth/admin';
import { linkedinAdminRouter } from '../linkedin/admin';
import { mastodonAdminRouter } from '../mastodon/admin';
import { threadsAdminRouter } from '../threads/admin';
import { xAdminRouter } from '../x/admin';
import type { SimState } from '../state';
import { tokenActionRoute } from '../tokens/admin-route';
import { SAMPLE_JPEG, SAMPLE_MP4 } from './sample-media';

const PlatformQuerySchema = z.object({ platform: z.enum(SIM_PLATFORMS).optional() });

const adminErrors: ErrorRequestHandler = (error, _req, res, next) => {
  if (res.headersSent) return next(error);
  if (error instanceof z.ZodError) {
    return void res.status(400).json({
      error: 'invalid request',
      issues: error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`),
    });
  }
  if ((error as { type?: string }).type === 'entity.parse.failed')
    return void res.status(400).json({ error: 'body is not valid JSON' });
  res.status(500).json({ error: (error as Error).message });
};

/**
 * `/_sim` routes:
 * - `GET /_sim/health` → `{ok, platforms, graph_version}`
 * - `POST /_sim/instagram/accounts` `{access_token, ig_user_id, username, followers_count?, …}` → 201
 * - `POST /_sim/instagram/tokens/expire` `{access_token}` → 200 (token answers 190/463 afterwards)
 * - `GET /_sim/instagram/accounts/:igUserId` → the account, its published media and containers
 * - `POST /_sim/facebook/users` `{user_id, name, pages: [{id, name, instagram_business_account?: {id, username}}],
 *   ad_account_ids?}` → 201: who can log in through the Facebook Login dialog (`sim_user` = user_id)
 * - `GET|DELETE /_sim/requests[?platform=instagram]` → `{requests:[{method, path, query, body, token, tokenSource, status}]}`
 * - `GET|POST|DELETE /_sim/faults` `{platform, kind: rate_limit|container_error|server_error, times?, code?, regain_access_minutes?}`
 * - `POST /_sim/threads/accounts`, `/_sim/threads/tokens/expire`, `GET /_sim/threads/accounts/:id` (threads/admin.ts)
 * - `POST /_sim/x/users`, `/_sim/x/tokens/expire`, `/_sim/x/rate-limit`, `GET /_sim/x/users/:id` (x/admin.ts)
 * - `POST /_sim/reset`; `GET /_sim/media/sample.jpg` (image/jpeg), `GET /_sim/media/sample.mp4` (video/mp4)
 */
export function adminRouter(state: SimState): Router {
  const router = Router();
  router.use(express.json({ limit: '256kb' }));

  router.get('/health', (_req, res) => {
    res.json({ ok: true, platforms: [...SIM_PLATFORMS], graph_version: META_GRAPH_VERSION });
  });

  router.post('/instagram/accounts', (req, res) => {
    const account = state.registerInstagramAccount(req.body);
    res
      .status(201)
      .json({ ig_user_id: account.id, username: account.username, followers_count: account.followers_count });
  });

  router.post(
    '/instagram/tokens/expire',
    tokenActionRoute((token) => state.expireInstagramToken(token), 'expired'),
  );

  router.get('/instagram/accounts/:igUserId', (req, res) => {
    const account = state.instagram.accounts.get(req.params.igUserId);
    if (!account) return void res.status(404).json({ error: 'unknown ig_user_id' });
    res.json({
      account,
      media: state.instagram.mediaOf(account.id),
      containers: [...state.instagram.containers.values()].filter((c) => c.igUserId === account.id),
    });
  });

  router.post('/facebook/users', (req, res) => {
    const user = state.registerMetaUser(req.body);
    res.status(201).json({ user_id: user.id, name: user.name, pages: user.pages });
  });

  router.get('/requests', (req, res) => {
    res.json({ requests: state.log.list(PlatformQuerySchema.parse(req.query).platform) });
  });
  router.delete('/requests', (_req, res) => {
    state.clearRequests();
    res.status(204).end();
  });

  router.get('/faults', (_req, res) => {
    res.json({ faults: state.faults.list() });
  });
  router.post('/faults', (req, res) => {
    res.status(201).json(state.injectFault(req.body));
  });
  router.delete('/faults', (_req, res) => {
    state.clearFaults();
    res.status(204).end();
  });

  router.post('/reset', (_req, res) => {
    state.reset();
    res.status(204).end();
  });

  router.get('/media/sample.jpg', (_req, res) => {
    res.type('image/jpeg').send(SAMPLE_JPEG);
  });
  router.get('/media/sample.mp4', (_req, res) => {
    res.type('video/mp4').send(SAMPLE_MP4);
  });

  // Token endpoints: apps, grants, faults, counters (see oauth/admin.ts).
  router.use('/oauth', oauthAdminRouter(state.oauth));

  // LinkedIn members and Mastodon instances/accounts (see linkedin/admin.ts, mastodon/admin.ts).
  router.use('/linkedin', linkedinAdminRouter(state.linkedin));
  router.use('/mastodon', mastodonAdminRouter(state.mastodon));

  // Threads profiles and X users (see threads/admin.ts, x/admin.ts); registering also tells the OAuth simulator.
  router.use(
    '/threads',
    threadsAdminRouter(state.threads, {
      register: (input) => state.registerThreadsAccount(input),
      expire: (token) => state.expireThreadsToken(token),
    }),
  );
  router.use(
    '/x',
    xAdminRouter(state.x, {
      register: (input) => state.registerXUser(input),
      expire: (token) => state.expireXToken(token),
    }),
  );

  router.use((req, res) => {
    res.status(404).json({ error: `no simulator admin route ${req.method} ${req.baseUrl}${req.path}` });
  });
  router.use(adminErrors);
  return router;
}
