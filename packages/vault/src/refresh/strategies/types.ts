// What a platform refresh strategy is: one token endpoint call, its result, and how its failures are classified.
import type { CredentialRecord } from '../../db/credential-repository';

/**
 * How a failed refresh is treated. `permanent`: the grant is dead (invalid_grant, Graph code 190,
 * revoked) → the credential becomes `expired` and a reconnect event is sent. `transient`: network,
 * timeout, 5xx, 429 → status unchanged, retried with backoff. `config`: the platform refused our
 * app credentials → status unchanged (not the user's fault), retried with backoff, logged as an error.
 */
export type RefreshFailureKind = 'permanent' | 'transient' | 'config';

/** A classified token-endpoint failure. `message` never holds a token or secret. */
export class RefreshFailure extends Error {
  override name = 'RefreshFailure';
  constructor(
    readonly kind: RefreshFailureKind,
    message: string,
    readonly details: { status?: number; code?: string | number; retryAfterS?: number } = {},
  ) {
    super(message);
  }
}

/** The decrypted tokens a strategy sends. */
export interface StoredTokens {
  accessToken: string;
  refreshToken: string | null;
}

/** What a token endpoint returned, normalised. */
export interface TokenGrant {
  accessToken: string;
  /** When the new access token expires (null: the endpoint gave no lifetime). */
  expiresAt: Date | null;
  /** A new refresh token (X rotates it; LinkedIn repeats it); undefined keeps the stored one. */
  refreshToken?: string;
  /** When the refresh token expires, when the endpoint says; undefined keeps the stored time. */
  refreshExpiresAt?: Date;
  /** Granted scopes, when the endpoint says; undefined keeps the stored ones. */
  scopes?: string[];
}

/** One platform's refresh call. */
export interface RefreshStrategy {
  /** Grant name for logs and audit rows, e.g. `fb_exchange_token`. */
  readonly name: string;
  /**
   * Calls the token endpoint with `tokens` and returns the new grant.
   * @throws RefreshFailure (classified), never with a secret in its message.
   */
  exchange(tokens: StoredTokens, credential: CredentialRecord, now: Date): Promise<TokenGrant>;
}
