// Remembers, per token and endpoint, that a platform's rate-limit budget is spent, so the next call is refused early.
import crypto from 'node:crypto';
import { AppError } from '@socialvault/common';

/** The whole token's budget (Graph's app and business-use-case usage), as opposed to one endpoint's. */
export const TOKEN_WIDE = '*';

const MAX_ENTRIES = 10_000;

/**
 * In-memory record of spent rate-limit budgets until they reset, keyed by a scope string (platform, a
 * fingerprint of the token — never the token — and an endpoint bucket or `*`). One process-wide instance
 * (`sharedRateLimitMemory`) serves every client, since clients are built per tool call.
 */
export class RateLimitMemory {
  private readonly until = new Map<string, number>();

  /** `now` in epoch milliseconds (tests); default Date.now. */
  constructor(private readonly now: () => number = Date.now) {}

  /** Remembers that `scope` may not be called before `untilMs` (the later of two reports wins). */
  block(scope: string, untilMs: number): void {
    if (untilMs <= this.now()) return;
    if (this.until.size >= MAX_ENTRIES) this.sweep();
    const known = this.until.get(scope) ?? 0;
    if (untilMs > known) this.until.set(scope, untilMs);
  }

  /** Remembers that `scope` is spent for `seconds` from now. */
  blockFor(scope: string, seconds: number): void {
    this.block(scope, this.now() + seconds * 1000);
  }

  /** Epoch milliseconds until which `scope` is spent, or undefined when it may be called. */
  blockedUntil(scope: string): number | undefined {
    const untilMs = this.until.get(scope);
    if (untilMs === undefined) return undefined;
    if (untilMs > this.now()) return untilMs;
    this.until.delete(scope);
    return undefined;
  }

  /** The latest reset among `scopes` that are spent, or undefined when all may be called. */
  latestBlock(scopes: readonly string[]): number | undefined {
    let latest: number | undefined;
    for (const scope of scopes) {
      const untilMs = this.blockedUntil(scope);
      if (untilMs !== undefined && (latest === undefined || untilMs > latest)) latest = untilMs;
    }
    return latest;
  }

  /** Seconds until `untilMs`, at least 1. */
  secondsUntil(untilMs: number): number {
    return Math.max(1, Math.ceil((untilMs - this.now()) / 1000));
  }

  /** Forgets everything (tests, or an operator who knows better). */
  clear(): void {
    this.until.clear();
  }

  private sweep(): void {
    const now = this.now();
    for (const [scope, untilMs] of this.until) if (untilMs <= now) this.until.delete(scope);
  }
}

/** The memory every platform client uses unless given another. */
export const sharedRateLimitMemory = new RateLimitMemory();

/** A short, non-reversible fingerprint of a token for memory keys (sha256, 16 hex characters). */
export function tokenFingerprint(accessToken: string): string {
  return crypto.createHash('sha256').update(accessToken).digest('hex').slice(0, 16);
}

/**
 * `METHOD /path` with ids (3+ digits, URNs; not a version like `/2/`) replaced by `:id`, so one endpoint is one bucket:
 * `GET /2/users/123/tweets` → `GET /2/users/:id/tweets`. The query string is dropped.
 */
export function endpointBucket(method: string, path: string): string {
  const [pathOnly = ''] = path.split('?');
  const normalized = pathOnly
    .split('/')
    .map((segment) => (/^\d{3,}$/.test(segment) || /^urn(:|%3A)/i.test(segment) ? ':id' : segment))
    .join('/');
  return `${method.toUpperCase()} ${normalized}`;
}

/** The error of a call refused before it was sent, because the budget is known to be spent. */
export function budgetSpentError(
  platform: string,
  operation: string,
  untilMs: number,
  retryAfterS: number,
): AppError {
  const resetAt = new Date(untilMs).toISOString();
  return new AppError(
    'rate_limited',
    `${platform} could not ${operation}: its rate limit is spent until ${resetAt}, so the call was not sent`,
    {
      hint: `${platform} reported the budget of this account or endpoint as used up; retry after retry_after_s seconds.`,
      retryAfterS,
      details: {
        platform: platform.toLowerCase(),
        operation,
        refused_early: true,
        rate_limit_reset_at: resetAt,
      },
    },
  );
}
