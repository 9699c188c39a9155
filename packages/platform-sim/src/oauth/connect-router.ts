// Mounts the connect flows: each provider's authorize endpoint and its code exchange, at the real paths under the simulator's prefixes.
import express, { Router, type RequestHandler } from 'express';
import { MASTODON_SIM_PATH } from '../mastodon/state';
import type { SimState } from '../state';
import {
  facebookAuthorizeAdapter,
  instagramAuthorizeAdapter,
  linkedinAuthorizeAdapter,
  mastodonAuthorizeAdapter,
  threadsAuthorizeAdapter,
  xAuthorizeAdapter,
} from './authorize/adapters';
import { authorizeEndpoint } from './authorize/endpoint';
import { AUTHORIZE_PATHS } from './authorize/providers';
import { instagramCodeExchange } from './exchange-instagram';
import { linkedinCodeExchange } from './exchange-linkedin';
import { facebookCodeExchange } from './exchange-meta';
import { threadsCodeExchange } from './exchange-threads';
import { xCodeExchange } from './exchange-x';
import { mastodonOAuthRouter } from './mastodon-oauth';
import { metaLongLivedExchange } from './meta-endpoints';
import { OAUTH_PATHS } from './router';
import { tokenEndpoint } from './token-call';

/**
 * Code-exchange paths of their own (the X, LinkedIn and Facebook ones share `OAUTH_PATHS` with the
 * refresh grants). With the simulator at `${sim}`: INSTAGRAM_API_URL=`${sim}/instagram-api`.
 */
export const CODE_EXCHANGE_PATHS = {
  /** api.instagram.com `POST /oauth/access_token`. */
  instagram: '/instagram-api/oauth/access_token',
  /** graph.instagram.com `GET /access_token?grant_type=ig_exchange_token`. */
  instagramLongLived: '/instagram/access_token',
  /** graph.threads.net `POST /oauth/access_token`. */
  threads: '/threads/oauth/access_token',
  /** graph.threads.net `GET /access_token?grant_type=th_exchange_token`. */
  threadsLongLived: '/threads/access_token',
} as const;

/** Runs `handler` when `matches(req)`; other requests go on (to the refresh grant of the same path). */
const only =
  (matches: (params: Record<string, unknown>) => boolean, handler: RequestHandler): RequestHandler =>
  (req, res, next) =>
    matches({ ...(req.query as object), ...((req.body as object | undefined) ?? {}) })
      ? handler(req, res, next)
      : next();
const isCodeGrant = (params: Record<string, unknown>) => params.grant_type === 'authorization_code';

/**
 * Mount before `oauthRouter`: the token paths shared with the refresh grants (X, LinkedIn, Graph)
 * answer here only for a code exchange and fall through otherwise.
 */
export function connectRouter(sim: SimState): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '64kb' });
  const token = (
    provider: Parameters<typeof tokenEndpoint>[1],
    handler: Parameters<typeof tokenEndpoint>[2],
  ) => tokenEndpoint(sim.oauth, provider, handler);

  router.use(AUTHORIZE_PATHS.facebook, authorizeEndpoint(sim.oauth, facebookAuthorizeAdapter(sim)));
  router.get(
    OAUTH_PATHS.facebook,
    only((p) => p.code !== undefined, token('facebook', facebookCodeExchange(sim))),
  );

  router.use(AUTHORIZE_PATHS.instagram, authorizeEndpoint(sim.oauth, instagramAuthorizeAdapter(sim)));
  router.post(CODE_EXCHANGE_PATHS.instagram, form, token('instagram', instagramCodeExchange(sim)));
  router.get(
    CODE_EXCHANGE_PATHS.instagramLongLived,
    token('instagram', metaLongLivedExchange(sim.oauth, 'instagram', 'ig_exchange_token')),
  );

  router.use(AUTHORIZE_PATHS.threads, authorizeEndpoint(sim.oauth, threadsAuthorizeAdapter(sim)));
  router.post(CODE_EXCHANGE_PATHS.threads, form, token('threads', threadsCodeExchange(sim)));
  router.get(
    CODE_EXCHANGE_PATHS.threadsLongLived,
    token('threads', metaLongLivedExchange(sim.oauth, 'threads', 'th_exchange_token')),
  );

  router.use(AUTHORIZE_PATHS.x, authorizeEndpoint(sim.oauth, xAuthorizeAdapter(sim)));
  router.post(OAUTH_PATHS.x, form, only(isCodeGrant, token('x', xCodeExchange(sim))));

  router.use(AUTHORIZE_PATHS.linkedin, authorizeEndpoint(sim.oauth, linkedinAuthorizeAdapter(sim)));
  router.post(OAUTH_PATHS.linkedin, form, only(isCodeGrant, token('linkedin', linkedinCodeExchange(sim))));

  router.use(
    `${MASTODON_SIM_PATH}/:instance/oauth/authorize`,
    authorizeEndpoint(sim.oauth, mastodonAuthorizeAdapter(sim)),
  );
  router.use(`${MASTODON_SIM_PATH}/:instance`, mastodonOAuthRouter(sim));
  return router;
}
