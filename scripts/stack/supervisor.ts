// Runs the stack's services as child processes: starts them, waits for health, stops them together.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** One process of the stack. */
export interface ServiceProcess {
  name: string;
  /** TypeScript entry point, relative to the repository root. */
  entry: string;
  env: NodeJS.ProcessEnv;
  /** URL answering 200 once the service is ready. */
  healthUrl: string;
}

/** The repository root: where service entry points are resolved and children run. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
// Run TypeScript in the child itself (`node --import tsx`), not under the tsx CLI wrapper, so a
// signal reaches the service process and nothing is orphaned when a child is killed.
export const TSX_IMPORT = pathToFileURL(require.resolve('tsx')).href;

/** Polls `url` until it answers 2xx, or throws after `timeoutMs`. */
export async function waitForHealthy(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${url} not healthy after ${timeoutMs} ms (${lastError})`);
}

/** Starts and stops a set of child processes as one unit; any child exiting stops the rest. */
export class Supervisor {
  private readonly children = new Map<string, ChildProcess>();
  /** Set by the first stopAll; later calls wait for the same stop instead of signalling children again. */
  private stopped: Promise<void> | undefined;

  constructor(private readonly onUnexpectedExit: (name: string, code: number | null) => void) {
    // Children live in their own process groups; never leave them behind if the supervisor exits.
    process.on('exit', () => {
      for (const child of this.children.values()) child.kill('SIGTERM');
    });
  }

  /** Spawns `service` with stdout/stderr passed through (JSON log lines). */
  start(service: ServiceProcess): void {
    const child = spawn(process.execPath, ['--import', TSX_IMPORT, service.entry], {
      cwd: REPO_ROOT,
      env: service.env,
      stdio: ['ignore', 'inherit', 'inherit'],
      // Own process group: a terminal Ctrl-C reaches only the supervisor, which stops each child once.
      // Otherwise the vault would see SIGINT and then our SIGTERM, take the second signal as "exit now"
      // and leave its embedded PostgreSQL running.
      detached: true,
    });
    this.children.set(service.name, child);
    child.on('exit', (code) => {
      this.children.delete(service.name);
      if (!this.stopped) this.onUnexpectedExit(service.name, code);
    });
  }

  /**
   * Sends SIGTERM to every child and waits up to `graceMs` before SIGKILL. Idempotent: a terminal Ctrl-C
   * can reach this process twice (directly and relayed by the tsx CLI), and a second SIGTERM would make
   * the vault skip its drain and exit at once.
   */
  stopAll(graceMs = 10_000): Promise<void> {
    this.stopped ??= this.signalAll(graceMs);
    return this.stopped;
  }

  private async signalAll(graceMs: number): Promise<void> {
    const exits = [...this.children.values()].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    );
    await Promise.all(exits);
  }
}
