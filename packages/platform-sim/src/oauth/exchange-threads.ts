// Threads' code exchange on graph.threads.net: a short-lived Threads user token.
import { invalidParameter, missingParameter } from '../graph/errors';
import type { SimState } from '../state';
import { redeemCode } from './exchange-common';
import { graphCodeError, issueShortLivedToken } from './exchange-meta';
import { appError } from './meta-endpoints';
import { formOf } from './refresh-grant-endpoints';
import { singleParam, type TokenHandler } from './token-call';

/**
 * `POST {THREADS origin}/oauth/access_token`, form `client_id, client_secret, code,
 * grant_type=authorization_code, redirect_uri` → `{access_token, user_id}` (short-lived, 1 hour; the
 * Threads user id as a string). Graph-shaped errors. Then `th_exchange_token` gives the 60-day token.
 * @see https://developers.facebook.com/docs/threads/get-started/get-access-tokens-and-permissions
 */
export function threadsCodeExchange(sim: SimState): TokenHandler {
  return (req) => {
    const form = formOf(req);
    const clientId = singleParam(form, 'client_id');
    if (!clientId) throw appError('Missing client_id parameter.', 101);
    const app = sim.oauth.app('threads', clientId);
    if (!app) throw appError('Error validating application. Invalid application ID.', 101);
    const clientSecret = singleParam(form, 'client_secret');
    if (!clientSecret || clientSecret !== app.clientSecret)
      throw appError('Error validating client secret.', 1);
    const grantType = singleParam(form, 'grant_type');
    if (grantType === undefined) throw missingParameter('grant_type');
    if (grantType !== 'authorization_code')
      throw invalidParameter('(#100) grant_type must be authorization_code');
    const redirectUri = singleParam(form, 'redirect_uri');
    if (!redirectUri) throw missingParameter('redirect_uri');
    const code = redeemCode(
      sim,
      singleParam(form, 'code') ?? '',
      {
        provider: 'threads',
        realm: '',
        clientId,
        redirectUri,
        codeVerifier: singleParam(form, 'code_verifier'),
      },
      graphCodeError,
    );
    return () => {
      const accessToken = issueShortLivedToken(sim, code, {
        endpoint: 'threads',
        clientId,
        prefix: 'THAA',
        store: (token, expiresAt) => sim.threads.tokens.issue(token, { userId: code.userRef }, expiresAt),
      });
      return { access_token: accessToken, user_id: code.userRef };
    };
  };
}
