// Prometheus counters for GET /metrics, one registry per running vault (no secrets, no account ids).
import { performance } from 'node:perf_hooks';
import { Counter, Histogram, Registry } from 'prom-client';

/** Buckets of `vault_refresh_duration_seconds`: a token endpoint answers in tens of ms to seconds. */
const REFRESH_BUCKETS_S = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The vault's metrics, registered on their own registry. Labels hold only bounded, non-secret values:
 * platform, service identity name (from VAULT_SERVICE_TOKENS), outcome / error code, status. Never an
 * account id, a token or a secret.
 */
export class VaultMetrics {
  readonly registry = new Registry();
  readonly credentialsStored = new Counter({
    name: 'vault_credentials_stored_total',
    help: 'Credentials stored or replaced by the broker',
    labelNames: ['platform'] as const,
    registers: [this.registry],
  });
  readonly credentialsRevoked = new Counter({
    name: 'vault_credentials_revoked_total',
    help: 'Credentials revoked by the broker',
    labelNames: ['platform'] as const,
    registers: [this.registry],
  });
  readonly tokensServed = new Counter({
    name: 'vault_tokens_served_total',
    help: 'Tokens served to MCP servers; expired="true" when served with token_expired',
    labelNames: ['platform', 'expired'] as const,
    registers: [this.registry],
  });
  readonly requestsRejected = new Counter({
    name: 'vault_requests_rejected_total',
    help: 'Requests answered with an error status',
    labelNames: ['listener', 'status'] as const,
    registers: [this.registry],
  });
  readonly tokenFetches = new Counter({
    name: 'vault_token_fetches_total',
    help: 'GET /api/credentials/token by service identity, platform and outcome (success or the error code)',
    labelNames: ['service', 'platform', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly refreshes = new Counter({
    name: 'vault_refreshes_total',
    help: 'Refresh passes over a credential (sweep or inline) by platform and outcome',
    labelNames: ['platform', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly refreshDuration = new Histogram({
    name: 'vault_refresh_duration_seconds',
    help: 'Duration of one refresh pass (lock, token endpoint call, write) by platform and outcome',
    labelNames: ['platform', 'outcome'] as const,
    buckets: REFRESH_BUCKETS_S,
    registers: [this.registry],
  });

  /**
   * Counts one refresh pass and observes its duration once `pass` settles (outcome `error` when it
   * throws); returns `pass` unchanged.
   */
  timeRefresh<T extends { outcome: string }>(platform: string, pass: Promise<T>): Promise<T> {
    const startedAt = performance.now();
    const observe = (outcome: string) => {
      this.refreshes.inc({ platform, outcome });
      this.refreshDuration.observe({ platform, outcome }, (performance.now() - startedAt) / 1000);
    };
    return pass.then(
      (result) => {
        observe(result.outcome);
        return result;
      },
      (error: unknown) => {
        observe('error');
        throw error;
      },
    );
  }
}
