// Each measurement's results as rows of the bench table, with the issue's targets.
import type { BrokerCallbackResult } from './broker-callback';
import type { AutocannonResult } from './load-worker';
import type { DataGrowthResult } from './data-growth';
import type { McpOverheadResult } from './mcp-overhead';
import type { HeapRow } from './heap';
import type { IdleMemoryResult, IdleMemoryRow } from './idle-memory';
import type { MemoryRow } from './memory';
import type { RefreshSweepResult } from './refresh-sweep';
import { int, ms, type ReportRow } from './report';
import { MCP_SERVERS } from '../stack/services';
import type { TokenFetchResult } from './token-fetch';

const signed = (value: number, digits = 1) => `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`;
/** CPU milliseconds per request, or `n/a` where /proc is not there to read (NaN arrives as null over IPC). */
const cpuMs = (value: number | null | undefined) =>
  typeof value === 'number' && Number.isFinite(value) ? `${value.toFixed(3)} ms` : 'n/a';

/** The issue's idle RSS targets in MiB: the vault and each MCP server; the broker and the simulator have none. */
export const IDLE_RSS_TARGET_MIB = { vault: 80, mcpServer: 70 } as const;

/**
 * RSS a process must have given back since start-up to count as shrunk by V8: an idle process that has shrunk
 * dropped 7-17 MiB in the runs measured; one that has not stays within a MiB of its start-up figure.
 */
const SHRUNK_BY_MIB = 3;

const MCP_PROCESS_NAMES = new Set(MCP_SERVERS.map((server) => server.packageDir));

/** The idle RSS target of a process of the stack, in MiB, or undefined where the issue sets none. */
export function idleRssTargetMiB(process: string): number | undefined {
  if (process === 'vault') return IDLE_RSS_TARGET_MIB.vault;
  return MCP_PROCESS_NAMES.has(process) ? IDLE_RSS_TARGET_MIB.mcpServer : undefined;
}

/**
 * Memory (idle RSS): each process of the `pnpm start` stack next to a bare `node` HTTP server idled alongside,
 * held to its target where it has one, and marked when it is still at its start-up RSS (V8 shrinks an idle
 * process only after a full GC, which the wait may not see; the bench forces none, as production has none);
 * then the whole stack (the sum), next to as many bare servers, no target.
 */
export function idleMemoryRows(idle: IdleMemoryResult): ReportRow[] {
  const figure = (rssMiB: number, pssMiB: number | null) =>
    `${rssMiB.toFixed(1)} MiB (PSS ${pssMiB === null ? 'n/a' : pssMiB.toFixed(1)})`;
  const { baseline } = idle;
  const rows = idle.processes.map((row: IdleMemoryRow): ReportRow => {
    const targetMiB = idleRssTargetMiB(row.process);
    return {
      measurement: 'memory (idle RSS)',
      subject:
        row.rssMiB > row.startMiB - SHRUNK_BY_MIB
          ? `${row.process} (still at its start-up RSS)`
          : row.process,
      result: figure(row.rssMiB, row.pssMiB),
      baseline: `${figure(baseline.rssMiB, baseline.pssMiB)} bare node HTTP server`,
      comparison: `${signed(row.rssMiB - baseline.rssMiB)} MiB`,
      target: targetMiB === undefined ? '' : `≤ ${targetMiB} MiB`,
      met: targetMiB === undefined ? undefined : row.rssMiB <= targetMiB,
    };
  });
  const count = idle.processes.length;
  const sum = (values: (number | null)[]) =>
    values.every((value) => value !== null) ? values.reduce((total, value) => total + value, 0) : null;
  const totalRss = sum(idle.processes.map((row) => row.rssMiB))!;
  const totalPss = sum(idle.processes.map((row) => row.pssMiB));
  const floorPss = baseline.pssMiB === null ? null : baseline.pssMiB * count;
  rows.push({
    measurement: 'memory (idle RSS)',
    subject: `whole stack (${count} processes, without PostgreSQL)`,
    result: figure(totalRss, totalPss),
    baseline: `${count} × the bare server: ${figure(baseline.rssMiB * count, floorPss)}`,
    comparison: `${signed(totalRss - baseline.rssMiB * count)} MiB`,
    target: '',
  });
  return rows;
}

/**
 * Memory (RSS): idle → after N calls, reported without a verdict: RSS is what V8 and the allocator keep (the
 * heap grows lazily and is given back late), so it moves by tens of MiB without a leak. heapRows judge leaks.
 */
export function memoryRows(memory: MemoryRow[]): ReportRow[] {
  return memory.map((row) => ({
    measurement: 'memory (RSS)',
    subject: `${row.process}, ${int(row.count)} ${row.calls}${row.failed ? ` (${row.failed} failed)` : ''}`,
    result: `${row.idleMiB} → ${row.afterMiB} MiB`,
    baseline: 'idle',
    comparison: `${signed(row.afterMiB - row.idleMiB)} MiB`,
    target: '',
  }));
}

/** Live heap growth allowed after the first round: 1 MiB over 2 × 2,500 calls is about 200 bytes per call. */
export const HEAP_GROWTH_LIMIT_MIB = 1;

/**
 * Memory (live heap after GC): after warm-up, then after each round. The first round may still fill caches;
 * growth from the end of the first round to the end of the last is a leak, held under 1 MiB, no failed call.
 */
export function heapRows(heap: HeapRow[]): ReportRow[] {
  return heap.map((row) => {
    const rounds = row.heapMiB.length - 1;
    const growth = row.heapMiB[rounds]! - row.heapMiB[1]!;
    return {
      measurement: 'memory (heap after GC)',
      subject: `${row.process}, ${rounds} × ${int(row.callsPerRound)} ${row.calls}${row.failed ? ` (${row.failed} failed)` : ''}`,
      result: `${row.heapMiB.join(' → ')} MiB`,
      baseline: 'after warm-up',
      comparison: `${signed(growth)} MiB after round 1`,
      target: `< +${HEAP_GROWTH_LIMIT_MIB} MiB after round 1`,
      met: row.failed === 0 && growth < HEAP_GROWTH_LIMIT_MIB,
    };
  });
}

/**
 * Token fetch: req/s ratio to the baseline (target ≥ 0.8) and latency (target p99 < 10 ms), for the vault as
 * shipped (batched audit) and, when measured, the same vault writing each audit row before serving.
 */
export function tokenFetchRows(token: TokenFetchResult): ReportRow[] {
  const { baseline } = token;
  const variants: [string, AutocannonResult, number][] = [
    ['vault (batched audit)', token.vault, token.ratio],
  ];
  if (token.vaultSyncAudit && token.ratioSyncAudit !== undefined) {
    variants.unshift([
      'vault, audit row before serving (before)',
      token.vaultSyncAudit,
      token.ratioSyncAudit,
    ]);
  }
  return variants.flatMap(([name, vault, ratio]) => {
    const failed = vault.non2xx + vault.errors + baseline.non2xx + baseline.errors;
    return [
      {
        measurement: 'token fetch',
        subject: `${name}: req/s, ${token.connections} conn.${failed ? ` (${failed} failed)` : ''}`,
        result: int(vault.rps),
        baseline: int(baseline.rps),
        comparison: `ratio ${ratio.toFixed(2)}`,
        target: 'ratio ≥ 0.8',
        met: failed === 0 && ratio >= 0.8,
      },
      {
        measurement: 'token fetch',
        subject: `${name}: CPU per request`,
        result: cpuMs(vault.cpuMsPerRequest),
        baseline: cpuMs(baseline.cpuMsPerRequest),
        comparison:
          cpuMs(vault.cpuMsPerRequest) !== 'n/a' && cpuMs(baseline.cpuMsPerRequest) !== 'n/a'
            ? `×${(vault.cpuMsPerRequest! / baseline.cpuMsPerRequest!).toFixed(2)}`
            : '',
        target: '',
      },
      {
        measurement: 'token fetch',
        subject: `${name}: p50 / p99`,
        result: `${ms(vault.p50Ms)} / ${ms(vault.p99Ms)}`,
        baseline: `${ms(baseline.p50Ms)} / ${ms(baseline.p99Ms)}`,
        comparison: `${signed(vault.p50Ms - baseline.p50Ms, 2)} / ${signed(vault.p99Ms - baseline.p99Ms, 2)} ms`,
        target: 'p99 < 10 ms',
        met: vault.p99Ms < 10,
      },
    ];
  });
}

/** MCP overhead: p50/p99 of get_account over the SDK client and the plain form vs the direct Graph call. */
export function mcpOverheadRows(mcp: McpOverheadResult): ReportRow[] {
  const { direct } = mcp;
  return (['sdk', 'plain'] as const).map((form) => {
    const stats = mcp[form];
    const added = mcp.added[form];
    const failed = stats.errors + direct.errors;
    return {
      measurement: 'MCP overhead',
      subject: `get_account, ${form === 'sdk' ? 'SDK client (Streamable HTTP)' : 'plain form'}, ${int(stats.count)} calls${failed ? ` (${failed} failed)` : ''}`,
      result: `${ms(stats.p50Ms)} / ${ms(stats.p99Ms)}`,
      baseline: `${ms(direct.p50Ms)} / ${ms(direct.p99Ms)} direct`,
      comparison: `${signed(added.p50Ms, 2)} / ${signed(added.p99Ms, 2)} ms`,
      target: '< 3 ms p50 added',
      met: failed === 0 && added.p50Ms < 3,
    };
  });
}

/** The broker callback may cost at most its upstream calls again: p50 ≤ 2 × the baseline's p50. */
export const BROKER_CALLBACK_RATIO_LIMIT = 2;

/**
 * Broker callback: p50/p99 of GET /callback/x under concurrent flows vs the baseline, the same upstream requests
 * (code exchange and /2/users/me on the simulator, vault POST) sent straight, one after the other. The issue sets
 * no number; the target holds the broker's own work (state check, PKCE verifier, events, page) to no more than
 * the upstream time it waits on (ratio ≤ 2 at p50), with no failed callback.
 */
export function brokerCallbackRows(broker: BrokerCallbackResult): ReportRow[] {
  const { callback, baseline, baselineParts: parts } = broker;
  const failed = callback.errors + baseline.errors;
  const callbacks = callback.count + callback.errors;
  return [
    {
      measurement: 'broker callback',
      subject: `X, ${broker.concurrentFlows} concurrent flows, ${int(callbacks)} callbacks${failed ? ` (${failed} failed)` : ''}: p50 / p99`,
      result: `${ms(callback.p50Ms)} / ${ms(callback.p99Ms)}`,
      baseline: `${ms(baseline.p50Ms)} / ${ms(baseline.p99Ms)} sent straight (p50: exchange ${parts.exchangeP50Ms.toFixed(1)}, /2/users/me ${parts.usersMeP50Ms.toFixed(1)}, vault POST ${parts.vaultPostP50Ms.toFixed(1)} ms)`,
      comparison: `${signed(broker.added.p50Ms, 1)} / ${signed(broker.added.p99Ms, 1)} ms, ×${broker.ratioP50.toFixed(2)} p50`,
      target: `p50 ≤ ${BROKER_CALLBACK_RATIO_LIMIT} × baseline`,
      met: failed === 0 && broker.ratioP50 <= BROKER_CALLBACK_RATIO_LIMIT,
    },
  ];
}

/** Refresh sweep: time and refreshes/s per size; the largest run is compared with the smallest (linear = ×1.00). */
export function refreshSweepRows(sweep: RefreshSweepResult): ReportRow[] {
  const first = sweep.runs[0]!;
  return sweep.runs.map((run, index) => {
    const refreshed = run.counts.refreshed ?? 0;
    const isLast = index === sweep.runs.length - 1 && index > 0;
    return {
      measurement: 'refresh sweep',
      subject: `${int(run.credentials)} due, ${run.latencyMs} ms endpoint, concurrency ${run.concurrency}${refreshed === run.credentials ? '' : ` (${int(refreshed)} refreshed)`}`,
      result: `${run.durationS.toFixed(1)} s, ${run.refreshesPerS.toFixed(1)}/s`,
      baseline: `${run.floorS.toFixed(1)} s floor`,
      comparison: isLast
        ? `×${(run.durationS / first.durationS).toFixed(2)} time for ×${run.credentials / first.credentials} credentials (${sweep.growthVsLinear.toFixed(2)} of linear)`
        : `${(run.durationS / run.floorS).toFixed(2)} × floor`,
      target: isLast ? 'linear (≤ 1.2)' : '',
      met: isLast
        ? refreshed === run.credentials && sweep.growthVsLinear <= 1.2
        : refreshed === run.credentials
          ? undefined
          : false,
    };
  });
}

const GROWTH_SUBJECTS: Record<DataGrowthResult['comparisons'][number]['what'], string> = {
  token: 'token fetch p50',
  metadata_page: 'metadata list of one platform, a page of 50, p50',
  ledger: 'ledger reserve + published p50',
};

/** Data growth: p50 with the large table over p50 with the small one, one request at a time in turns. */
export function dataGrowthRows(growth: DataGrowthResult): ReportRow[] {
  return growth.comparisons.map((comparison) => {
    const failed = comparison.small.errors + comparison.large.errors;
    const [small, large] = comparison.rows.map(int);
    return {
      measurement: 'data growth',
      subject: `${GROWTH_SUBJECTS[comparison.what]}, ${small} vs ${large} ${comparison.table}${failed ? ` (${failed} failed)` : ''}`,
      result: `${ms(comparison.large.p50Ms)} at ${large}`,
      baseline: `${ms(comparison.small.p50Ms)} at ${small}`,
      comparison: `×${comparison.ratio.toFixed(2)}`,
      target: `≤ ${comparison.maxRatio}`,
      met: failed === 0 && comparison.ratio <= comparison.maxRatio,
    };
  });
}
