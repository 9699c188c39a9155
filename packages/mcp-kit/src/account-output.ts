// The fields every `get_account` result ends with: the vault's account id and when its stored token expires.
import { z } from 'zod';
import type { Credential } from './credential';

/**
 * A `get_account` result: the platform's own profile fields (`extras`) plus `account_id` (the vault's, the one
 * every tool accepts) and `token_expires_at`, whose description ends with `tokenNote` (how the platform's
 * tokens live, e.g. `member tokens last 60 days`).
 * @example const GetAccountOutput = accountOutput({ username: z.string().describe('Handle, without @') }, 'reconnect before then');
 */
export function accountOutput<S extends z.ZodRawShape>(extras: S, tokenNote: string) {
  return z.object({
    ...extras,
    account_id: z
      .string()
      .describe('The account_id the vault knows this credential by (pass it to other tools)'),
    token_expires_at: z
      .string()
      .nullable()
      .describe(`When the vault's token expires, ISO-8601 UTC (null: unknown or never); ${tokenNote}`),
  });
}

/** `account_id` and `token_expires_at` of a `get_account` result, from the credential the call used. */
export function vaultAccountOf(credential: Credential): {
  account_id: string;
  token_expires_at: string | null;
} {
  return { account_id: credential.accountId, token_expires_at: credential.tokenExpiresAt };
}
