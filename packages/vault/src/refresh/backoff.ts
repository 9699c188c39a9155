// How long to wait before retrying after a transient refresh failure: exponential, capped, at least Retry-After.

/** First retry after one minute, doubling per failure in a row, never more than an hour apart. */
export const BACKOFF = { baseMs: 60_000, maxMs: 3_600_000 } as const;

/**
 * Delay before the next attempt after `failures` transient failures in a row (1 → 1 min, 2 → 2 min,
 * 3 → 4 min … capped at 1 h), at least `retryAfterS` when the provider said so.
 */
export function backoffMs(failures: number, retryAfterS?: number): number {
  const exponential = Math.min(BACKOFF.maxMs, BACKOFF.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.max(exponential, retryAfterS ? retryAfterS * 1000 : 0);
}
