// Runs one load job in a fresh load-worker process, so the load generator never shares a CPU queue with the bench.
import { fork } from 'node:child_process';
import path from 'node:path';
import type {
  AutocannonJob,
  CompareJob,
  CompareResult,
  AutocannonResult,
  InterleavedJob,
  InterleavedResult,
  LoadJob,
  MemoryJob,
  MemoryResult,
} from './load-worker';
import { REPO_ROOT } from './processes';

const WORKER = path.join(__dirname, 'load-worker.ts');

type Answer = { ok: true; result: unknown } | { ok: false; error: string };

function runJob(job: LoadJob): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [], {
      cwd: REPO_ROOT,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let answer: Answer | undefined;
    child.once('message', (message: Answer) => {
      answer = message;
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (answer?.ok) resolve(answer.result);
      else
        reject(new Error(answer ? `load worker failed: ${answer.error}` : `load worker exited with ${code}`));
    });
    child.send(job);
  });
}

/** autocannon in its own process; latency percentiles from the exact response times. */
export async function autocannonLoad(job: Omit<AutocannonJob, 'kind'>): Promise<AutocannonResult> {
  return (await runJob({ kind: 'autocannon', ...job })) as AutocannonResult;
}

/** Sequential calls round-robin over the targets in its own process: per-target latency under the same conditions. */
export async function interleavedLatency(job: Omit<InterleavedJob, 'kind'>): Promise<InterleavedResult> {
  return (await runJob({ kind: 'interleaved', ...job })) as InterleavedResult;
}

/** Several targets under the same autocannon load in A B … B A slices, in its own process. */
export async function compareLoad(job: Omit<CompareJob, 'kind'>): Promise<CompareResult> {
  return (await runJob({ kind: 'compare', ...job })) as CompareResult;
}

/** Rounds of calls per process with its RSS read after each round, in its own process. */
export async function memoryLoad(job: Omit<MemoryJob, 'kind'>): Promise<MemoryResult> {
  return (await runJob({ kind: 'memory', ...job })) as MemoryResult;
}
