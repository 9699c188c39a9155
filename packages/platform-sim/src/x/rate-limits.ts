// X's per-user, per-endpoint rate-limit windows, reported on every answer as x-rate-limit-* headers.
// @see https://docs.x.com/fundamentals/rate-limits
// @see https://docs.x.com/x-api/fundamentals/rate-limits
import { z } from 'zod';

/** The endpoints the simulator limits, as `METHOD path-template`. */
export const X_ENDPOINTS = [
  'POST /2/tweets',
  'GET /2/tweets/:id',
  'GET /2/users/me',
  'GET /2/users/:id/tweets',
  'POST /2/media/upload',
  'GET /2/media/upload',
] as const;
export type XEndpoint = (typeof X_ENDPOINTS)[number];

/**
 * Requests per 15-minute window and user. Real numbers depend on the plan (Free, Basic, Pro); these
 * are in the range the docs list for user-context calls, high enough that tests only hit them on purpose.
 */
export const DEFAULT_X_LIMITS: Record<XEndpoint, number> = {
  'POST /2/tweets': 100,
  'GET /2/tweets/:id': 900,
  'GET /2/users/me': 75,
  'GET /2/users/:id/tweets': 900,
  'POST /2/media/upload': 500,
  'GET /2/media/upload': 1000,
};
export const DEFAULT_X_WINDOW_S = 900;

/** `POST /_sim/x/rate-limit`: the limit of one endpoint (or all) from now on; counters restart. */
export const XRateLimitInputSchema = z.object({
  endpoint: z.enum(X_ENDPOINTS).optional(),
  limit: z.number().int().min(0).max(1_000_000),
  window_s: z.number().int().min(1).max(86_400).default(DEFAULT_X_WINDOW_S),
});
export type XRateLimitInput = z.input<typeof XRateLimitInputSchema>;

/** What one call used: the headers to send, and whether it must be refused with 429. */
export interface XRateDecision {
  limited: boolean;
  headers: Record<string, string>;
}

interface Window {
  startedAtMs: number;
  used: number;
}

export class XRateLimits {
  private limits = new Map<XEndpoint, { limit: number; windowS: number }>();
  private windows = new Map<string, Window>();

  /** Sets the limit of `endpoint` (default: every endpoint) and restarts the counters. */
  configure(input: XRateLimitInput): void {
    const parsed = XRateLimitInputSchema.parse(input);
    for (const endpoint of parsed.endpoint ? [parsed.endpoint] : X_ENDPOINTS) {
      this.limits.set(endpoint, { limit: parsed.limit, windowS: parsed.window_s });
    }
    this.windows.clear();
  }

  /** Back to the defaults, counters restarted. */
  reset(): void {
    this.limits.clear();
    this.windows.clear();
  }

  limitOf(endpoint: XEndpoint): { limit: number; windowS: number } {
    return this.limits.get(endpoint) ?? { limit: DEFAULT_X_LIMITS[endpoint], windowS: DEFAULT_X_WINDOW_S };
  }

  /** Counts one call of `userId` on `endpoint` (refused calls count too, as on X). */
  take(userId: string, endpoint: XEndpoint, nowMs = Date.now()): XRateDecision {
    const { limit, windowS } = this.limitOf(endpoint);
    const key = `${userId} ${endpoint}`;
    let window = this.windows.get(key);
    if (!window || nowMs - window.startedAtMs >= windowS * 1000) {
      window = { startedAtMs: nowMs, used: 0 };
      this.windows.set(key, window);
    }
    const limited = window.used >= limit;
    if (!limited) window.used += 1;
    const resetS = Math.ceil((window.startedAtMs + windowS * 1000) / 1000);
    return {
      limited,
      headers: {
        'x-rate-limit-limit': String(limit),
        'x-rate-limit-remaining': String(Math.max(0, limit - window.used)),
        'x-rate-limit-reset': String(resetS),
      },
    };
  }
}
