// Facebook Login's code exchange on the Graph host (short-lived user token), Graph's refusals of a code, and
// the short-lived token issue that the Meta family's code exchanges (Facebook, Instagram, Threads) share.
import crypto from 'node:crypto';
import { GraphError, missingParameter } from '../graph/errors';
import type { SimState } from '../state';
import type { RedeemFailure, SimAuthCode } from './codes';
import { redeemCode } from './exchange-common';
import { appError } from './meta-endpoints';
import type { OAuthEndpoint } from './endpoints';
import { singleParam, type TokenHandler } from './token-call';

/** Short-lived Facebook and Instagram user tokens live about an hour. */
export const SHORT_LIVED_S = 3600;

/**
 * Issues a short-lived (SHORT_LIVED_S) user token for a redeemed `code`: `prefix` + 24 random bytes,
 * handed to `store` for the platform API, registered as a grant at `endpoint` and remembered on the code
 * (so a reused code revokes it).
 * @returns the access token
 */
export function issueShortLivedToken(
  sim: SimState,
  code: SimAuthCode,
  options: {
    endpoint: OAuthEndpoint;
    clientId: string;
    prefix: string;
    store: (accessToken: string, expiresAt: Date) => void;
  },
): string {
  const accessToken = `${options.prefix}${crypto.randomBytes(24).toString('base64url')}`;
  const expiresAt = new Date(Date.now() + SHORT_LIVED_S * 1000);
  options.store(accessToken, expiresAt);
  sim.oauth.registerGrant({
    endpoint: options.endpoint,
    account_ref: code.userRef,
    access_token: accessToken,
    access_expires_at: expiresAt.toISOString(),
    client_id: options.clientId,
    scope: code.scopes.join(','),
  });
  code.issuedTokens.push(accessToken);
  return accessToken;
}

/**
 * Graph's answers for a code that does not redeem: OAuthException code 100 with the 3600x subcodes
 * (wording as Graph answers it; the subcodes are from public reports, not the reference).
 */
export function graphCodeError(reason: RedeemFailure): GraphError {
  const [message, subcode] = {
    unknown: ['Invalid verification code format.', 36_010],
    client_mismatch: ['Invalid verification code format.', 36_010],
    reused: ['This authorization code has been used.', 36_009],
    expired: ['This authorization code has expired.', 36_007],
    redirect_uri_mismatch: [
      'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
      36_008,
    ],
    verifier_missing: ['Missing code_verifier parameter.', 36_011],
    verifier_mismatch: ['Invalid code verifier.', 36_011],
  }[reason] as [string, number];
  return new GraphError(400, { message, type: 'OAuthException', code: 100, error_subcode: subcode });
}

/**
 * `GET {META_GRAPH_URL}/oauth/access_token?client_id&client_secret&redirect_uri&code` →
 * `{access_token, token_type: "bearer", expires_in: 3600}`: a short-lived user token of the Facebook
 * user who consented, acting for the Instagram business account of each of their pages, answering
 * `/me` and `/me/accounts`; `fb_exchange_token` turns it into a long-lived one.
 * @see https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow#confirm
 */
export function facebookCodeExchange(sim: SimState): TokenHandler {
  return (req) => {
    const query = req.query as Record<string, unknown>;
    const clientId = singleParam(query, 'client_id');
    if (!clientId) throw appError('Missing client_id parameter.', 101);
    const app = sim.oauth.app('facebook', clientId);
    if (!app) throw appError('Error validating application. Invalid application ID.', 101);
    const clientSecret = singleParam(query, 'client_secret');
    if (!clientSecret) throw appError('Missing client_secret parameter.', 1);
    if (clientSecret !== app.clientSecret) throw appError('Error validating client secret.', 1);
    const redirectUri = singleParam(query, 'redirect_uri');
    if (!redirectUri) throw missingParameter('redirect_uri');
    const code = redeemCode(
      sim,
      singleParam(query, 'code') ?? '',
      {
        provider: 'facebook',
        realm: '',
        clientId,
        redirectUri,
        codeVerifier: singleParam(query, 'code_verifier'),
      },
      graphCodeError,
    );
    return () => {
      const accessToken = issueShortLivedToken(sim, code, {
        endpoint: 'facebook',
        clientId,
        prefix: 'EAA',
        store: (token, expiresAt) =>
          sim.instagram.tokens.issue(
            token,
            { igUserIds: sim.metaUsers.igUserIdsOf(code.userRef), metaUserId: code.userRef },
            expiresAt,
          ),
      });
      return { access_token: accessToken, token_type: 'bearer', expires_in: SHORT_LIVED_S };
    };
  };
}
