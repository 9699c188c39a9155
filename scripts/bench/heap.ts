// Measurement 4b: the leak verdict. Runs heap-worker.ts in its own process with --expose-gc against the bench
// stack's database, vault and simulator, and returns the live heap after GC of each process round by round.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchAccount } from './fixtures';
import type { HeapJob, HeapRow } from './heap-worker';
import type { BenchOptions } from './options';
import { REPO_ROOT } from './processes';
import type { BenchStack } from './stack';

export type { HeapRow } from './heap-worker';

/** Rounds of calls after the warm-up; growth across them is what a leak adds. */
export const HEAP_ROUNDS = 3;

/**
 * Live heap (after GC) of the vault and each MCP server, each run in one probe process in turn: a warm-up,
 * then HEAP_ROUNDS rounds of `options.leakCallsPerRound` calls. The probe's log goes to `<logDir>/heap-probe.log`.
 * @throws when the probe exits non-zero (the error quotes the end of its log).
 */
export async function measureHeap(
  stack: BenchStack,
  accounts: Record<BenchAccount['platform'], BenchAccount>,
  options: BenchOptions,
): Promise<HeapRow[]> {
  const resultFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'socialvault-heap-')), 'rows.json');
  const job: HeapJob = {
    databaseUrl: stack.db.url,
    encryptionKeys: stack.encryptionKeys,
    vaultInternalUrl: stack.vault.internalUrl,
    serviceTokens: stack.serviceTokens,
    simBaseUrls: stack.simBaseUrls,
    simUrl: stack.simUrl,
    accounts: Object.fromEntries(
      Object.entries(accounts).map(([platform, account]) => [platform, account.accountId]),
    ) as HeapJob['accounts'],
    rounds: HEAP_ROUNDS,
    callsPerRound: options.leakCallsPerRound,
    connections: options.memoryConnections,
    resultFile,
  };
  const logFile = path.join(stack.logDir, 'heap-probe.log');
  const out = fs.openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', path.join(__dirname, 'heap-worker.ts')],
    {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        BENCH_HEAP_JOB: JSON.stringify(job),
      },
      stdio: ['ignore', out, out],
    },
  );
  fs.closeSync(out);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) {
    const tail = fs.readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-10).join('\n');
    throw new Error(`heap probe exited with ${code}:\n${tail}`);
  }
  return JSON.parse(fs.readFileSync(resultFile, 'utf8')) as HeapRow[];
}
