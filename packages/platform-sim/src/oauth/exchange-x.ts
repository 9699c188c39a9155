// X's authorization_code grant: Basic auth for confidential clients, PKCE verifier, access + rotating refresh token.
import crypto from 'node:crypto';
import type { SimState } from '../state';
import { OAuth2Error } from './errors';
import { redeemCode, REDEEM_FAILURE_TEXT } from './exchange-common';
import { formOf, xClientOf, xMissing } from './refresh-grant-endpoints';
import { LIFETIME_S } from './state';
import { singleParam, type TokenHandler } from './token-call';

/**
 * `POST {X_API_URL}/2/oauth2/token`, form `grant_type=authorization_code, code, redirect_uri,
 * code_verifier, client_id` (+ `Authorization: Basic` for confidential clients) →
 * `{token_type: "bearer", expires_in: 7200, access_token, scope, refresh_token?}`; the refresh token
 * only with `offline.access`. The token works at once on the X API for the consenting user and
 * refreshes through the refresh_token grant. Refused codes answer 400 `invalid_request`.
 * @see https://docs.x.com/fundamentals/authentication/oauth-2-0/user-access-token
 */
export function xCodeExchange(sim: SimState): TokenHandler {
  return (req) => {
    const form = formOf(req);
    const clientId = xClientOf(sim.oauth, req, form);
    const value = singleParam(form, 'code');
    if (!value) throw xMissing('code');
    const redirectUri = singleParam(form, 'redirect_uri');
    if (!redirectUri) throw xMissing('redirect_uri');
    const codeVerifier = singleParam(form, 'code_verifier');
    if (!codeVerifier) throw xMissing('code_verifier');
    const code = redeemCode(
      sim,
      value,
      { provider: 'x', realm: '', clientId, redirectUri, codeVerifier },
      (reason) => new OAuth2Error(400, 'invalid_request', REDEEM_FAILURE_TEXT[reason]),
    );
    return () => {
      const accessToken = `xat-${crypto.randomBytes(24).toString('base64url')}`;
      const offline = code.scopes.includes('offline.access');
      const refreshToken = offline ? `rt-${crypto.randomBytes(24).toString('base64url')}` : undefined;
      const expiresAt = new Date(Date.now() + LIFETIME_S.x * 1000);
      sim.x.tokens.issue(accessToken, { userId: code.userRef, scopes: code.scopes }, expiresAt);
      sim.oauth.registerGrant({
        endpoint: 'x',
        account_ref: code.userRef,
        access_token: accessToken,
        access_expires_at: expiresAt.toISOString(),
        client_id: clientId,
        scope: code.scopes.join(' '),
        ...(refreshToken ? { refresh_token: refreshToken } : {}),
      });
      code.issuedTokens.push(accessToken, ...(refreshToken ? [refreshToken] : []));
      return {
        token_type: 'bearer',
        expires_in: LIFETIME_S.x,
        access_token: accessToken,
        scope: code.scopes.join(' '),
        ...(refreshToken ? { refresh_token: refreshToken } : {}),
      };
    };
  };
}
