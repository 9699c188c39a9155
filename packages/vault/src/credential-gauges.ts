// Gauges of stored credentials (by status, expiring within 7 days), read with one SQL query when /metrics is scraped.
import { Gauge } from 'prom-client';
import type { Pool } from 'pg';
import { createLogger } from '@socialvault/common';
import type { VaultMetrics } from './metrics';
import { PLATFORMS } from '@socialvault/vault-api';

const log = createLogger('vault', 'metrics');
const STATUSES = ['active', 'expired', 'revoked'] as const;

interface CredentialCountRow {
  platform: string;
  status: string;
  total: number;
  expiring: number;
}

/**
 * One row per (platform, status): how many credentials, and how many active ones whose access token
 * expires in the next 7 days (`now < token_expires_at ≤ now + 7 days`). Served by the primary key
 * scan of a table with one row per account: cheap at any realistic size.
 */
const COUNT_SQL = `
  SELECT platform, status, count(*)::int AS total,
         count(*) FILTER (
           WHERE status = 'active' AND token_expires_at > now() AND token_expires_at <= now() + interval '7 days'
         )::int AS expiring
    FROM credentials
   GROUP BY platform, status`;

/**
 * Registers `vault_credentials{platform,status}` and `vault_credentials_expiring_7d{platform}` on the
 * vault's registry, both read from `pool` on scrape (every platform/status pair is present, 0 when
 * none). When PostgreSQL does not answer, the scrape still succeeds without these two series.
 */
export function registerCredentialGauges(metrics: VaultMetrics, pool: Pool): void {
  // A vault restarted with the same metrics reads its new pool.
  for (const name of ['vault_credentials', 'vault_credentials_expiring_7d'])
    metrics.registry.removeSingleMetric(name);
  // Both collects start together on each scrape (prom-client collects in parallel): they share one query.
  let inFlight: Promise<CredentialCountRow[] | undefined> | undefined;
  const read = (): Promise<CredentialCountRow[] | undefined> => {
    inFlight ??= pool
      .query<CredentialCountRow>(COUNT_SQL)
      .then((result) => result.rows)
      .catch((error: unknown) => {
        log.warn('Could not count credentials for /metrics', { error });
        return undefined;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };

  new Gauge({
    name: 'vault_credentials',
    help: 'Stored credentials by platform and status',
    labelNames: ['platform', 'status'] as const,
    registers: [metrics.registry],
    async collect() {
      const rows = await read();
      this.reset();
      if (!rows) return;
      for (const platform of PLATFORMS) for (const status of STATUSES) this.set({ platform, status }, 0);
      for (const row of rows) this.set({ platform: row.platform, status: row.status }, row.total);
    },
  });

  new Gauge({
    name: 'vault_credentials_expiring_7d',
    help: 'Active credentials whose access token expires within the next 7 days, by platform',
    labelNames: ['platform'] as const,
    registers: [metrics.registry],
    async collect() {
      const rows = await read();
      this.reset();
      if (!rows) return;
      const byPlatform = new Map<string, number>(PLATFORMS.map((platform) => [platform, 0]));
      for (const row of rows)
        byPlatform.set(row.platform, (byPlatform.get(row.platform) ?? 0) + row.expiring);
      for (const [platform, count] of byPlatform) this.set({ platform }, count);
    },
  });
}
