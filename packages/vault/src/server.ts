// startVault: migrations, key check, then the ingress and internal listeners on one pg pool.
import { Pool } from 'pg';
import {
  createLogger,
  listen,
  type AddressPolicy,
  type CloseOptions,
  type Listener,
} from '@socialvault/common';
import type { VaultConfig } from './config';
import { CredentialStore } from './credentials/credential-store';
import { enforceKeyChecks } from './credentials/key-check';
import { checkKeyCoverage } from './credentials/key-coverage';
import type { TokenRefresher } from './credentials/token-refresher';
import { TokenService } from './credentials/token-service';
import { AuditBatcher } from './db/audit-batcher';
import { runMigrations } from './db/migrate';
import { PublicationService } from './publications/publication-service';
import { ProviderRevoker, revocationSettingsFrom } from './revocation/provider-revoker';
import { createIngressApp, createInternalApp, type AppDeps } from './http/app';
import { registerCredentialGauges } from './credential-gauges';
import { VaultMetrics } from './metrics';

const log = createLogger('vault', 'server');

/** A started vault: where each listener answers, and how to stop both and the pool. */
export interface RunningVault {
  /** e.g. `http://127.0.0.1:3006` (a wildcard bind host is shown as 127.0.0.1). */
  ingressUrl: string;
  internalUrl: string;
  /**
   * Stops both listeners (`Listener.close`: requests in flight finish within CLOSE_GRACE_MS) and closes
   * the pool. `drain` (what a SIGTERM does) first keeps accepting until the listen queue is quiet (≤ 4 s),
   * so no request already sent is reset; tests skip it.
   */
  close(options?: CloseOptions): Promise<void>;
}

export interface StartVaultOptions {
  /** Inline refresh before serving (the refresh scheduler's); none by default. */
  refresher?: TokenRefresher;
  /** Metrics served on GET /metrics; pass the refresher's so refreshes show there (default: a new set). */
  metrics?: VaultMetrics;
  /** How the broker POST and the revocation call resolve and judge Mastodon instance hosts; tests only (default: system DNS). */
  instanceAddressPolicy?: AddressPolicy;
}

/**
 * Runs migrations, checks each configured key against the key check value recorded for its id
 * (recording it for an id never seen), checks that every stored row's key is in the ring (logging an
 * error naming the missing key ids, never refusing to start: those rows answer 503 until the key is
 * back), then starts both listeners on `config.host` (port 0 → ephemeral).
 * @throws ConfigError naming the key id when a configured key is not the one recorded for its id;
 * an Error when PostgreSQL is unreachable, a migration fails or a port is taken (pool closed first).
 */
export async function startVault(
  config: VaultConfig,
  options: StartVaultOptions = {},
): Promise<RunningVault> {
  const pool = new Pool({ connectionString: config.databaseUrl, max: 10 });
  pool.on('error', (error) => log.error('PostgreSQL client error', { error }));
  const listeners: Listener[] = [];
  // Serve audit rows are batched (VAULT_AUDIT_FLUSH_MS); the rest is written in the transaction it records.
  let audit: AuditBatcher | undefined;
  try {
    await runMigrations(pool);
    await enforceKeyChecks(pool, config.keyRing);
    const coverage = await checkKeyCoverage(pool, config.keyRing);
    if (coverage.missingKeyIds.length > 0) {
      log.error(
        `${coverage.unreadableRows} stored credential(s) use key id(s) ${coverage.missingKeyIds.join(', ')}, ` +
          'which are not in VAULT_ENCRYPTION_KEYS; they answer 503 until the key is added back (rows are kept)',
        { missing_key_ids: coverage.missingKeyIds, unreadable_rows: coverage.unreadableRows },
      );
    }
    if (config.serviceIdentities.length === 0) {
      log.warn('VAULT_SERVICE_TOKENS is empty: the internal listener refuses every request');
    }
    const metrics = options.metrics ?? new VaultMetrics();
    registerCredentialGauges(metrics, pool);
    if (config.auditFlushMs > 0) audit = new AuditBatcher({ pool, flushIntervalMs: config.auditFlushMs });
    const deps: AppDeps = {
      pool,
      keyRing: config.keyRing,
      metrics,
      store: new CredentialStore({
        pool,
        keyRing: config.keyRing,
        metrics,
        revoker: new ProviderRevoker(
          revocationSettingsFrom(config.refresh, {
            mastodonPrivateInstanceAllowlist: config.mastodonPrivateInstanceAllowlist,
            ...(options.instanceAddressPolicy
              ? { instanceAddressPolicy: options.instanceAddressPolicy }
              : {}),
          }),
        ),
        providerTimeoutMs: config.refresh.providerTimeoutMs,
      }),
      tokens: new TokenService({
        pool,
        keyRing: config.keyRing,
        metrics,
        refresher: options.refresher,
        ...(audit ? { audit } : {}),
      }),
      publications: new PublicationService(pool),
      brokerApiKey: config.brokerApiKey,
      serviceIdentities: config.serviceIdentities,
      allowInsecureUrls: config.allowInsecureUrls,
      mastodonPrivateInstanceAllowlist: config.mastodonPrivateInstanceAllowlist,
      ...(options.instanceAddressPolicy ? { instanceAddressPolicy: options.instanceAddressPolicy } : {}),
      trustProxy: config.trustProxy,
      authFailures: config.authFailures,
      maxBodyBytes: config.maxBodyBytes,
    };
    listeners.push(await listen(createIngressApp(deps), { host: config.host, port: config.ingressPort }));
    listeners.push(await listen(createInternalApp(deps), { host: config.host, port: config.internalPort }));
  } catch (error) {
    await Promise.all(listeners.map((listener) => listener.close()));
    await pool.end();
    throw error;
  }
  const [ingress, internal] = listeners as [Listener, Listener];
  let closing: Promise<void> | undefined;
  return {
    ingressUrl: ingress.url,
    internalUrl: internal.url,
    close: (options = {}) => {
      closing ??= Promise.all(listeners.map((listener) => listener.close(options)))
        .then(() => audit?.close())
        .then(() => pool.end());
      return closing;
    },
  };
}
