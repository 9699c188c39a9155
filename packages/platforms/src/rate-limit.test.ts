import { parseResetInstant, parseRetryAfter, readRateLimit } from './rate-limit';

const NOW = Date.parse('2025-05-01T10:00:00Z');

describe('readRateLimit', () => {
  it("reads X's x-rate-limit-* headers; retryAfterS counts down to the reset in unix seconds", () => {
    const reset = String(NOW / 1000 + 120);
    expect(
      readRateLimit(
        { 'x-rate-limit-limit': '900', 'X-Rate-Limit-Remaining': '0', 'x-rate-limit-reset': reset },
        undefined,
        NOW,
      ),
    ).toEqual({ limit: 900, remaining: 0, resetAt: '2025-05-01T10:02:00.000Z', retryAfterS: 120 });
  });

  it('never answers less than one second, even for a reset in the past', () => {
    expect(readRateLimit({ 'x-rate-limit-reset': String(NOW / 1000 - 30) }, undefined, NOW).retryAfterS).toBe(
      1,
    );
  });

  it('falls back to Retry-After and leaves out what is missing or malformed', () => {
    expect(readRateLimit({ 'retry-after': '42', 'x-rate-limit-remaining': 'n/a' }, undefined, NOW)).toEqual({
      retryAfterS: 42,
    });
    expect(readRateLimit(undefined)).toEqual({});
  });

  it('reads ISO-8601 resets (Mastodon style) with other header names', () => {
    const names = {
      limit: 'x-ratelimit-limit',
      remaining: 'x-ratelimit-remaining',
      reset: 'x-ratelimit-reset',
    };
    expect(
      readRateLimit(
        { 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': '2025-05-01T10:05:00.000Z' },
        names,
        NOW,
      ),
    ).toMatchObject({ remaining: 3, retryAfterS: 300 });
  });
});

describe('parseResetInstant and parseRetryAfter', () => {
  it('tells unix seconds from milliseconds', () => {
    expect(parseResetInstant('1714557600')?.toISOString()).toBe('2024-05-01T10:00:00.000Z');
    expect(parseResetInstant('1714557600000')?.toISOString()).toBe('2024-05-01T10:00:00.000Z');
    expect(parseResetInstant('soon')).toBeUndefined();
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('7', NOW)).toBe(7);
    expect(parseRetryAfter('Thu, 01 May 2025 10:01:00 GMT', NOW)).toBe(60);
    expect(parseRetryAfter('later', NOW)).toBeUndefined();
  });
});
