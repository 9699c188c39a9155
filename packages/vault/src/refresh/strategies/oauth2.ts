// RFC 6749 refresh_token grants: X (rotating refresh tokens, Basic auth for confidential clients) and LinkedIn.
import type { AxiosInstance } from 'axios';
import { callTokenEndpoint, classifyOAuth2Error } from './provider-http';
import { RefreshFailure, type RefreshStrategy, type StoredTokens, type TokenGrant } from './types';

function requireRefreshToken(tokens: StoredTokens, label: string): string {
  if (!tokens.refreshToken) throw new RefreshFailure('permanent', `${label}: no refresh token is stored`);
  return tokens.refreshToken;
}

function grantOf(body: Record<string, unknown>, now: Date): TokenGrant {
  const seconds = (value: unknown) => (typeof value === 'number' && value > 0 ? value : undefined);
  const expiresInS = seconds(body.expires_in);
  const refreshExpiresInS = seconds(body.refresh_token_expires_in);
  return {
    accessToken: body.access_token as string,
    expiresAt: expiresInS === undefined ? null : new Date(now.getTime() + expiresInS * 1000),
    ...(typeof body.refresh_token === 'string' && body.refresh_token
      ? { refreshToken: body.refresh_token }
      : {}),
    ...(refreshExpiresInS !== undefined
      ? { refreshExpiresAt: new Date(now.getTime() + refreshExpiresInS * 1000) }
      : {}),
    ...(typeof body.scope === 'string' ? { scopes: body.scope.split(/[\s,]+/).filter(Boolean) } : {}),
  };
}

/**
 * A refresh_token grant: `POST url` with the form `grant_type=refresh_token&refresh_token` plus `clientForm`
 * (and `basicAuth` when given); the answer becomes a TokenGrant. `label` names the platform in failures.
 */
function refreshTokenGrant(
  http: AxiosInstance,
  name: string,
  request: {
    label: string;
    url: string;
    clientForm: Record<string, string>;
    basicAuth?: { username: string; password: string };
  },
): RefreshStrategy {
  const { label, url, clientForm, basicAuth } = request;
  return {
    name,
    async exchange(tokens, _credential, now) {
      const body = await callTokenEndpoint(
        http,
        {
          label,
          method: 'POST',
          url,
          form: {
            grant_type: 'refresh_token',
            refresh_token: requireRefreshToken(tokens, label),
            ...clientForm,
          },
          ...(basicAuth ? { basicAuth } : {}),
        },
        classifyOAuth2Error,
      );
      return grantOf(body, now);
    },
  };
}

/**
 * X: `POST {X_API_URL}/2/oauth2/token`, form `grant_type=refresh_token&refresh_token&client_id`;
 * a confidential client (X_CLIENT_SECRET set) also sends `Authorization: Basic base64(client_id:client_secret)`.
 * Answer `{token_type, expires_in: 7200, access_token, scope, refresh_token}`: the refresh token
 * rotates and the old one stops working, so the caller must persist the new one with the access token.
 * @see https://docs.x.com/fundamentals/authentication/oauth-2-0/authorization-code
 * @see https://docs.x.com/fundamentals/authentication/oauth-2-0/user-access-token
 */
export function xRefreshStrategy(
  http: AxiosInstance,
  xApiUrl: string,
  app: { clientId: string; clientSecret?: string },
): RefreshStrategy {
  return refreshTokenGrant(http, 'refresh_token (X)', {
    label: 'X',
    url: `${xApiUrl}/2/oauth2/token`,
    clientForm: { client_id: app.clientId },
    ...(app.clientSecret ? { basicAuth: { username: app.clientId, password: app.clientSecret } } : {}),
  });
}

/**
 * LinkedIn: `POST {LINKEDIN_OAUTH_URL}/accessToken`, form
 * `grant_type=refresh_token&refresh_token&client_id&client_secret` → `{access_token, expires_in,
 * refresh_token, refresh_token_expires_in}`. The refresh token keeps its fixed 365-day lifetime.
 * @see https://learn.microsoft.com/en-us/linkedin/shared/authentication/programmatic-refresh-tokens
 */
export function linkedinRefreshStrategy(
  http: AxiosInstance,
  linkedinOAuthUrl: string,
  app: { clientId: string; clientSecret: string },
): RefreshStrategy {
  return refreshTokenGrant(http, 'refresh_token (LinkedIn)', {
    label: 'LinkedIn',
    url: `${linkedinOAuthUrl}/accessToken`,
    clientForm: { client_id: app.clientId, client_secret: app.clientSecret },
  });
}
