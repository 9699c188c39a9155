// Mounts the simulated token endpoints at the paths the real ones have below each platform's simulator prefix.
import express, { Router } from 'express';
import { META_GRAPH_VERSION } from '@socialvault/vault-api';
import { facebookExchange, metaRefresh } from './meta-endpoints';
import { linkedinRefresh, xRefresh } from './refresh-grant-endpoints';
import type { OAuthSimState } from './state';
import { tokenEndpoint } from './token-call';

/**
 * Token endpoint paths, relative to the simulator origin. With the simulator at `${sim}`:
 * META_GRAPH_URL=`${sim}/v25.0`, INSTAGRAM_GRAPH_URL=`${sim}/instagram`, THREADS_API_URL=`${sim}/threads/v1.0`
 * (its refresh endpoint sits at the host root, without the version), X_API_URL=`${sim}/x`,
 * LINKEDIN_OAUTH_URL=`${sim}/linkedin-oauth/oauth/v2`.
 */
export const OAUTH_PATHS = {
  facebook: `/${META_GRAPH_VERSION}/oauth/access_token`,
  instagram: '/instagram/refresh_access_token',
  threads: '/threads/refresh_access_token',
  x: '/x/2/oauth2/token',
  linkedin: '/linkedin-oauth/oauth/v2/accessToken',
} as const;

/** The LINKEDIN_OAUTH_URL path prefix of the simulator (the real one is https://www.linkedin.com/oauth/v2). */
export const LINKEDIN_OAUTH_PREFIX = '/linkedin-oauth/oauth/v2';

/**
 * Exact token paths only; anything else passes through to the platform routers. Mount it before
 * them so that, e.g., `/x/2/oauth2/token` is answered here rather than by the X API simulator.
 */
export function oauthRouter(state: OAuthSimState): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '64kb' });
  router.get(OAUTH_PATHS.facebook, tokenEndpoint(state, 'facebook', facebookExchange(state)));
  router.get(
    OAUTH_PATHS.instagram,
    tokenEndpoint(state, 'instagram', metaRefresh(state, 'instagram', 'ig_refresh_token')),
  );
  router.get(
    OAUTH_PATHS.threads,
    tokenEndpoint(state, 'threads', metaRefresh(state, 'threads', 'th_refresh_token')),
  );
  router.post(OAUTH_PATHS.x, form, tokenEndpoint(state, 'x', xRefresh(state)));
  router.post(OAUTH_PATHS.linkedin, form, tokenEndpoint(state, 'linkedin', linkedinRefresh(state)));
  return router;
}
