// Rate-limit headers shared by the non-Graph platforms (X, Mastodon, LinkedIn): limit, remaining, reset.

/** What a response said about its rate-limit window. */
export interface RateLimitState {
  /** Requests allowed in the window. */
  limit?: number;
  /** Requests left in the window. */
  remaining?: number;
  /** When the window resets, ISO-8601 UTC. */
  resetAt?: string;
  /** Seconds from now until the reset (at least 1 when the reset lies in the past or now). */
  retryAfterS?: number;
}

/** Header names of one platform's rate-limit triple. */
export interface RateLimitHeaderNames {
  limit: string;
  remaining: string;
  reset: string;
}

/** X's names (`x-rate-limit-*`, reset in unix seconds). @see https://docs.x.com/fundamentals/rate-limits */
export const X_RATE_LIMIT_HEADERS: RateLimitHeaderNames = {
  limit: 'x-rate-limit-limit',
  remaining: 'x-rate-limit-remaining',
  reset: 'x-rate-limit-reset',
};

/** Case-insensitive header lookup over axios/fetch-style header records; first value of a list. */
export function headerValue(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  const found = Object.entries(headers).find(([key]) => key.toLowerCase() === wanted);
  const value = found?.[1];
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return Array.isArray(value) && value.length > 0 ? String(value[0]) : undefined;
}

/**
 * The instant a reset header names: unix seconds (X), unix milliseconds, or an ISO-8601 date-time
 * (Mastodon). Undefined when it is none of them.
 */
export function parseResetInstant(value: string | undefined): Date | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) {
    const n = Number(text);
    // 13+ digits are milliseconds; unix seconds stay below 1e12 until the year 33658.
    return new Date(n >= 1e12 ? n : n * 1000);
  }
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** `Retry-After` in seconds (delta-seconds or an HTTP date); undefined when absent or unparseable. */
export function parseRetryAfter(value: string | undefined, nowMs = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Math.max(1, Number(value.trim()));
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : Math.max(1, Math.ceil((ms - nowMs) / 1000));
}

/**
 * Reads a platform's rate-limit headers (default X's). `retryAfterS` comes from the reset instant,
 * else from `Retry-After`; it is at least 1 second so a caller never retries in a busy loop.
 * @example readRateLimit({ 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': '1705420800' })
 */
export function readRateLimit(
  headers: Record<string, unknown> | undefined,
  names: RateLimitHeaderNames = X_RATE_LIMIT_HEADERS,
  nowMs = Date.now(),
): RateLimitState {
  const int = (raw: string | undefined) =>
    raw !== undefined && /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : undefined;
  const limit = int(headerValue(headers, names.limit));
  const remaining = int(headerValue(headers, names.remaining));
  const reset = parseResetInstant(headerValue(headers, names.reset));
  const retryAfterS = reset
    ? Math.max(1, Math.ceil((reset.getTime() - nowMs) / 1000))
    : parseRetryAfter(headerValue(headers, 'retry-after'), nowMs);
  return {
    ...(limit !== undefined ? { limit } : {}),
    ...(remaining !== undefined ? { remaining } : {}),
    ...(reset ? { resetAt: reset.toISOString() } : {}),
    ...(retryAfterS !== undefined ? { retryAfterS } : {}),
  };
}

/**
 * Seconds until the reset when `headers` (a platform's rate-limit triple, default X's) report `remaining` 0,
 * else undefined: the budget of that window is spent, so the next call is refused early.
 */
export function secondsUntilResetWhenSpent(
  headers: Record<string, unknown> | undefined,
  names: RateLimitHeaderNames = X_RATE_LIMIT_HEADERS,
): number | undefined {
  const { remaining, retryAfterS } = readRateLimit(headers, names);
  return remaining === 0 ? retryAfterS : undefined;
}
