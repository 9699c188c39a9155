// The vault as operators run it, in a child process (`node --import tsx src/main.ts`), for the tests that need
// real processes: several replicas, SIGKILL and SIGTERM, a database outage, start-up failures.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** `node --import tsx`, not the tsx CLI: signals reach the script itself and nothing is orphaned on SIGKILL. */
export const TSX = ['--import', pathToFileURL(require.resolve('tsx')).href];
const MAIN = path.join(__dirname, '..', 'src', 'main.ts');

/** A started `src/main.ts` child. */
export interface VaultChild {
  child: ChildProcessWithoutNullStreams;
  /** Everything it wrote to stdout and stderr so far. */
  output: () => string;
  /** Resolves with the exit code once it has exited. */
  exited: Promise<number | null>;
  /** SIGKILL if still running (for finally blocks). */
  kill: () => void;
}

/** A vault child whose two listeners are up. */
export interface VaultProcess extends VaultChild {
  ingressUrl: string;
  internalUrl: string;
}

/**
 * Starts `src/main.ts` in `cwd` with `env` over a clean environment (PATH and HOME, NODE_ENV development,
 * console logs at info; nothing else inherited) and returns at once.
 */
export function startVaultChild(env: NodeJS.ProcessEnv, cwd?: string): VaultChild {
  const child = spawn(process.execPath, [...TSX, MAIN], {
    cwd,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      ...env,
    },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  return { child, output: () => output, exited, kill };
}

/**
 * Starts the vault like `startVaultChild` and waits until both listeners logged their URL (pass ports 0).
 * @throws when it exits or does not listen within `timeoutMs` (the child is killed).
 */
export async function spawnVaultProcess(env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<VaultProcess> {
  const started = startVaultChild(env);
  const deadline = Date.now() + timeoutMs;
  const urlOf = (name: string) =>
    new RegExp(`${name} listening on (http://\\S+)`).exec(started.output())?.[1];
  while (!(urlOf('ingress \\(broker\\)') && urlOf('internal \\(tokens\\)'))) {
    if (started.child.exitCode !== null || Date.now() > deadline) {
      started.kill();
      throw new Error(
        `the vault did not start (exit ${started.child.exitCode}):\n${started.output().slice(-3000)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    ...started,
    ingressUrl: urlOf('ingress \\(broker\\)')!,
    internalUrl: urlOf('internal \\(tokens\\)')!,
  };
}
