// SQL for the publications ledger: insert-or-find, lease takeover, progress, outcomes and the history page.
import type { Queryable } from '../db/credential-repository';
import type { Platform, PublicationStatus } from '@socialvault/vault-api';

/** One publications row. `leaseId` is the secret-less handle of the current holder of a pending row. */
export interface PublicationRecord {
  id: string;
  platform: Platform;
  accountId: string;
  idempotencyKey: string;
  /** sha256 hex of the canonical request content. */
  requestHash: string;
  tool: string | null;
  status: PublicationStatus;
  platformPostId: string | null;
  permalink: string | null;
  result: Record<string, unknown> | null;
  progress: Record<string, unknown>;
  errorCode: string | null;
  errorMessage: string | null;
  attempts: number;
  leaseId: string | null;
  leaseExpiresAt: Date | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
}

interface PublicationRow {
  id: string;
  platform: Platform;
  account_id: string;
  idempotency_key: string;
  request_hash: string;
  tool: string | null;
  status: PublicationStatus;
  platform_post_id: string | null;
  permalink: string | null;
  result: Record<string, unknown> | null;
  progress: Record<string, unknown>;
  error_code: string | null;
  error_message: string | null;
  attempts: number;
  lease_id: string | null;
  lease_expires_at: Date | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  published_at: Date | null;
}

function toRecord(row: PublicationRow): PublicationRecord {
  return {
    id: row.id,
    platform: row.platform,
    accountId: row.account_id,
    idempotencyKey: row.idempotency_key,
    requestHash: row.request_hash,
    tool: row.tool,
    status: row.status,
    platformPostId: row.platform_post_id,
    permalink: row.permalink,
    result: row.result,
    progress: row.progress,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    attempts: row.attempts,
    leaseId: row.lease_id,
    leaseExpiresAt: row.lease_expires_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
  };
}

/** What a reservation names: the key, the request it stands for, who asks and how long the lease lasts. */
export interface ReservationInput {
  platform: Platform;
  accountId: string;
  idempotencyKey: string;
  requestHash: string;
  tool: string | null;
  leaseS: number;
  createdBy: string;
}

/** Inserts a pending row holding a new lease; undefined when the key is already known (nothing written). */
export async function insertPending(
  db: Queryable,
  input: ReservationInput,
): Promise<PublicationRecord | undefined> {
  const { rows } = await db.query<PublicationRow>(
    `INSERT INTO publications (platform, account_id, idempotency_key, request_hash, tool, created_by,
       lease_id, lease_expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, gen_random_uuid(), now() + make_interval(secs => $7))
     ON CONFLICT (platform, account_id, idempotency_key) DO NOTHING
     RETURNING *`,
    [
      input.platform,
      input.accountId,
      input.idempotencyKey,
      input.requestHash,
      input.tool,
      input.createdBy,
      input.leaseS,
    ],
  );
  return rows[0] ? toRecord(rows[0]) : undefined;
}

/**
 * The row of a key, locked `FOR UPDATE` (call inside a transaction), and whether its lease is still running
 * by the database clock (so the clocks of the vault processes never matter).
 */
export async function lockByKey(
  db: Queryable,
  platform: Platform,
  accountId: string,
  idempotencyKey: string,
): Promise<{ record: PublicationRecord; leaseLive: boolean } | undefined> {
  const { rows } = await db.query<PublicationRow & { lease_live: boolean | null }>(
    `SELECT *, (lease_expires_at > now()) AS lease_live FROM publications
     WHERE platform = $1 AND account_id = $2 AND idempotency_key = $3 FOR UPDATE`,
    [platform, accountId, idempotencyKey],
  );
  const row = rows[0];
  return row ? { record: toRecord(row), leaseLive: row.lease_live === true } : undefined;
}

/** One row by id; `forUpdate` locks it (call inside a transaction then). */
export async function findPublication(
  db: Queryable,
  id: string,
  forUpdate = false,
): Promise<PublicationRecord | undefined> {
  const { rows } = await db.query<PublicationRow>(
    `SELECT * FROM publications WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0] ? toRecord(rows[0]) : undefined;
}

/**
 * A new attempt on a failed row, or on a pending row whose lease ran out: pending again, attempts + 1, a
 * new lease. With another request hash (only for failed rows) the stored progress and tool start over.
 */
export async function takeOver(
  db: Queryable,
  id: string,
  input: Pick<ReservationInput, 'requestHash' | 'tool' | 'leaseS'>,
): Promise<PublicationRecord> {
  const { rows } = await db.query<PublicationRow>(
    `UPDATE publications SET
       status = 'pending', attempts = attempts + 1, error_code = NULL, error_message = NULL,
       progress = CASE WHEN request_hash = $2 THEN progress ELSE '{}'::jsonb END,
       tool = CASE WHEN request_hash = $2 THEN COALESCE(tool, $3) ELSE $3 END,
       request_hash = $2, lease_id = gen_random_uuid(), lease_expires_at = now() + make_interval(secs => $4),
       updated_at = now()
     WHERE id = $1 RETURNING *`,
    [id, input.requestHash, input.tool, input.leaseS],
  );
  return toRecord(rows[0] as PublicationRow);
}

/** Merges `progress` into the stored progress (when given) and extends the lease by `leaseS` from now. */
export async function saveProgress(
  db: Queryable,
  id: string,
  progress: Record<string, unknown> | undefined,
  leaseS: number,
): Promise<PublicationRecord> {
  const { rows } = await db.query<PublicationRow>(
    `UPDATE publications SET progress = progress || $2::jsonb,
       lease_expires_at = now() + make_interval(secs => $3), updated_at = now()
     WHERE id = $1 RETURNING *`,
    [id, JSON.stringify(progress ?? {}), leaseS],
  );
  return toRecord(rows[0] as PublicationRow);
}

/** The outcome of an attempt: published (post id, permalink, result) or failed (error code and message). */
export type PublicationOutcome =
  | {
      status: 'published';
      platformPostId: string;
      permalink: string | null;
      result: Record<string, unknown> | null;
    }
  | { status: 'failed'; errorCode: string; errorMessage: string | null };

/** Records the outcome and ends the lease. */
export async function finish(
  db: Queryable,
  id: string,
  outcome: PublicationOutcome,
): Promise<PublicationRecord> {
  const published = outcome.status === 'published';
  const { rows } = await db.query<PublicationRow>(
    `UPDATE publications SET status = $2, platform_post_id = $3, permalink = $4, result = $5,
       error_code = $6, error_message = $7, lease_id = NULL, lease_expires_at = NULL, updated_at = now(),
       published_at = CASE WHEN $2 = 'published' THEN now() ELSE published_at END
     WHERE id = $1 RETURNING *`,
    [
      id,
      outcome.status,
      published ? outcome.platformPostId : null,
      published ? outcome.permalink : null,
      published && outcome.result ? JSON.stringify(outcome.result) : null,
      published ? null : outcome.errorCode,
      published ? null : outcome.errorMessage,
    ],
  );
  return toRecord(rows[0] as PublicationRow);
}

/** Ends the lease of a pending row at once and marks it `unknown` (the platform may have posted). */
export async function releaseLease(db: Queryable, id: string): Promise<PublicationRecord> {
  const { rows } = await db.query<PublicationRow>(
    `UPDATE publications SET status = 'unknown', lease_id = NULL, lease_expires_at = now(), updated_at = now()
     WHERE id = $1 RETURNING *`,
    [id],
  );
  return toRecord(rows[0] as PublicationRow);
}

/** Filters of the history; `before` is the keyset position of the previous page's last row. */
export interface HistoryQuery {
  platforms: Platform[];
  accountId?: string;
  idempotencyKey?: string;
  status?: PublicationStatus;
  since?: Date;
  before?: HistoryPosition;
  limit: number;
}

/** A keyset position: `created_at` as exact text (microseconds; a JS Date would round them) and the id. */
export interface HistoryPosition {
  createdAt: string;
  id: string;
}

/** Rows matching `query`, newest first (`created_at DESC, id DESC`), at most `limit`, with their positions. */
export async function listPublications(
  db: Queryable,
  query: HistoryQuery,
): Promise<{ record: PublicationRecord; position: HistoryPosition }[]> {
  // One platform as `=`: through `= ANY`, PostgreSQL before 17 cannot read the history index in order.
  const one = query.platforms.length === 1;
  const where = [one ? 'platform = $1' : 'platform = ANY($1)'];
  const params: unknown[] = [one ? query.platforms[0] : query.platforms];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (query.accountId !== undefined) add('account_id = ?', query.accountId);
  if (query.idempotencyKey !== undefined) add('idempotency_key = ?', query.idempotencyKey);
  if (query.status !== undefined) add('status = ?', query.status);
  if (query.since !== undefined) add('created_at >= ?', query.since);
  if (query.before !== undefined) {
    params.push(query.before.createdAt, query.before.id);
    where.push(`(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(query.limit);
  const { rows } = await db.query<PublicationRow & { created_at_exact: string }>(
    `SELECT *, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at_exact
     FROM publications WHERE ${where.join(' AND ')}
     ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
    params,
  );
  return rows.map((row) => ({
    record: toRecord(row),
    position: { createdAt: row.created_at_exact, id: row.id },
  }));
}
