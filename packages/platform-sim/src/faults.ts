// Fault injection: the next N matching calls of a platform fail the way the real platform fails.
import { z } from 'zod';

export const SIM_PLATFORMS = ['instagram', 'linkedin', 'mastodon', 'threads', 'x'] as const;
export type SimPlatform = (typeof SIM_PLATFORMS)[number];

/**
 * `rate_limit`: the next `times` Graph calls answer a throttling error (`code`, default 4) with
 * `X-Business-Use-Case-Usage` saying `regain_access_minutes`. `server_error`: the next calls answer
 * HTTP 500 code 2. `container_error`: the next `times` containers created end in status ERROR.
 * LinkedIn: `rate_limit` → 429 TOO_MANY_REQUESTS, `server_error` → 500. Mastodon (any instance):
 * `rate_limit` → 429 with X-RateLimit-Reset `regain_access_minutes` ahead, `server_error` → 503.
 * Threads: `rate_limit` → 429 with Graph code (default 4) and X-App-Usage, `server_error` → 500 code 2,
 * `container_error` → the next containers end in status ERROR. X: `rate_limit` → 429 with
 * x-rate-limit-remaining 0 and x-rate-limit-reset `regain_access_minutes` ahead, `server_error` → 503,
 * `timeout_after_write` → the next `POST /2/tweets` creates the post, then sends no answer: the connection is
 * held `hold_ms` (default 30 000, longer than a client waits) and dropped, as a timeout after X posted looks.
 */
export const FAULT_KINDS = ['rate_limit', 'container_error', 'server_error', 'timeout_after_write'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const FaultInputSchema = z.object({
  platform: z.enum(SIM_PLATFORMS),
  kind: z.enum(FAULT_KINDS),
  times: z.number().int().min(1).max(10_000).default(1),
  code: z.union([z.literal(4), z.literal(17), z.literal(32), z.literal(613), z.literal(80002)]).optional(),
  regain_access_minutes: z.number().int().min(0).max(1440).default(5),
  hold_ms: z.number().int().min(0).max(600_000).default(30_000),
});
export type FaultInput = z.input<typeof FaultInputSchema>;

export interface Fault {
  id: number;
  platform: SimPlatform;
  kind: FaultKind;
  /** Matching calls still to fail. */
  remaining: number;
  code?: number;
  regainAccessMinutes: number;
  /** `timeout_after_write`: how long the connection is held before it is dropped. */
  holdMs: number;
}

/** Pending faults, consumed first-in first-out per platform and kind. */
export class FaultQueue {
  private faults: Fault[] = [];
  private nextId = 1;

  /** Validates and queues a fault; throws a ZodError on bad input. */
  add(input: FaultInput): Fault {
    const parsed = FaultInputSchema.parse(input);
    const fault: Fault = {
      id: this.nextId++,
      platform: parsed.platform,
      kind: parsed.kind,
      remaining: parsed.times,
      ...(parsed.code !== undefined ? { code: parsed.code } : {}),
      regainAccessMinutes: parsed.regain_access_minutes,
      holdMs: parsed.hold_ms,
    };
    this.faults.push(fault);
    return { ...fault };
  }

  /** Consumes one occurrence of the oldest matching fault, if any. */
  take(platform: SimPlatform, kind: FaultKind): Fault | undefined {
    const fault = this.faults.find((f) => f.platform === platform && f.kind === kind && f.remaining > 0);
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.faults = this.faults.filter((f) => f !== fault);
    return { ...fault };
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }
}
