// Fault injection for the simulated token and revocation endpoints: the next N calls fail or stall the way the real ones do.
import { z } from 'zod';
import { LOGGED_ENDPOINTS } from './endpoints';

/**
 * `invalid_grant`: the platform's permanent refusal (Graph code 190, X `invalid_request` "Value passed
 * for the token was invalid.", LinkedIn `invalid_grant`). `unavailable`: HTTP 503. `rate_limited`:
 * Graph code 4 / HTTP 429. `slow`: the call waits `delay_ms` before it is processed; when the caller
 * hangs up meanwhile, the call is dropped unprocessed (a request lost in flight).
 */
export const OAUTH_FAULT_KINDS = ['invalid_grant', 'unavailable', 'rate_limited', 'slow'] as const;
export type OAuthFaultKind = (typeof OAUTH_FAULT_KINDS)[number];

export const OAuthFaultInputSchema = z.object({
  endpoint: z.enum(LOGGED_ENDPOINTS),
  kind: z.enum(OAUTH_FAULT_KINDS),
  times: z.number().int().min(1).max(100_000).default(1),
  delay_ms: z.number().int().min(0).max(120_000).default(1_000),
});
export type OAuthFaultInput = z.input<typeof OAuthFaultInputSchema>;

export interface OAuthFault {
  id: number;
  endpoint: z.infer<typeof OAuthFaultInputSchema>['endpoint'];
  kind: OAuthFaultKind;
  remaining: number;
  delayMs: number;
}

/** Pending faults, consumed first-in first-out per endpoint and kind. */
export class OAuthFaultQueue {
  private faults: OAuthFault[] = [];
  private nextId = 1;

  /** Validates and queues a fault; throws a ZodError on bad input. */
  add(input: OAuthFaultInput): OAuthFault {
    const parsed = OAuthFaultInputSchema.parse(input);
    const fault: OAuthFault = {
      id: this.nextId++,
      endpoint: parsed.endpoint,
      kind: parsed.kind,
      remaining: parsed.times,
      delayMs: parsed.delay_ms,
    };
    this.faults.push(fault);
    return { ...fault };
  }

  /** Consumes one occurrence of the oldest matching fault, if any. */
  take(endpoint: string, kinds: readonly OAuthFaultKind[]): OAuthFault | undefined {
    const fault = this.faults.find(
      (f) => f.endpoint === endpoint && kinds.includes(f.kind) && f.remaining > 0,
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.faults = this.faults.filter((f) => f !== fault);
    return { ...fault };
  }

  list(): OAuthFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }
}
