// What the simulated OAuth endpoints received: recorded calls and per-endpoint counters (calls, in flight, max in flight).
import { LOGGED_ENDPOINTS, type LoggedEndpoint } from './endpoints';

/**
 * Which kind of OAuth call: `authorize` (the consent page, GET), `consent` (its Authorize/Cancel
 * form, POST), `token` (a token endpoint: code exchange, long-lived exchange or refresh),
 * `register_app` (Mastodon `POST /api/v1/apps`).
 */
export type OAuthCallStep = 'authorize' | 'consent' | 'token' | 'register_app';

/** Counters per provider, for tests: calls received, succeeded, failed, and the most ever in flight. */
export interface OAuthEndpointStats {
  calls: number;
  succeeded: number;
  failed: number;
  inFlight: number;
  maxInFlight: number;
}

/** One received token request, as it crossed the wire (the simulator is a test double: secrets kept). */
export interface RecordedTokenCall {
  endpoint: LoggedEndpoint;
  step: OAuthCallStep;
  method: string;
  path: string;
  query: Record<string, unknown>;
  form: Record<string, unknown>;
  contentType?: string;
  /** `Authorization` header value, when sent. */
  authorization?: string;
  status?: number;
  at: string;
}

const emptyStats = (): OAuthEndpointStats => ({
  calls: 0,
  succeeded: 0,
  failed: 0,
  inFlight: 0,
  maxInFlight: 0,
});

/** Recorded token calls (the newest 5,000) and counters per endpoint. */
export class TokenCallLog {
  private stats = new Map<LoggedEndpoint, OAuthEndpointStats>();
  private entries: RecordedTokenCall[] = [];

  /**
   * Counts a call in; returns the function that counts it out with its status (`failed` defaults to
   * any status but 200; the consent form passes `true` for a 302 that carries an error).
   */
  track(call: Omit<RecordedTokenCall, 'at' | 'status'>): (status: number, failed?: boolean) => void {
    const stats = this.statsOf(call.endpoint);
    stats.calls += 1;
    stats.inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    const entry: RecordedTokenCall = { ...call, at: new Date().toISOString() };
    this.entries.push(entry);
    if (this.entries.length > 5_000) this.entries.shift();
    let done = false;
    return (status, failed = status !== 200) => {
      if (done) return;
      done = true;
      entry.status = status;
      stats.inFlight -= 1;
      if (failed) stats.failed += 1;
      else stats.succeeded += 1;
    };
  }

  /** Counters of one endpoint (zeros when it was never called). */
  statsOf(endpoint: LoggedEndpoint): OAuthEndpointStats {
    let stats = this.stats.get(endpoint);
    if (!stats) {
      stats = emptyStats();
      this.stats.set(endpoint, stats);
    }
    return stats;
  }

  /** Copies of every endpoint's counters. */
  allStats(): Record<LoggedEndpoint, OAuthEndpointStats> {
    return Object.fromEntries(LOGGED_ENDPOINTS.map((e) => [e, { ...this.statsOf(e) }])) as Record<
      LoggedEndpoint,
      OAuthEndpointStats
    >;
  }

  /** Copies of the recorded token calls, oldest first, optionally of one endpoint. */
  calls(endpoint?: LoggedEndpoint): RecordedTokenCall[] {
    return this.entries.filter((c) => !endpoint || c.endpoint === endpoint).map((c) => ({ ...c }));
  }

  /** Zeroes the counters (keeping in-flight calls counted) and forgets recorded calls. */
  resetStats(): void {
    for (const stats of this.stats.values()) {
      Object.assign(stats, { ...emptyStats(), inFlight: stats.inFlight, maxInFlight: stats.inFlight });
    }
    this.entries = [];
  }

  /** Forgets counters and calls. */
  reset(): void {
    this.stats.clear();
    this.entries = [];
  }
}
