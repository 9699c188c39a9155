// Measurement 4: RSS of the vault and of each MCP server idle and after N calls (what the process holds under load;
// the leak verdict is heap.ts's live heap after GC).
import type { BenchAccount } from './fixtures';
import { memoryLoad } from './load';
import type { MemoryJob } from './load-worker';
import type { BenchOptions } from './options';
import type { ServiceProcess } from './processes';
import type { BenchStack } from './stack';
import { round } from './stats';

/** One process: RSS in MiB idle (before any measurement) and after `calls` calls. */
export interface MemoryRow {
  process: string;
  /** What was called, e.g. `GET /api/credentials/token`. */
  calls: string;
  count: number;
  idleMiB: number;
  afterMiB: number;
  /** Throughput of the calls (req/s) and how many failed. */
  rps: number;
  failed: number;
}

const MiB = 1024 * 1024;

/** RSS of every process of the stack now, by name. */
export function snapshotRss(stack: BenchStack): Record<string, number> {
  const processes: ServiceProcess[] = [stack.vault.process, ...stack.mcp.map((server) => server.process)];
  return Object.fromEntries(processes.map((process) => [process.name, process.rssBytes()]));
}

/**
 * `options.memoryCalls` calls against each process, one process at a time,
 * from one load worker: token fetches for the vault, plain-form `get_account` for every MCP server (each a
 * real platform call).
 */
export async function measureMemory(
  stack: BenchStack,
  accounts: Record<BenchAccount['platform'], BenchAccount>,
  idle: Record<string, number>,
  options: BenchOptions,
): Promise<MemoryRow[]> {
  const instagram = accounts.instagram;
  const processes: MemoryJob['processes'] = [
    {
      name: stack.vault.process.name,
      pid: stack.vault.process.pid,
      url: `${stack.vault.internalUrl}/api/credentials/token?platform=instagram&account_id=${instagram.accountId}`,
      headers: { authorization: `Bearer ${stack.serviceTokens['instagram-mcp']}` },
    },
    ...stack.mcp.map((server) => ({
      name: server.process.name,
      pid: server.process.pid,
      url: `${server.url}/mcp`,
      method: 'POST' as const,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        method: 'get_account',
        params: { account_id: accounts[server.entry.platform].accountId },
      }),
    })),
  ];
  const measured = await memoryLoad({
    processes,
    amounts: [options.memoryCalls],
    connections: options.memoryConnections,
  });
  return processes.map(({ name }, index) => {
    const { rssBytes, rps, failed } = measured[name]!;
    return {
      process: name,
      calls: index === 0 ? 'GET /api/credentials/token' : 'get_account (plain form)',
      count: options.memoryCalls,
      idleMiB: round(idle[name]! / MiB, 1),
      afterMiB: round(rssBytes[0]! / MiB, 1),
      rps: rps[0]!,
      failed,
    };
  });
}
