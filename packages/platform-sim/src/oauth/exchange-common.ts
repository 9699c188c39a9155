// What every code exchange shares: redeeming the code (refusals in the provider's shape) and revoking a reused code's tokens.
import type { GraphError } from '../graph/errors';
import type { SimState } from '../state';
import type { CodeRedemption, RedeemFailure, SimAuthCode } from './codes';
import { PLATFORM_OF_ENDPOINT } from './endpoints';
import type { OAuth2Error, RawTokenError } from './errors';

/**
 * Redeems `code` or throws `refuse(reason)`. A code presented a second time also revokes every token
 * issued with it (RFC 6749 §4.1.2: "SHOULD revoke … all tokens previously issued based on that code").
 */
export function redeemCode(
  sim: SimState,
  code: string,
  presented: CodeRedemption,
  refuse: (reason: RedeemFailure) => OAuth2Error | GraphError | RawTokenError,
): SimAuthCode {
  const result = sim.oauth.codes.redeem(code, presented);
  if (result.ok) return result.code;
  if (result.reason === 'reused' && result.code) {
    for (const token of result.code.issuedTokens) revokeIssuedToken(sim, result.code, token);
  }
  throw refuse(result.reason);
}

/** Makes `token` (issued with `code`) stop working on the platform API and at the refresh endpoints. */
function revokeIssuedToken(sim: SimState, code: SimAuthCode, token: string): void {
  sim.oauth.revoke(token);
  if (code.provider === 'mastodon') sim.mastodon.revokeToken(code.realm, token);
  else sim.tokensOf(PLATFORM_OF_ENDPOINT[code.provider]).revoke(token);
}

/** Human wording of a refused code, for `error_description` / Graph `message`. */
export const REDEEM_FAILURE_TEXT: Record<RedeemFailure, string> = {
  unknown: 'The authorization code is invalid.',
  reused: 'The authorization code has been used.',
  expired: 'The authorization code has expired.',
  client_mismatch: 'The authorization code was issued to another client.',
  redirect_uri_mismatch: 'redirect_uri does not match the one of the authorization request.',
  verifier_missing: 'code_verifier is missing.',
  verifier_mismatch: 'code_verifier does not match the code_challenge.',
};
