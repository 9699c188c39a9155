// Brute-force protection: counts failed authentications per source address, in memory, one limiter per listener.
import net from 'node:net';

/** Limits of one listener (`VAULT_AUTH_FAILURE_LIMIT`, `VAULT_AUTH_FAILURE_WINDOW_S`). */
export interface AuthFailureLimits {
  /** Failed attempts from one source within the window before it is refused; 0 turns the limiter off. */
  limit: number;
  /** Window of counting, and how long a source stays refused after its last counted failure, in ms. */
  windowMs: number;
}

/** What `recordFailure` decided. */
export interface FailureVerdict {
  /** True when this failure reached the limit: the source is refused from now on. */
  lockedOut: boolean;
}

interface SourceState {
  failures: number;
  /** Counting restarts after this time (epoch ms); while locked out, the lock lasts until then. */
  windowEndsAt: number;
  /** Whether the first refused request of the current lockout was already reported (audited). */
  reported: boolean;
}

/** At most this many sources are tracked; the oldest are forgotten first (memory stays bounded under a flood). */
export const MAX_TRACKED_SOURCES = 10_000;

/**
 * The key of a source address: IPv4 as is (also when IPv4-mapped), IPv6 by its /64 prefix, since
 * one host usually holds a whole /64 and could otherwise rotate addresses past the limit.
 */
export function sourceKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!net.isIPv6(address)) return address;
  const [head = '', tail = ''] = address.split('::');
  const headParts = head ? head.split(':') : [];
  const tailParts = tail ? tail.split(':') : [];
  const parts = address.includes('::')
    ? [...headParts, ...Array(8 - headParts.length - tailParts.length).fill('0'), ...tailParts]
    : headParts;
  return `${parts
    .slice(0, 4)
    .map((part) => part.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * Counts failed authentications per source. A source that fails `limit` times within `windowMs` is
 * refused (whatever key it sends, so a refusal never tells a right key from a wrong one) until
 * `windowMs` after its last counted failure. Successful requests are never counted, so any number of
 * concurrent requests with a right key pass.
 */
export class AuthFailureLimiter {
  private readonly sources = new Map<string, SourceState>();

  constructor(
    private readonly limits: AuthFailureLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** True while no failure is counted for any source: nobody can be locked out (no address to look up). */
  get idle(): boolean {
    return this.limits.limit <= 0 || this.sources.size === 0;
  }

  /** Milliseconds the source must still wait (0 when it may try). */
  retryAfterMs(address: string | undefined): number {
    if (this.limits.limit <= 0) return 0;
    const state = this.sources.get(sourceKey(address));
    if (!state || state.failures < this.limits.limit) return 0;
    return Math.max(0, state.windowEndsAt - this.now());
  }

  /** True once per lockout: for the first refused request, which is audited (the rest are only counted). */
  firstRefusal(address: string | undefined): boolean {
    const state = this.sources.get(sourceKey(address));
    if (!state || state.reported) return false;
    state.reported = true;
    return true;
  }

  /** Counts one failed authentication from `address`. */
  recordFailure(address: string | undefined): FailureVerdict {
    if (this.limits.limit <= 0) return { lockedOut: false };
    const key = sourceKey(address);
    const now = this.now();
    let state = this.sources.get(key);
    if (!state || state.windowEndsAt <= now) {
      state = { failures: 0, windowEndsAt: now + this.limits.windowMs, reported: false };
    }
    this.sources.delete(key);
    this.sources.set(key, state); // most recent last, so the oldest are dropped first
    state.failures += 1;
    const lockedOut = state.failures === this.limits.limit;
    if (state.failures >= this.limits.limit) state.windowEndsAt = now + this.limits.windowMs;
    this.prune(now);
    return { lockedOut };
  }

  /** How many sources are tracked now (bounded by MAX_TRACKED_SOURCES). */
  get trackedSources(): number {
    return this.sources.size;
  }

  private prune(now: number): void {
    if (this.sources.size <= MAX_TRACKED_SOURCES) return;
    for (const [key, state] of this.sources) {
      if (state.windowEndsAt <= now) this.sources.delete(key);
    }
    for (const key of this.sources.keys()) {
      if (this.sources.size <= MAX_TRACKED_SOURCES) break;
      this.sources.delete(key);
    }
  }
}

/** Defaults of `VAULT_AUTH_FAILURE_LIMIT` (10) and `VAULT_AUTH_FAILURE_WINDOW_S` (300). */
export const DEFAULT_AUTH_FAILURE_LIMITS: AuthFailureLimits = { limit: 10, windowMs: 300_000 };
