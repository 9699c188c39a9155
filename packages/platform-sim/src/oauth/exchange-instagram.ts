// Instagram Login's code exchange on api.instagram.com: a short-lived Instagram user token, errors in that host's shape.
import type { SimState } from '../state';
import type { RedeemFailure } from './codes';
import { RawTokenError } from './errors';
import { redeemCode } from './exchange-common';
import { issueShortLivedToken } from './exchange-meta';
import { formOf } from './refresh-grant-endpoints';
import { singleParam, type TokenHandler } from './token-call';

/** api.instagram.com's error body: `{error_type, code, error_message}` (wording seen in its answers). */
const igError = (message: string, status = 400) =>
  new RawTokenError(status, { error_type: 'OAuthException', code: status, error_message: message });

const CODE_REFUSALS: Record<RedeemFailure, string> = {
  unknown: 'Matching code was not found or was already used',
  reused: 'Matching code was not found or was already used',
  client_mismatch: 'Matching code was not found or was already used',
  expired: 'This authorization code has expired',
  redirect_uri_mismatch:
    'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
  verifier_missing: 'Missing code_verifier',
  verifier_mismatch: 'Invalid code_verifier',
};

/**
 * `POST {INSTAGRAM_API_URL}/oauth/access_token`, form `client_id, client_secret, grant_type=authorization_code,
 * redirect_uri, code` → `{access_token, user_id, permissions}` (1 hour; `user_id` as a string, the
 * Instagram account id). A code still carrying the `#_` of the redirect is not a code. Then
 * `ig_exchange_token` on `INSTAGRAM_GRAPH_URL` gives the 60-day token.
 * @see https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/business-login
 */
export function instagramCodeExchange(sim: SimState): TokenHandler {
  return (req) => {
    const form = formOf(req);
    const clientId = singleParam(form, 'client_id');
    const app = clientId ? sim.oauth.app('instagram', clientId) : undefined;
    if (!clientId || !app) throw igError('Invalid platform app');
    const clientSecret = singleParam(form, 'client_secret');
    if (!clientSecret || clientSecret !== app.clientSecret) throw igError('Error validating client secret');
    if (singleParam(form, 'grant_type') !== 'authorization_code') throw igError('Unsupported grant_type');
    const redirectUri = singleParam(form, 'redirect_uri');
    if (!redirectUri) throw igError('Missing redirect_uri');
    const code = redeemCode(
      sim,
      singleParam(form, 'code') ?? '',
      {
        provider: 'instagram',
        realm: '',
        clientId,
        redirectUri,
        codeVerifier: singleParam(form, 'code_verifier'),
      },
      (reason) => igError(CODE_REFUSALS[reason]),
    );
    return () => {
      const accessToken = issueShortLivedToken(sim, code, {
        endpoint: 'instagram',
        clientId,
        prefix: 'IGAA',
        store: (token, expiresAt) =>
          sim.instagram.tokens.issue(token, { igUserIds: [code.userRef] }, expiresAt),
      });
      return { access_token: accessToken, user_id: code.userRef, permissions: code.scopes.join(',') };
    };
  };
}
