// Child processes of the bench: each service runs as `node dist/<service>.js` (the bundle production runs; a
// bench-only TypeScript helper as `node --import tsx <entry>`), so its pid is the server's own for RSS; each logs to
// a file and is stopped with SIGTERM.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { waitForHealthy } from '../stack/supervisor';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
const HEALTH_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 10_000;

/** A running service process. */
export interface ServiceProcess {
  name: string;
  pid: number;
  logFile: string;
  /** Resident set size now, in bytes (Linux /proc, else `ps`). */
  rssBytes(): number;
  stop(): Promise<void>;
}

/** Reads VmRSS of `pid` (bytes). */
export function rssOf(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {
    // not Linux: fall through to ps
  }
  return (
    Number(
      execFileSync('ps', ['-o', 'rss=', '-p', String(pid)])
        .toString()
        .trim(),
    ) * 1024
  );
}

/** CPU time (user + system) `pid` has used so far, in milliseconds (Linux /proc; NaN elsewhere). */
export function cpuTimeMsOf(pid: number): number {
  try {
    // After the command name (in parentheses, may hold anything): state is field 3, utime 14, stime 15.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
  } catch {
    return Number.NaN;
  }
}

/** Linux's USER_HZ: /proc reports CPU times in these ticks (100 on every mainstream kernel build). */
const CLOCK_TICKS_PER_S = 100;

function tail(file: string, lines = 15): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Spawns `entry` (a bundle of `pnpm build`, or a TypeScript file, relative to the repository root; or `{ eval }`, code
 * run by `node -e`) with exactly `env` plus PATH and HOME, sends its output to `<logDir>/<name>.log`, and waits until
 * `healthUrl` answers 2xx.
 * @throws when the process exits or is not healthy within 90 s (the error quotes its last log lines).
 */
export async function startService(options: {
  name: string;
  entry: string | { eval: string };
  env: Record<string, string>;
  healthUrl: string;
  logDir: string;
}): Promise<ServiceProcess> {
  const logFile = path.join(options.logDir, `${options.name}.log`);
  const out = fs.openSync(logFile, 'a');
  const { entry } = options;
  const args =
    typeof entry !== 'string'
      ? ['-e', entry.eval]
      : entry.endsWith('.ts')
        ? ['--import', 'tsx', entry]
        : [entry];
  // BENCH_CPU_PROF=mcp-instagram,vault: those services write a V8 CPU profile into the log directory on exit.
  if ((process.env.BENCH_CPU_PROF ?? '').split(',').includes(options.name))
    args.unshift('--cpu-prof', '--cpu-prof-dir', options.logDir);
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };
  try {
    await Promise.race([
      waitForHealthy(options.healthUrl, HEALTH_TIMEOUT_MS),
      exited.then((code) => {
        throw new Error(`exited with code ${code}`);
      }),
    ]);
  } catch (error) {
    await stop();
    throw new Error(`${options.name} did not start: ${(error as Error).message}\n${tail(logFile)}`);
  }
  return { name: options.name, pid: child.pid!, logFile, rssBytes: () => rssOf(child.pid!), stop };
}
