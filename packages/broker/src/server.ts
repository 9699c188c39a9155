// startBroker: migrations, then the one listener (flows, admin API, health) on a pg pool.
import path from 'node:path';
import { Pool } from 'pg';
import {
  createLogger,
  listen,
  runSqlMigrations,
  type CloseOptions,
  type Listener,
} from '@socialvault/common';
import type { BrokerConfig } from './config';
import { ClientRegistry } from './db/clients';
import { ProviderHttp } from './flows/provider-http';
import { createBrokerApp } from './http/app';
import { createCsrf } from './http/csrf';
import { VaultClient } from './http/vault-client';

const log = createLogger('broker', 'server');
/** Shared by every broker process, distinct from the vault's, so one migrates at a time. */
const MIGRATION_LOCK_ID = 7_301_906_030;

/** A started broker. */
export interface RunningBroker {
  /** Where it listens, e.g. `http://127.0.0.1:3030`. */
  url: string;
  /**
   * Stops the listener (`Listener.close`: requests in flight finish within CLOSE_GRACE_MS; `drain`, what a
   * SIGTERM does, first serves the listen queue) and closes the pool.
   */
  close(options?: CloseOptions): Promise<void>;
}

/**
 * Runs the broker's migrations (table `broker_schema_migrations`, so it may share a database with the
 * vault) and starts its listener on `config.host:config.port` (0 → ephemeral).
 * @throws when PostgreSQL is unreachable, a migration fails or the port is taken (pool closed first)
 */
export async function startBroker(config: BrokerConfig): Promise<RunningBroker> {
  const pool = new Pool({ connectionString: config.databaseUrl, max: 10 });
  pool.on('error', (error) => log.error('PostgreSQL client error', { error }));
  let listener: Listener;
  try {
    await runSqlMigrations(pool, {
      dir: path.join(__dirname, 'db', 'migrations'),
      table: 'broker_schema_migrations',
      lockId: MIGRATION_LOCK_ID,
      log,
    });
    const secureCookies = config.publicUrl.startsWith('https://');
    const app = createBrokerApp({
      config,
      pool,
      keyRing: config.keyRing,
      clients: new ClientRegistry({ pool, keyRing: config.keyRing, localVault: config.localVault }),
      providerHttp: new ProviderHttp({
        timeoutMs: config.providerTimeoutMs,
        mastodonPrivateAllowlist: config.mastodonPrivateAllowlist,
      }),
      vault: new VaultClient(config.vaultTimeoutMs),
      csrf: createCsrf({ secret: config.sessionSecret, secure: secureCookies }),
      secureCookies,
    });
    listener = await listen(app, { host: config.host, port: config.port });
  } catch (error) {
    await pool.end();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    url: listener.url,
    close: (options = {}) => (closing ??= listener.close(options).then(() => pool.end())),
  };
}
