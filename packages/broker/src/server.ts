// startBroker: migrations, then the one listener (flows, admin API, health) on a pg pool.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Pool } from 'pg';
import { createLogger, runSqlMigrations } from '@socialvault/common';
import type { BrokerConfig } from './config';
import { ClientRegistry } from './db/clients';
import { ProviderHttp } from './flows/provider-http';
import { createBrokerApp } from './http/app';
import { createCsrf } from './http/csrf';
import { VaultClient } from './http/vault-client';

const log = createLogger('broker', 'server');
/** Shared by every broker process, distinct from the vault's, so one migrates at a time. */
const MIGRATION_LOCK_ID = 7_301_906_030;
const CLOSE_GRACE_MS = 5_000;

/** A started broker. */
export interface RunningBroker {
  /** Where it listens, e.g. `http://127.0.0.1:3030`. */
  url: string;
  /** Stops the listener (requests in flight finish, ≤ 5 s) and closes the pool. */
  close(): Promise<void>;
}

/**
 * Runs the broker's migrations (table `broker_schema_migrations`, so it may share a database with the
 * vault) and starts its listener on `config.host:config.port` (0 → ephemeral).
 * @throws when PostgreSQL is unreachable, a migration fails or the port is taken (pool closed first)
 */
export async function startBroker(config: BrokerConfig): Promise<RunningBroker> {
  const pool = new Pool({ connectionString: config.databaseUrl, max: 10 });
  pool.on('error', (error) => log.error('PostgreSQL client error', { error }));
  let server: http.Server;
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
    server = await new Promise<http.Server>((resolve, reject) => {
      const listening = http.createServer(app);
      listening.once('error', reject);
      listening.listen(config.port, config.host, () => resolve(listening));
    });
  } catch (error) {
    await pool.end();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      }).then(() => pool.end());
      return closing;
    },
  };
}
