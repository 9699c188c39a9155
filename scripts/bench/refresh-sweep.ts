// Measurement 3: the refresh sweep at each size in its own process (logs to a file), and how its time grows.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { BenchOptions } from './options';
import { findFreePort } from '@socialvault/common/testing';
import { REPO_ROOT, startService } from './processes';
import { round } from './stats';
import type { SweepJob, SweepRun } from './sweep-worker';

export interface RefreshSweepResult {
  runs: SweepRun[];
  /**
   * (time of the largest ÷ time of the smallest) ÷ (largest ÷ smallest size): 1.0 is linear growth,
   * above 1 grows faster than the number of credentials.
   */
  growthVsLinear: number;
}

/**
 * Starts a simulator process for the token endpoint and forks sweep-worker.ts with the sizes of `options`
 * (after an unreported warm-up sweep of 100); the worker's log lines go to `<logDir>/refresh-sweep.log`.
 */
export async function measureRefreshSweep(
  databaseServerUrl: string,
  options: BenchOptions,
  logDir: string,
): Promise<RefreshSweepResult> {
  const logFile = path.join(logDir, 'refresh-sweep.log');
  const simPort = await findFreePort();
  const sim = await startService({
    name: 'sweep-platform-sim',
    entry: 'dist/platform-sim.js',
    env: { SIM_PORT: String(simPort), SIM_HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    healthUrl: `http://127.0.0.1:${simPort}/_sim/health`,
    logDir,
  });
  const out = fs.openSync(logFile, 'a');
  const job: SweepJob = {
    databaseServerUrl,
    simUrl: `http://127.0.0.1:${simPort}`,
    sizes: options.sweepSizes,
    latencyMs: options.sweepLatencyMs,
  };
  const runs = await new Promise<SweepRun[]>((resolve, reject) => {
    const child = fork(path.join(__dirname, 'sweep-worker.ts'), [], {
      cwd: REPO_ROOT,
      execArgv: ['--import', 'tsx'],
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info' },
      stdio: ['ignore', out, out, 'ipc'],
    });
    let answer: { ok: boolean; result?: SweepRun[]; error?: string } | undefined;
    child.once('message', (message: typeof answer) => (answer = message));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (answer?.ok) resolve(answer.result!);
      else reject(new Error(`refresh sweep failed (${answer?.error ?? `exit ${code}`}); log: ${logFile}`));
    });
    child.send(job);
  }).finally(async () => {
    fs.closeSync(out);
    await sim.stop();
  });
  const first = runs[0]!;
  const last = runs[runs.length - 1]!;
  return {
    runs,
    growthVsLinear: round(last.durationS / first.durationS / (last.credentials / first.credentials)),
  };
}
