// The wire shape of a publication (never a token, never the lease handle; checked against @socialvault/vault-api)
// and the opaque history cursor.
import { AppError, withoutDeepParts } from '@socialvault/common';
import { publicationSchema, type Publication } from '@socialvault/vault-api';
import type { HistoryPosition, PublicationRecord } from './publication-repository';

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

/** One publication as the API returns it; times ISO-8601 UTC. `lease_id` is only ever sent to the reserver. */
export function publicationView(record: PublicationRecord): Publication {
  return publicationSchema.parse({
    id: record.id,
    platform: record.platform,
    account_id: record.accountId,
    idempotency_key: record.idempotencyKey,
    request_hash: record.requestHash,
    tool: record.tool,
    status: record.status,
    platform_post_id: record.platformPostId,
    permalink: record.permalink,
    result: withoutDeepParts(record.result) as Record<string, unknown> | null,
    progress: withoutDeepParts(record.progress) as Record<string, unknown>,
    error_code: record.errorCode,
    error_message: record.errorMessage,
    attempts: record.attempts,
    lease_expires_at: iso(record.leaseExpiresAt),
    created_by: record.createdBy,
    created_at: record.createdAt.toISOString(),
    updated_at: record.updatedAt.toISOString(),
    published_at: iso(record.publishedAt),
  } satisfies Publication);
}

/** `next_cursor`: base64url of the last row's exact position. */
export function encodeCursor(position: HistoryPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.id])).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EXACT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** True for a real instant PostgreSQL accepts: the shape alone lets `9999-99-99T99:99:99.000000Z` through. */
function isRealInstant(exactTime: string): boolean {
  const date = new Date(exactTime);
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1970) return false;
  // A day or hour out of range rolls over (Feb 30 → Mar 1), so the round trip tells it apart.
  return date.toISOString().slice(0, 23) === exactTime.slice(0, 23);
}

/**
 * Reads a `cursor` made by encodeCursor, checking its shape and that its time is a real instant before any of
 * it reaches PostgreSQL. @throws AppError invalid_input when it is not one.
 */
export function decodeCursor(cursor: string): HistoryPosition {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const [createdAt, id] = Array.isArray(decoded) && decoded.length === 2 ? decoded : [];
    if (
      typeof createdAt === 'string' &&
      EXACT_TIME.test(createdAt) &&
      isRealInstant(createdAt) &&
      typeof id === 'string' &&
      UUID.test(id)
    ) {
      return { createdAt, id };
    }
  } catch {
    // Falls through to the error below.
  }
  throw new AppError('invalid_input', 'cursor is not a cursor this API returned', {
    hint: 'Pass next_cursor from the previous page unchanged, or leave cursor out for the first page.',
    details: { field: 'cursor' },
  });
}
