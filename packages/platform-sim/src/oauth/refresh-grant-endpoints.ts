// The RFC 6749 refresh_token grant as X (rotating, Basic auth for confidential clients) and LinkedIn serve it.
import type { Request } from 'express';
import { missingFormParameter, OAuth2Error, invalidGrantError, xInvalidToken } from './errors';
import { singleParam, type TokenHandler } from './token-call';
import { LIFETIME_S, type OAuthSimState } from './state';

const DEFAULT_X_SCOPE = 'tweet.read tweet.write users.read offline.access';

/** The form body, refusing any other content type (both platforms take application/x-www-form-urlencoded). */
export function formOf(req: Request): Record<string, unknown> {
  if (!req.is('application/x-www-form-urlencoded')) {
    throw new OAuth2Error(
      400,
      'invalid_request',
      'The token request must be sent as application/x-www-form-urlencoded',
    );
  }
  return (req.body ?? {}) as Record<string, unknown>;
}

/** `Authorization: Basic base64(client_id:client_secret)` (each part form-urlencoded, RFC 6749 §2.3.1). */
export function basicCredentials(req: Request): { clientId: string; clientSecret: string } | undefined {
  const header = req.get('authorization');
  if (!header) return undefined;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  const decoded = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  if (colon < 1) throw new OAuth2Error(401, 'invalid_client', 'Client authentication failed');
  const decode = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '));
  return { clientId: decode(decoded.slice(0, colon)), clientSecret: decode(decoded.slice(colon + 1)) };
}

function requireRefreshGrantType(
  form: Record<string, unknown>,
  missing: (name: string) => OAuth2Error,
): void {
  const grantType = singleParam(form, 'grant_type');
  if (grantType === undefined) throw missing('grant_type');
  if (grantType !== 'refresh_token') {
    throw new OAuth2Error(400, 'unsupported_grant_type', `grant_type ${grantType} is not supported here`);
  }
}

/** X's wording for an absent parameter (not verified). */
export const xMissing = (name: string) =>
  new OAuth2Error(400, 'invalid_request', `Missing required parameter [${name}].`);

/**
 * X's client authentication (token and revoke endpoints): a confidential client (registered with a
 * secret) sends `Authorization: Basic base64(client_id:client_secret)` (else 401 `unauthorized_client`
 * "Missing valid authorization header"); a public client sends `client_id` in the form. A
 * `client_secret` in the form is refused. Returns the authenticated client id.
 * @throws OAuth2Error 401 `invalid_client` for an unknown client or a wrong secret, 400 `invalid_request`.
 */
export function xClientOf(state: OAuthSimState, req: Request, form: Record<string, unknown>): string {
  const basic = basicCredentials(req);
  const formClientId = singleParam(form, 'client_id');
  if (singleParam(form, 'client_secret') !== undefined) {
    throw new OAuth2Error(400, 'invalid_request', 'client_secret must be sent in the Authorization header');
  }
  if (basic) {
    const app = state.app('x', basic.clientId);
    if (!app?.clientSecret || app.clientSecret !== basic.clientSecret) {
      throw new OAuth2Error(401, 'invalid_client', 'Client authentication failed');
    }
    if (formClientId !== undefined && formClientId !== basic.clientId) {
      throw new OAuth2Error(400, 'invalid_request', 'client_id does not match the authenticated client');
    }
    return basic.clientId;
  }
  if (!formClientId) throw xMissing('client_id');
  const app = state.app('x', formClientId);
  if (!app) throw new OAuth2Error(401, 'invalid_client', 'Client authentication failed');
  if (app.clientSecret) {
    throw new OAuth2Error(401, 'unauthorized_client', 'Missing valid authorization header');
  }
  return formClientId;
}

/**
 * `POST {X_API_URL}/2/oauth2/token`, form `grant_type=refresh_token&refresh_token&client_id`.
 * Confidential clients (registered with a secret) must send `Authorization: Basic` (else 401
 * `unauthorized_client` "Missing valid authorization header"); public clients send `client_id` only.
 * Refresh tokens rotate: the answer carries a new one and the old one answers `invalid_request`
 * "Value passed for the token was invalid." — so of two concurrent refreshes only the first succeeds.
 * @see https://docs.x.com/fundamentals/authentication/oauth-2-0/authorization-code
 * @see https://docs.x.com/fundamentals/authentication/oauth-2-0/user-access-token
 */
export function xRefresh(state: OAuthSimState): TokenHandler {
  return (req) => {
    const form = formOf(req);
    requireRefreshGrantType(form, xMissing);
    const clientId = xClientOf(state, req, form);
    const refreshToken = singleParam(form, 'refresh_token');
    if (!refreshToken) throw xMissing('refresh_token');
    const grant = state.grantByRefreshToken('x', refreshToken);
    const expired = grant?.refreshExpiresAt && grant.refreshExpiresAt.getTime() <= Date.now();
    if (!grant || grant.clientId !== clientId || expired) throw xInvalidToken();
    return () => {
      state.rotate(grant, { rotateRefreshToken: true });
      return {
        token_type: 'bearer',
        expires_in: LIFETIME_S.x,
        access_token: grant.accessToken,
        scope: grant.scope ?? DEFAULT_X_SCOPE,
        refresh_token: grant.refreshToken,
      };
    };
  };
}

/**
 * `POST {LINKEDIN_OAUTH_URL}/accessToken`, form `grant_type=refresh_token&refresh_token&client_id&client_secret`
 * (credentials in the body). The refresh token does not rotate and keeps its fixed lifetime: the answer
 * repeats it with `refresh_token_expires_in` = seconds left.
 * @see https://learn.microsoft.com/en-us/linkedin/shared/authentication/programmatic-refresh-tokens
 */
export function linkedinRefresh(state: OAuthSimState): TokenHandler {
  return (req) => {
    const form = formOf(req);
    requireRefreshGrantType(form, missingFormParameter);
    const refreshToken = singleParam(form, 'refresh_token');
    if (!refreshToken) throw missingFormParameter('refresh_token');
    const clientId = singleParam(form, 'client_id');
    if (!clientId) throw missingFormParameter('client_id');
    const clientSecret = singleParam(form, 'client_secret');
    if (!clientSecret) throw missingFormParameter('client_secret');
    const app = state.app('linkedin', clientId);
    if (!app || app.clientSecret !== clientSecret) {
      throw new OAuth2Error(401, 'invalid_client', 'Client authentication failed');
    }
    const grant = state.grantByRefreshToken('linkedin', refreshToken);
    const now = Date.now();
    const expired = grant?.refreshExpiresAt && grant.refreshExpiresAt.getTime() <= now;
    if (!grant || grant.clientId !== clientId || expired) throw invalidGrantError('linkedin');
    return () => {
      state.rotate(grant, { rotateRefreshToken: false });
      return {
        access_token: grant.accessToken,
        expires_in: LIFETIME_S.linkedin,
        refresh_token: grant.refreshToken,
        ...(grant.refreshExpiresAt
          ? { refresh_token_expires_in: Math.floor((grant.refreshExpiresAt.getTime() - now) / 1000) }
          : {}),
        ...(grant.scope ? { scope: grant.scope } : {}),
      };
    };
  };
}
