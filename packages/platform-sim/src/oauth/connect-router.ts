// Mounts the connect flows: each provider's authorize endpoint and its code exchange, at the real paths under the simulator's prefixes.
import express, { Router, type RequestHandler } from 'express';
import type { SimState } from '../state';
import { MASTODON_SIM_PATH } from '../mastodon/state';
import { linkedinAuthorizeAdapter, mastodonAuthorizeAdapter, xAuthorizeAdapter } from './authorize/adapters';
import { authorizeEndpoint } from './authorize/endpoint';
import { AUTHORIZE_PATHS } from './authorize/providers';
import { linkedinCodeExchange } from './exchange-linkedin';
import { xCodeExchange } from './exchange-x';
import { mastodonOAuthRouter } from './mastodon-oauth';
import { OAUTH_PATHS } from './router';
import { tokenEndpoint } from './token-call';

/** Runs `handler` for requests whose form says `grant_type=authorization_code`; others go on to the refresh grant. */
const codeGrantOnly =
  (handler: RequestHandler): RequestHandler =>
  (req, res, next) =>
    (req.body as Record<string, unknown> | undefined)?.grant_type === 'authorization_code'
      ? handler(req, res, next)
      : next();

/**
 * Mount before `oauthRouter`: the token paths shared with the refresh grants (X, LinkedIn, Graph)
 * answer here only for a code exchange and fall through otherwise.
 */
export function connectRouter(sim: SimState): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '64kb' });
  router.use(AUTHORIZE_PATHS.x, authorizeEndpoint(sim.oauth, xAuthorizeAdapter(sim)));
  router.post(OAUTH_PATHS.x, form, codeGrantOnly(tokenEndpoint(sim.oauth, 'x', xCodeExchange(sim))));
  router.use(AUTHORIZE_PATHS.linkedin, authorizeEndpoint(sim.oauth, linkedinAuthorizeAdapter(sim)));
  router.post(
    OAUTH_PATHS.linkedin,
    form,
    codeGrantOnly(tokenEndpoint(sim.oauth, 'linkedin', linkedinCodeExchange(sim))),
  );
  router.use(
    `${MASTODON_SIM_PATH}/:instance/oauth/authorize`,
    authorizeEndpoint(sim.oauth, mastodonAuthorizeAdapter(sim)),
  );
  router.use(`${MASTODON_SIM_PATH}/:instance`, mastodonOAuthRouter(sim));
  return router;
}
