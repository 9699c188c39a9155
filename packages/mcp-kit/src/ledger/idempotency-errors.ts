// The errors withIdempotency answers with when it does not publish: a reused key, an abandoned or still running
// attempt, a concurrent call's failure.
import { AppError, ERROR_CODES, type ErrorCode } from '@socialvault/common';
import type { Publication } from '@socialvault/vault-api';

/** `invalid_input`: the key was used before for different content. */
export function keyReused(key: string, stored: Publication): AppError {
  return new AppError(
    'invalid_input',
    `idempotency_key ${JSON.stringify(key)} was already used for a different request ` +
      `(${stored.tool ?? 'a publish'} on ${stored.created_at}, now ${stored.status})`,
    {
      hint: 'Send exactly the same arguments to get the earlier result, or use a new idempotency_key for new content.',
      details: { field: 'idempotency_key', publication_id: stored.id, status: stored.status },
    },
  );
}

/** `conflict`: an earlier attempt stopped without a known outcome and cannot be resumed here. */
export function abandoned(key: string, tool: string): AppError {
  return new AppError(
    'conflict',
    `An earlier ${tool} with idempotency_key ${JSON.stringify(key)} stopped before its outcome was known`,
    {
      hint:
        'Check get_recent_posts (or get_recent_media) for the post; if it is not there, publish again with a new ' +
        'idempotency_key.',
      details: { field: 'idempotency_key' },
    },
  );
}

/** `conflict`: another call with the key is still publishing after the wait. */
export function stillPending(key: string): AppError {
  return new AppError(
    'conflict',
    `Another call with idempotency_key ${JSON.stringify(key)} is still publishing`,
    {
      hint: 'Retry the same call in a minute to get its result; get_recent_posts shows the post once it is live.',
      details: { field: 'idempotency_key' },
    },
  );
}

/** The stored failure of the concurrent call this one waited for, under its own code. */
export function concurrentFailure(publication: Publication): AppError {
  const stored = publication.error_code ?? '';
  const code: ErrorCode = (ERROR_CODES as readonly string[]).includes(stored)
    ? (stored as ErrorCode)
    : 'platform_error';
  return new AppError(
    code,
    `A concurrent call with the same idempotency_key failed: ${publication.error_message ?? code}`,
    {
      hint: 'Fix the cause if the message names one, then retry: the key may be used again after a failure.',
    },
  );
}
