// The optional paging of GET /api/credentials: `limit` and an opaque keyset `cursor` over (platform, account_id).
import { AppError } from '@socialvault/common';
import { isPlatform, type Platform } from '@socialvault/vault-api';
import { invalidField } from './payload-schema';

/** Rows per page when only `cursor` is given, and the largest `limit`. */
export const DEFAULT_CREDENTIAL_PAGE = 100;
export const MAX_CREDENTIAL_PAGE = 500;

/** A keyset position: the (platform, account_id) of the last row of the previous page. */
export interface CredentialPosition {
  platform: Platform;
  accountId: string;
}

/** A page request: at most `limit` rows after `after` (from the start without it). */
export interface CredentialPageQuery {
  limit: number;
  after?: CredentialPosition;
}

/** `next_cursor`: base64url of the last row's (platform, account_id). */
export function encodeCredentialCursor(position: CredentialPosition): string {
  return Buffer.from(JSON.stringify([position.platform, position.accountId])).toString('base64url');
}

function decodeCredentialCursor(cursor: unknown): CredentialPosition {
  if (typeof cursor === 'string' && cursor.length <= 1024) {
    try {
      const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      const [platform, accountId] = Array.isArray(decoded) && decoded.length === 2 ? decoded : [];
      if (isPlatform(platform) && typeof accountId === 'string' && accountId.length <= 256) {
        return { platform, accountId };
      }
    } catch {
      // Falls through to the error below.
    }
  }
  throw new AppError('invalid_input', 'cursor is not a cursor this API returned', {
    hint: 'Pass next_cursor from the previous page unchanged, or leave cursor out for the first page.',
    details: { field: 'cursor' },
  });
}

/**
 * The page asked for by `?limit=&cursor=`, or undefined when neither is given (the whole list, as before
 * paging existed). @throws AppError invalid_input naming `limit` (not a whole number 1–500) or `cursor`.
 */
export function parseCredentialPageQuery(limit: unknown, cursor: unknown): CredentialPageQuery | undefined {
  if ((limit === undefined || limit === '') && (cursor === undefined || cursor === '')) return undefined;
  let size = DEFAULT_CREDENTIAL_PAGE;
  if (limit !== undefined && limit !== '') {
    size = typeof limit === 'string' && /^\d{1,4}$/.test(limit) ? Number(limit) : Number.NaN;
    if (!(size >= 1 && size <= MAX_CREDENTIAL_PAGE))
      throw invalidField('limit', `must be a whole number from 1 to ${MAX_CREDENTIAL_PAGE}`);
  }
  return cursor === undefined || cursor === ''
    ? { limit: size }
    : { limit: size, after: decodeCredentialCursor(cursor) };
}
