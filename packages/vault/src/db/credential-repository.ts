// SQL for the credentials table: upsert, lookups, revoke and the rotation batch (no crypto, no HTTP here).
import type { Pool, PoolClient } from 'pg';
import type { Platform } from '@socialvault/vault-api';

/** A pool or a client inside a transaction. */
export type Queryable = Pool | PoolClient;

export type CredentialStatus = 'active' | 'expired' | 'revoked';

/** One credentials row as stored: secrets only as ciphertexts (`v1:<key_id>:…`). */
export interface CredentialRecord {
  id: string;
  platform: Platform;
  accountId: string;
  username: string | null;
  clientId: string | null;
  status: CredentialStatus;
  scopes: string[];
  tokenExpiresAt: Date | null;
  refreshExpiresAt: Date | null;
  /** Non-secret facts: instance_url, facebook_page_id, ad_account_id, meta_user_id, person_urn, … */
  extra: Record<string, unknown>;
  accessTokenCiphertext: string | null;
  refreshTokenCiphertext: string | null;
  keyId: string | null;
  createdAt: Date;
  updatedAt: Date;
  lastRefreshedAt: Date | null;
  revokedAt: Date | null;
  /** When the stored access token was issued (broker store or refresh), for age rules like Threads' 24 h. */
  tokenIssuedAt: Date;
  /** Transient refresh failures in a row (reset by a success or a broker store). */
  refreshFailures: number;
  /** No refresh attempt before this time (backoff after a transient failure). */
  nextRefreshAt: Date | null;
  /** Why the last refresh failed (no secrets), or null. */
  lastRefreshError: string | null;
  /** When a reconnect notice was sent for the current token (LinkedIn without refresh token). */
  reconnectNotifiedAt: Date | null;
}

/** What a broker store writes; the ciphertexts are already encrypted for this platform and account. */
export interface CredentialWrite {
  platform: Platform;
  accountId: string;
  username: string | null;
  clientId: string | null;
  scopes: string[];
  tokenExpiresAt: Date | null;
  refreshExpiresAt: Date | null;
  extra: Record<string, unknown>;
  accessTokenCiphertext: string;
  refreshTokenCiphertext: string | null;
  keyId: string;
}

/** A credentials row as PostgreSQL returns it. */
export interface CredentialRow {
  id: string;
  platform: Platform;
  account_id: string;
  username: string | null;
  client_id: string | null;
  status: CredentialStatus;
  scopes: string[];
  token_expires_at: Date | null;
  refresh_expires_at: Date | null;
  extra: Record<string, unknown>;
  access_token_ciphertext: string | null;
  refresh_token_ciphertext: string | null;
  key_id: string | null;
  created_at: Date;
  updated_at: Date;
  last_refreshed_at: Date | null;
  revoked_at: Date | null;
  token_issued_at: Date;
  refresh_failures: number;
  next_refresh_at: Date | null;
  last_refresh_error: string | null;
  reconnect_notified_at: Date | null;
}

/**
 * What serving a token reads of a row: the answer's fields, the ciphertext and what the refresh window check
 * needs; not the key id, the row's own timestamps or the last refresh error.
 */
export type ServableCredential = Omit<
  CredentialRecord,
  'keyId' | 'createdAt' | 'updatedAt' | 'lastRefreshedAt' | 'revokedAt' | 'lastRefreshError'
>;

/** The columns of a ServableCredential (fewer columns: less for pg to describe and parse on every serve). */
const SERVABLE_COLUMNS = `id, platform, account_id, username, client_id, status, scopes, token_expires_at,
  refresh_expires_at, extra, access_token_ciphertext, refresh_token_ciphertext, token_issued_at,
  refresh_failures, next_refresh_at, reconnect_notified_at`;

/** Maps a row of SERVABLE_COLUMNS (or more) to a ServableCredential. */
function toServable(row: CredentialRow): ServableCredential {
  return {
    id: row.id,
    platform: row.platform,
    accountId: row.account_id,
    username: row.username,
    clientId: row.client_id,
    status: row.status,
    scopes: row.scopes,
    tokenExpiresAt: row.token_expires_at,
    refreshExpiresAt: row.refresh_expires_at,
    extra: row.extra,
    accessTokenCiphertext: row.access_token_ciphertext,
    refreshTokenCiphertext: row.refresh_token_ciphertext,
    tokenIssuedAt: row.token_issued_at,
    refreshFailures: row.refresh_failures,
    nextRefreshAt: row.next_refresh_at,
    reconnectNotifiedAt: row.reconnect_notified_at,
  };
}

/** Maps a `SELECT *` row of credentials to a record. */
export function toRecord(row: CredentialRow): CredentialRecord {
  return {
    ...toServable(row),
    keyId: row.key_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastRefreshedAt: row.last_refreshed_at,
    revokedAt: row.revoked_at,
    lastRefreshError: row.last_refresh_error,
  };
}

/**
 * Inserts or replaces the credential for (platform, account_id): every field comes from `write`,
 * status becomes `active` (also for an `expired` or revoked row: fresh credentials reactivate it),
 * `revoked_at` is cleared, the token counts as issued now and the refresh bookkeeping (failures,
 * backoff, last error, reconnect notice) starts over. `created` is false when a row was updated.
 */
export async function upsertCredential(
  db: Queryable,
  write: CredentialWrite,
): Promise<{ record: CredentialRecord; created: boolean }> {
  const { rows } = await db.query<CredentialRow & { inserted: boolean }>(
    `INSERT INTO credentials (platform, account_id, username, client_id, scopes, token_expires_at,
       refresh_expires_at, extra, access_token_ciphertext, refresh_token_ciphertext, key_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (platform, account_id) DO UPDATE SET
       username = EXCLUDED.username, client_id = EXCLUDED.client_id, scopes = EXCLUDED.scopes,
       token_expires_at = EXCLUDED.token_expires_at, refresh_expires_at = EXCLUDED.refresh_expires_at,
       extra = EXCLUDED.extra, access_token_ciphertext = EXCLUDED.access_token_ciphertext,
       refresh_token_ciphertext = EXCLUDED.refresh_token_ciphertext, key_id = EXCLUDED.key_id,
       status = 'active', revoked_at = NULL, updated_at = now(), token_issued_at = now(),
       refresh_failures = 0, next_refresh_at = NULL, last_refresh_error = NULL, reconnect_notified_at = NULL
     RETURNING *, (xmax = 0) AS inserted`,
    [
      write.platform,
      write.accountId,
      write.username,
      write.clientId,
      write.scopes,
      write.tokenExpiresAt,
      write.refreshExpiresAt,
      JSON.stringify(write.extra),
      write.accessTokenCiphertext,
      write.refreshTokenCiphertext,
      write.keyId,
    ],
  );
  const row = rows[0] as CredentialRow & { inserted: boolean };
  return { record: toRecord(row), created: row.inserted };
}

export async function findCredentialById(db: Queryable, id: string): Promise<CredentialRecord | undefined> {
  const { rows } = await db.query<CredentialRow>('SELECT * FROM credentials WHERE id = $1', [id]);
  return rows[0] && toRecord(rows[0]);
}

export async function findCredential(
  db: Queryable,
  platform: Platform,
  accountId: string,
): Promise<CredentialRecord | undefined> {
  const { rows } = await db.query<CredentialRow>(
    'SELECT * FROM credentials WHERE platform = $1 AND account_id = $2',
    [platform, accountId],
  );
  return rows[0] && toRecord(rows[0]);
}

/**
 * The token serve's lookup: a named statement, parsed and planned once per pooled connection. The row
 * comes back as one JSON column: pg describes and parses one field per serve instead of sixteen.
 */
const FIND_SERVABLE_CREDENTIAL = {
  name: 'vault.find-servable-credential',
  text: `SELECT row_to_json(servable) AS servable FROM (
    SELECT ${SERVABLE_COLUMNS} FROM credentials WHERE platform = $1 AND account_id = $2) servable`,
} as const;

/** The timestamptz columns of SERVABLE_COLUMNS: ISO-8601 strings with an offset inside row_to_json. */
const SERVABLE_INSTANTS = [
  'token_expires_at',
  'refresh_expires_at',
  'token_issued_at',
  'next_refresh_at',
  'reconnect_notified_at',
] as const;

/**
 * A Date from a timestamptz as row_to_json writes it (`2026-12-06T16:00:00.123456+00:00`), milliseconds
 * truncated as pg's own parser does. @throws Error naming `column` for anything else (infinity, BC).
 */
function instantOf(text: string | null, column: string): Date | null {
  if (text === null) return null;
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new Error(`credentials.${column} is not a finite instant: ${text}`);
  return date;
}

/** The credential of (platform, account_id) as a token serve reads it (SERVABLE_COLUMNS only). */
export async function findServableCredential(
  db: Queryable,
  platform: Platform,
  accountId: string,
): Promise<ServableCredential | undefined> {
  const { rows } = await db.query<{ servable: Record<string, unknown> }>({
    ...FIND_SERVABLE_CREDENTIAL,
    values: [platform, accountId],
  });
  const row = rows[0]?.servable;
  if (!row) return undefined;
  for (const column of SERVABLE_INSTANTS) row[column] = instantOf(row[column] as string | null, column);
  return toServable(row as unknown as CredentialRow);
}

/**
 * Every credential of `platforms` (any status), ordered by platform then account id; with `page`, at most
 * `page.limit` of them after `page.after`, read along the (platform, account_id) unique index whatever
 * the table holds.
 */
export async function listCredentials(
  db: Queryable,
  platforms: Platform[],
  page?: { limit: number; after?: { platform: Platform; accountId: string } },
): Promise<CredentialRecord[]> {
  // `platform = ANY` with several platforms: PostgreSQL before 17 cannot read an index in order through it.
  const where = [platforms.length === 1 ? 'platform = $1' : 'platform = ANY($1)'];
  const params: unknown[] = [platforms.length === 1 ? platforms[0] : platforms];
  if (page?.after) {
    params.push(page.after.platform, page.after.accountId);
    where.push('(platform, account_id) > ($2, $3)');
  }
  if (page) params.push(page.limit);
  const { rows } = await db.query<CredentialRow>(
    `SELECT * FROM credentials WHERE ${where.join(' AND ')} ORDER BY platform, account_id` +
      (page ? ` LIMIT $${params.length}` : ''),
    params,
  );
  return rows.map(toRecord);
}

/** Credentials of `platform` that are not revoked (active or expired), ordered by account id. */
export async function listUsableCredentials(db: Queryable, platform: Platform): Promise<CredentialRecord[]> {
  const { rows } = await db.query<CredentialRow>(
    `SELECT * FROM credentials WHERE platform = $1 AND status <> 'revoked' ORDER BY account_id`,
    [platform],
  );
  return rows.map(toRecord);
}

/**
 * Marks a credential revoked, wipes both ciphertexts and empties `extra` (whatever the broker put there
 * is not kept past the revocation); idempotent. Undefined when no such id.
 */
export async function revokeCredential(db: Queryable, id: string): Promise<CredentialRecord | undefined> {
  const { rows } = await db.query<CredentialRow>(
    `UPDATE credentials SET status = 'revoked', access_token_ciphertext = NULL,
       refresh_token_ciphertext = NULL, key_id = NULL, extra = '{}'::jsonb, revoked_at = COALESCE(revoked_at, now()),
       updated_at = now()
     WHERE id = $1 RETURNING *`,
    [id],
  );
  return rows[0] && toRecord(rows[0]);
}

/** Row counts per key id (rows with ciphertexts only). */
export async function countCredentialsByKeyId(db: Queryable): Promise<Map<string, number>> {
  const { rows } = await db.query<{ key_id: string; count: string }>(
    'SELECT key_id, count(*) AS count FROM credentials WHERE key_id IS NOT NULL GROUP BY key_id',
  );
  return new Map(rows.map((row) => [row.key_id, Number(row.count)]));
}

/** Up to `limit` rows whose access token is stored under `keyId`, most recently written first. */
export async function sampleCredentialsByKeyId(
  db: Queryable,
  keyId: string,
  limit: number,
): Promise<CredentialRecord[]> {
  const { rows } = await db.query<CredentialRow>(
    `SELECT * FROM credentials WHERE key_id = $1 AND access_token_ciphertext IS NOT NULL
     ORDER BY updated_at DESC LIMIT $2`,
    [keyId, limit],
  );
  return rows.map(toRecord);
}

/** Rows that key rotation rewrites: under a ring key other than the active one, or still in the v1 form. */
const ROTATION_CANDIDATES = `key_id = ANY($1) AND (key_id <> $2 OR access_token_ciphertext LIKE 'v1:%'
  OR refresh_token_ciphertext LIKE 'v1:%')`;

/** How many rows key rotation would rewrite (see lockRotationBatch). */
export async function countRotationCandidates(
  db: Queryable,
  ringKeyIds: string[],
  activeKeyId: string,
): Promise<number> {
  const { rows } = await db.query<{ count: string }>(
    `SELECT count(*) AS count FROM credentials WHERE ${ROTATION_CANDIDATES}`,
    [ringKeyIds, activeKeyId],
  );
  return Number(rows[0]?.count ?? 0);
}

/**
 * The next `limit` rows after `afterId` (uuid order) whose key id is in the ring and that are either
 * under a key other than `activeKeyId` or still in the v1 stored form, locked FOR UPDATE until the
 * caller's transaction ends (a concurrent refresh or store waits, and vice versa).
 */
export async function lockRotationBatch(
  client: PoolClient,
  ringKeyIds: string[],
  activeKeyId: string,
  afterId: string,
  limit: number,
): Promise<CredentialRecord[]> {
  const { rows } = await client.query<CredentialRow>(
    `SELECT * FROM credentials WHERE ${ROTATION_CANDIDATES} AND id > $3 ORDER BY id LIMIT $4 FOR UPDATE`,
    [ringKeyIds, activeKeyId, afterId, limit],
  );
  return rows.map(toRecord);
}

/** Replaces both ciphertexts and the key id of one row (key rotation; nothing else changes). */
export async function updateCiphertexts(
  client: PoolClient,
  id: string,
  ciphertexts: { access: string; refresh: string | null; keyId: string },
): Promise<void> {
  await client.query(
    `UPDATE credentials SET access_token_ciphertext = $2, refresh_token_ciphertext = $3, key_id = $4
     WHERE id = $1`,
    [id, ciphertexts.access, ciphertexts.refresh, ciphertexts.keyId],
  );
}
