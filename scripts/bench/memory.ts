// Measurement 4: RSS of the vault and of each MCP server idle, after N calls and after M more (a leak keeps growing).
import type { BenchAccount } from './fixtures';
import { memoryLoad } from './load';
import type { MemoryJob } from './load-worker';
import type { BenchOptions } from './options';
import type { ServiceProcess } from './processes';
import type { BenchStack } from './stack';
import { round } from './stats';

/** One process: RSS in MiB idle (before any measurement), after the first and the second round of calls. */
export interface MemoryRow {
  process: string;
  calls: string;
  /** Calls of the first and the second round. */
  callsPerRound: [number, number];
  idleMiB: number;
  afterFirstMiB: number;
  afterSecondMiB: number;
  /** Growth during the second round: what a leak adds once caches and JIT have settled. */
  secondRoundGrowthMiB: number;
  /** Throughput of each round (req/s) and failed calls over both rounds. */
  rps: number[];
  failed: number;
}

const MiB = 1024 * 1024;

/** RSS of every process of the stack now, by name. */
export function snapshotRss(stack: BenchStack): Record<string, number> {
  const processes: ServiceProcess[] = [stack.vault.process, ...stack.mcp.map((server) => server.process)];
  return Object.fromEntries(processes.map((process) => [process.name, process.rssBytes()]));
}

/**
 * `options.memoryCalls` then `options.memoryExtraCalls` calls against each process, one process at a time,
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
    amounts: [options.memoryCalls, options.memoryExtraCalls],
    connections: options.memoryConnections,
  });
  return processes.map(({ name }, index) => {
    const { rssBytes, rps, failed } = measured[name]!;
    const [afterFirst, afterSecond] = rssBytes as [number, number];
    return {
      process: name,
      calls: index === 0 ? 'GET /api/credentials/token' : 'get_account (plain form)',
      callsPerRound: [options.memoryCalls, options.memoryExtraCalls],
      idleMiB: round(idle[name]! / MiB, 1),
      afterFirstMiB: round(afterFirst / MiB, 1),
      afterSecondMiB: round(afterSecond / MiB, 1),
      secondRoundGrowthMiB: round((afterSecond - afterFirst) / MiB, 1),
      rps,
      failed,
    };
  });
}
