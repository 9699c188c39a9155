// LinkedIn's authorization_code grant: client secret in the form, 60-day token, OIDC id_token, refresh for partner apps.
import crypto from 'node:crypto';
import type { SimState } from '../state';
import { missingFormParameter, OAuth2Error } from './errors';
import { redeemCode } from './exchange-common';
import { formOf } from './refresh-grant-endpoints';
import { LIFETIME_S } from './state';
import { singleParam, type TokenHandler } from './token-call';

/** Programmatic refresh tokens live 365 days from the member's consent. */
const REFRESH_LIFETIME_S = 365 * 86_400;

/** LinkedIn's one answer for any code that does not redeem (wording seen in its answers). */
const codeRefused = () =>
  new OAuth2Error(
    400,
    'invalid_request',
    'Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code. Or authorization code expired. Or external member binding exists',
  );

/** An OIDC id_token signed HS256 with the client secret (OpenID Connect Core §10.1). */
function idToken(claims: Record<string, unknown>, secret: string): string {
  const encode = (part: unknown) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${unsigned}.${crypto.createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

/**
 * `POST {LINKEDIN_OAUTH_URL}/accessToken`, form `grant_type=authorization_code, code, client_id,
 * client_secret, redirect_uri` → `{access_token, expires_in: 5184000, scope (comma-separated, as
 * LinkedIn writes it), id_token? (with openid), refresh_token? + refresh_token_expires_in? (apps
 * registered with programmatic_refresh)}`. The token works at once on `/linkedin/v2/userinfo` and the
 * Posts API for the consenting member.
 * @see https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow
 */
export function linkedinCodeExchange(sim: SimState): TokenHandler {
  return (req) => {
    const form = formOf(req);
    const required = (name: string) => {
      const value = singleParam(form, name);
      if (!value) throw missingFormParameter(name);
      return value;
    };
    const value = required('code');
    const clientId = required('client_id');
    const clientSecret = required('client_secret');
    const redirectUri = required('redirect_uri');
    const app = sim.oauth.app('linkedin', clientId);
    if (!app || app.clientSecret !== clientSecret) {
      throw new OAuth2Error(401, 'invalid_client', 'Client authentication failed');
    }
    const code = redeemCode(
      sim,
      value,
      {
        provider: 'linkedin',
        realm: '',
        clientId,
        redirectUri,
        codeVerifier: singleParam(form, 'code_verifier'),
      },
      codeRefused,
    );
    return () => {
      const nowMs = Date.now();
      const accessToken = `AQV${crypto.randomBytes(24).toString('base64url')}`;
      const refreshToken = app.programmaticRefresh
        ? `AQX${crypto.randomBytes(24).toString('base64url')}`
        : undefined;
      const expiresAt = new Date(nowMs + LIFETIME_S.linkedin * 1000);
      sim.linkedin.addToken(accessToken, code.userRef, code.scopes, expiresAt);
      sim.oauth.registerGrant({
        endpoint: 'linkedin',
        account_ref: code.userRef,
        access_token: accessToken,
        access_expires_at: expiresAt.toISOString(),
        client_id: clientId,
        scope: code.scopes.join(' '),
        ...(refreshToken
          ? {
              refresh_token: refreshToken,
              refresh_expires_at: new Date(nowMs + REFRESH_LIFETIME_S * 1000).toISOString(),
            }
          : {}),
      });
      code.issuedTokens.push(accessToken, ...(refreshToken ? [refreshToken] : []));
      const member = sim.linkedin.members.get(code.userRef)!;
      const nowS = Math.floor(nowMs / 1000);
      return {
        access_token: accessToken,
        expires_in: LIFETIME_S.linkedin,
        scope: code.scopes.join(','),
        ...(refreshToken
          ? { refresh_token: refreshToken, refresh_token_expires_in: REFRESH_LIFETIME_S }
          : {}),
        ...(code.scopes.includes('openid')
          ? {
              id_token: idToken(
                {
                  iss: 'https://www.linkedin.com/oauth',
                  aud: clientId,
                  iat: nowS,
                  exp: nowS + 3600,
                  sub: member.sub,
                  name: member.name,
                  ...(member.email && code.scopes.includes('email')
                    ? { email: member.email, email_verified: true }
                    : {}),
                },
                clientSecret,
              ),
            }
          : {}),
      };
    };
  };
}
