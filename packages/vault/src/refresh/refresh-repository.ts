// SQL of the refresh scheduler: sweep candidates, and the row updates a refresh, an expiry or a failure makes.
import type { PoolClient } from 'pg';
import {
  toRecord,
  type CredentialRecord,
  type CredentialRow,
  type Queryable,
} from '../db/credential-repository';
import type { Platform } from '@socialvault/vault-api';

/**
 * Ids of active credentials that may need action by `now`: expiring before `horizon`, or whose
 * refresh token has expired; `platform` / `accountId` narrow it (the CLI). Soonest expiry first.
 * Rows inside a backoff are included only once their token has expired (to be marked expired).
 */
export async function findSweepCandidates(
  db: Queryable,
  filter: { now: Date; horizon: Date; platform?: Platform; accountId?: string },
): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM credentials
     WHERE status = 'active'
       AND (token_expires_at < $2 OR refresh_expires_at <= $1)
       AND (next_refresh_at IS NULL OR next_refresh_at <= $1 OR token_expires_at <= $1)
       AND ($3::text IS NULL OR platform = $3)
       AND ($4::text IS NULL OR account_id = $4)
     ORDER BY token_expires_at NULLS LAST, id`,
    [filter.now, filter.horizon, filter.platform ?? null, filter.accountId ?? null],
  );
  return rows.map((row) => row.id);
}

/** Full rows for `ids`, in the order given. */
export async function findCredentialsByIds(db: Queryable, ids: string[]): Promise<CredentialRecord[]> {
  const { rows } = await db.query<CredentialRow>('SELECT * FROM credentials WHERE id = ANY($1)', [ids]);
  const byId = new Map(rows.map((row) => [row.id, toRecord(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The row, locked FOR UPDATE until the transaction ends (a broker store waits for it). */
export async function lockCredentialRow(
  client: PoolClient,
  id: string,
): Promise<CredentialRecord | undefined> {
  const { rows } = await client.query<CredentialRow>('SELECT * FROM credentials WHERE id = $1 FOR UPDATE', [
    id,
  ]);
  return rows[0] && toRecord(rows[0]);
}

/** A successful refresh: the new token pair (both ciphertexts under `keyId`), expiries, bookkeeping reset. */
export interface RefreshedTokensWrite {
  accessTokenCiphertext: string;
  refreshTokenCiphertext: string | null;
  keyId: string;
  tokenExpiresAt: Date | null;
  /** undefined keeps the stored value. */
  refreshExpiresAt?: Date;
  /** undefined keeps the stored value. */
  scopes?: string[];
  now: Date;
}

/** Writes a refreshed token pair in one statement (so a row never holds half of a pair). */
export async function writeRefreshedTokens(
  client: PoolClient,
  id: string,
  write: RefreshedTokensWrite,
): Promise<CredentialRecord> {
  const { rows } = await client.query<CredentialRow>(
    `UPDATE credentials SET access_token_ciphertext = $2, refresh_token_ciphertext = $3, key_id = $4,
       token_expires_at = $5, refresh_expires_at = COALESCE($6, refresh_expires_at),
       scopes = COALESCE($7, scopes), last_refreshed_at = $8, token_issued_at = $8, updated_at = $8,
       refresh_failures = 0, next_refresh_at = NULL, last_refresh_error = NULL, reconnect_notified_at = NULL
     WHERE id = $1 RETURNING *`,
    [
      id,
      write.accessTokenCiphertext,
      write.refreshTokenCiphertext,
      write.keyId,
      write.tokenExpiresAt,
      write.refreshExpiresAt ?? null,
      write.scopes ?? null,
      write.now,
    ],
  );
  return toRecord(rows[0]!);
}

/** Status `expired` with the reason (tokens are kept: an expired token is still served, flagged). */
export async function markCredentialExpired(
  client: PoolClient,
  id: string,
  reason: string,
  now: Date,
): Promise<CredentialRecord> {
  const { rows } = await client.query<CredentialRow>(
    `UPDATE credentials SET status = 'expired', last_refresh_error = $2, next_refresh_at = NULL, updated_at = $3
     WHERE id = $1 RETURNING *`,
    [id, reason, now],
  );
  return toRecord(rows[0]!);
}

/** A transient failure: one more in a row, no attempt before `nextRefreshAt`. */
export async function recordRefreshFailure(
  client: PoolClient,
  id: string,
  failure: { failures: number; nextRefreshAt: Date; error: string; now: Date },
): Promise<CredentialRecord> {
  const { rows } = await client.query<CredentialRow>(
    `UPDATE credentials SET refresh_failures = $2, next_refresh_at = $3, last_refresh_error = $4, updated_at = $5
     WHERE id = $1 RETURNING *`,
    [id, failure.failures, failure.nextRefreshAt, failure.error, failure.now],
  );
  return toRecord(rows[0]!);
}

/** The reconnect notice for the current token was sent. */
export async function markReconnectNotified(
  client: PoolClient,
  id: string,
  now: Date,
): Promise<CredentialRecord> {
  const { rows } = await client.query<CredentialRow>(
    `UPDATE credentials SET reconnect_notified_at = $2, updated_at = $2 WHERE id = $1 RETURNING *`,
    [id, now],
  );
  return toRecord(rows[0]!);
}
