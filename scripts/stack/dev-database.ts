// The stack's embedded PostgreSQL in a process group of its own, so a terminal's Ctrl-C reaches only the
// supervisor: PostgreSQL takes SIGINT as "fast shutdown" and would cut the vault's connections before it drained.
import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { REPO_ROOT, TSX_IMPORT } from './supervisor';

/** A running embedded PostgreSQL: its URL, and `stop()` (resolves once the server process has exited). */
export interface DevDatabaseProcess {
  url: string;
  stop: () => Promise<void>;
}

const ENTRY = 'scripts/stack/dev-database-main.ts';

/**
 * Starts `dev-database-main.ts` detached (own process group) for the cluster under `<dataDir>/pg` and
 * resolves with its URL once the server accepts connections.
 * @throws Error when the process exits before printing its URL (its log says why: stderr is passed through).
 */
export function startDevDatabaseProcess(
  dataDir: string,
  env: NodeJS.ProcessEnv,
): Promise<DevDatabaseProcess> {
  const child = spawn(process.execPath, ['--import', TSX_IMPORT, ENTRY, dataDir], {
    cwd: REPO_ROOT,
    env,
    // stdin stays open: when this process dies without stopping it, the child sees EOF and stops the server.
    stdio: ['pipe', 'pipe', 'inherit'],
    detached: true,
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const { url } = JSON.parse(line) as { url?: unknown };
      if (typeof url === 'string') resolve({ url, stop });
    });
    void exited.then(() => reject(new Error('the embedded PostgreSQL process exited before it was ready')));
  });
}
