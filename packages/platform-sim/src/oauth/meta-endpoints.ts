// Meta's token endpoints: Graph `fb_exchange_token`, Instagram-Login `ig_refresh_token`, Threads `th_refresh_token`.
import type { Request } from 'express';
import {
  expiredToken,
  GraphError,
  invalidParameter,
  invalidToken,
  missingParameter,
  missingToken,
} from '../graph/errors';
import { singleParam, type TokenHandler } from './token-call';
import { isOldEnoughToRefresh, LIFETIME_S, type OAuthSimState } from './state';

/** App errors of Graph's oauth/access_token (verified wording: "Missing client_id parameter." code 101, "Error validating client secret." code 1). */
export const appError = (message: string, code: number) =>
  new GraphError(400, { message, type: 'OAuthException', code });

function queryOf(req: Request): Record<string, unknown> {
  return req.query as Record<string, unknown>;
}

/**
 * `GET {META_GRAPH_URL}/oauth/access_token?grant_type=fb_exchange_token&client_id&client_secret&fb_exchange_token`
 * → `{access_token, token_type: "bearer", expires_in}`. The app must be registered (`facebook`) with
 * that secret; the token must be a live, unexpired `facebook` grant of that app. The old token keeps
 * working until it expires, as Meta's do.
 * @see https://developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived
 */
export function facebookExchange(state: OAuthSimState): TokenHandler {
  return (req) => {
    const query = queryOf(req);
    const grantType = singleParam(query, 'grant_type');
    if (grantType === undefined) throw missingParameter('grant_type');
    if (grantType !== 'fb_exchange_token') {
      throw invalidParameter(`(#100) Unsupported grant_type: this simulator serves fb_exchange_token only`);
    }
    const clientId = singleParam(query, 'client_id');
    if (!clientId) throw appError('Missing client_id parameter.', 101);
    const app = state.app('facebook', clientId);
    if (!app) throw appError('Error validating application. Invalid application ID.', 101);
    const clientSecret = singleParam(query, 'client_secret');
    if (!clientSecret) throw appError('Missing client_secret parameter.', 1);
    if (clientSecret !== app.clientSecret) throw appError('Error validating client secret.', 1);
    const token = singleParam(query, 'fb_exchange_token');
    if (!token) throw missingParameter('fb_exchange_token');
    const issued = state.findAccessToken('facebook', token);
    if (!issued || (issued.grant.clientId && issued.grant.clientId !== clientId)) throw invalidToken();
    // "You can not use an expired token to request a long-lived token" (same page).
    if (issued.expiresAt.getTime() <= Date.now()) throw expiredToken(issued.expiresAt);
    return () => {
      const grant = state.rotate(issued.grant, { rotateRefreshToken: false });
      return { access_token: grant.accessToken, token_type: 'bearer', expires_in: LIFETIME_S.facebook };
    };
  };
}

/**
 * `GET {host}/refresh_access_token?grant_type=<ig_refresh_token|th_refresh_token>&access_token` →
 * `{access_token, token_type: "bearer", expires_in}`. The token must be a live long-lived token at
 * least 24 hours old and unexpired; no app secret is sent (one in the query is refused, so a client
 * that leaks it fails here).
 * @see https://developers.facebook.com/docs/instagram-platform/reference/refresh_access_token
 * @see https://developers.facebook.com/docs/threads/get-started/long-lived-tokens/
 */
export function metaRefresh(
  state: OAuthSimState,
  endpoint: 'instagram' | 'threads',
  expectedGrantType: 'ig_refresh_token' | 'th_refresh_token',
): TokenHandler {
  return (req) => {
    const query = queryOf(req);
    const grantType = singleParam(query, 'grant_type');
    if (grantType === undefined) throw missingParameter('grant_type');
    if (grantType !== expectedGrantType) {
      throw invalidParameter(`(#100) grant_type must be ${expectedGrantType}`);
    }
    if (singleParam(query, 'client_secret') !== undefined) {
      throw invalidParameter('(#100) client_secret should not be passed to /refresh_access_token');
    }
    const token = singleParam(query, 'access_token');
    if (!token) throw missingToken();
    const issued = state.findAccessToken(endpoint, token);
    if (!issued) throw invalidToken();
    const now = new Date();
    if (issued.expiresAt.getTime() <= now.getTime()) throw expiredToken(issued.expiresAt, now);
    // Wording not verified; the docs only say the token must be at least 24 hours old.
    if (!isOldEnoughToRefresh(issued, now)) {
      throw invalidParameter('(#100) The access token must be at least 24 hours old to be refreshed');
    }
    return () => {
      const grant = state.rotate(issued.grant, { rotateRefreshToken: false });
      return { access_token: grant.accessToken, token_type: 'bearer', expires_in: LIFETIME_S[endpoint] };
    };
  };
}

/**
 * `GET {host}/access_token?grant_type=<ig_exchange_token|th_exchange_token>&client_secret&access_token`
 * (host: graph.instagram.com, graph.threads.net) → `{access_token, token_type: "bearer", expires_in}`
 * (60 days). The short-lived token must be live and unexpired, and `client_secret` that of the app it
 * was issued to. The long-lived token works at once on the platform API (rotation listener) and
 * refreshes after 24 hours; the short-lived one keeps working until it expires.
 * @see https://developers.facebook.com/docs/instagram-platform/reference/access_token
 * @see https://developers.facebook.com/docs/threads/get-started/long-lived-tokens/
 */
export function metaLongLivedExchange(
  state: OAuthSimState,
  endpoint: 'instagram' | 'threads',
  expectedGrantType: 'ig_exchange_token' | 'th_exchange_token',
): TokenHandler {
  return (req) => {
    const query = queryOf(req);
    const grantType = singleParam(query, 'grant_type');
    if (grantType === undefined) throw missingParameter('grant_type');
    if (grantType !== expectedGrantType)
      throw invalidParameter(`(#100) grant_type must be ${expectedGrantType}`);
    const clientSecret = singleParam(query, 'client_secret');
    if (!clientSecret) throw appError('Missing client_secret parameter.', 1);
    const token = singleParam(query, 'access_token');
    if (!token) throw missingToken();
    const issued = state.findAccessToken(endpoint, token);
    if (!issued) throw invalidToken();
    const app = issued.grant.clientId ? state.app(endpoint, issued.grant.clientId) : undefined;
    if (!app?.clientSecret || app.clientSecret !== clientSecret)
      throw appError('Error validating client secret.', 1);
    if (issued.expiresAt.getTime() <= Date.now()) throw expiredToken(issued.expiresAt);
    return () => {
      const grant = state.rotate(issued.grant, { rotateRefreshToken: false });
      return { access_token: grant.accessToken, token_type: 'bearer', expires_in: LIFETIME_S[endpoint] };
    };
  };
}
