// Meta refresh calls: Graph fb_exchange_token (Facebook Login), Instagram-Login ig_refresh_token, Threads th_refresh_token.
import type { AxiosInstance } from 'axios';
import { callTokenEndpoint, classifyGraphError } from './provider-http';
import type { RefreshStrategy, TokenGrant } from './types';

/** Meta long-lived tokens last about 60 days; used when an answer carries no `expires_in`. */
const DEFAULT_LIFETIME_S = 60 * 24 * 3600;

function grantOf(body: Record<string, unknown>, now: Date): TokenGrant {
  const expiresInS =
    typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : DEFAULT_LIFETIME_S;
  return { accessToken: body.access_token as string, expiresAt: new Date(now.getTime() + expiresInS * 1000) };
}

/**
 * Instagram via Facebook Login: `GET {META_GRAPH_URL}/oauth/access_token?grant_type=fb_exchange_token
 * &client_id={META_APP_ID}&client_secret={META_APP_SECRET}&fb_exchange_token={token}` →
 * `{access_token, token_type, expires_in}`. An expired token cannot be exchanged.
 * @see https://developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived
 */
export function facebookExchangeStrategy(
  http: AxiosInstance,
  metaGraphUrl: string,
  app: { appId: string; appSecret: string },
): RefreshStrategy {
  return {
    name: 'fb_exchange_token',
    async exchange(tokens, _credential, now) {
      const body = await callTokenEndpoint(
        http,
        {
          label: 'Graph',
          method: 'GET',
          url: `${metaGraphUrl}/oauth/access_token`,
          params: {
            grant_type: 'fb_exchange_token',
            client_id: app.appId,
            client_secret: app.appSecret,
            fb_exchange_token: tokens.accessToken,
          },
        },
        classifyGraphError,
      );
      return grantOf(body, now);
    },
  };
}

/**
 * Instagram-Login (`extra.login_type = "instagram"`) and Threads long-lived tokens:
 * `GET {base}/refresh_access_token?grant_type=<ig_refresh_token|th_refresh_token>&access_token={token}`
 * → `{access_token, token_type, expires_in}`. No app secret; the token must be ≥ 24 h old and unexpired.
 * @see https://developers.facebook.com/docs/instagram-platform/reference/refresh_access_token
 * @see https://developers.facebook.com/docs/threads/get-started/long-lived-tokens/
 */
export function metaRefreshStrategy(
  http: AxiosInstance,
  baseUrl: string,
  grantType: 'ig_refresh_token' | 'th_refresh_token',
): RefreshStrategy {
  const label = grantType === 'ig_refresh_token' ? 'Instagram' : 'Threads';
  return {
    name: grantType,
    async exchange(tokens, _credential, now) {
      const body = await callTokenEndpoint(
        http,
        {
          label,
          method: 'GET',
          url: `${baseUrl}/refresh_access_token`,
          params: { grant_type: grantType, access_token: tokens.accessToken },
        },
        classifyGraphError,
      );
      return grantOf(body, now);
    },
  };
}
