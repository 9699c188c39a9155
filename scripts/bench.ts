// `pnpm bench`: the vault and the MCP servers measured against their baselines in one run — idle RSS of the
// `pnpm start` stack vs a bare node HTTP server, token fetch vs a bare SELECT + decrypt, MCP overhead vs a direct Graph call, the broker's OAuth callback under 20
// concurrent flows vs its upstream requests sent straight, the cost of requests as the tables grow, the refresh
// sweep at 1,000 and 10,000 due credentials, and RSS idle and under load. Prints one table and writes
// bench/results.json.
import os from 'node:os';
import { measureBrokerCallback } from './bench/broker-callback';
import { startBenchDatabaseServer } from './bench/database';
import { measureDataGrowth } from './bench/data-growth';
import { connectAccounts } from './bench/fixtures';
import { HEAP_ROUNDS, measureHeap } from './bench/heap';
import { measureIdleMemory } from './bench/idle-memory';
import { measureMemory, snapshotRss } from './bench/memory';
import { parseBenchOptions, type BenchOptions } from './bench/options';
import { machineInfo, markdownTable, textTable, writeResults, type ReportRow } from './bench/report';
import { measureMcpOverhead } from './bench/mcp-overhead';
import { measureRefreshSweep } from './bench/refresh-sweep';
import {
  brokerCallbackRows,
  dataGrowthRows,
  heapRows,
  idleMemoryRows,
  mcpOverheadRows,
  memoryRows,
  refreshSweepRows,
  tokenFetchRows,
} from './bench/rows';
import { startBenchStack } from './bench/stack';
import { measureTokenFetch } from './bench/token-fetch';

/**
 * The phases after idle, on the bench stack (simulator, vault, five MCP servers) started once for all of them;
 * each adds its figures to `results` and its rows to `rows`.
 */
async function measureOnBenchStack(
  databaseUrl: string,
  options: BenchOptions,
  results: Record<string, unknown>,
  rows: ReportRow[],
  say: (line: string) => void,
): Promise<void> {
  const stack = await startBenchStack(databaseUrl);
  say(`stack up (simulator, vault, ${stack.mcp.length} MCP servers); logs in ${stack.logDir}`);
  try {
    const accounts = await connectAccounts(stack);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const idle = snapshotRss(stack);
    if (options.phases.has('memory')) {
      say(`memory: RSS after ${options.memoryCalls.toLocaleString('en-US')} calls per process`);
      const memory = await measureMemory(stack, accounts, idle, options);
      results.memory = memory;
      rows.push(...memoryRows(memory));
      say(
        `memory: live heap after GC, warm-up then ${HEAP_ROUNDS} × ${options.leakCallsPerRound.toLocaleString('en-US')} calls per process (leak probe)`,
      );
      const heap = await measureHeap(stack, accounts, options);
      results.heap = heap;
      rows.push(...heapRows(heap));
    }
    if (options.phases.has('token')) {
      say(
        `token fetch: vault vs baseline, ${options.tokenConnections} connections, ${options.tokenDurationS} s each`,
      );
      const token = await measureTokenFetch(stack, accounts.instagram, options);
      results.token_fetch = token;
      rows.push(...tokenFetchRows(token));
    }
    if (options.phases.has('mcp')) {
      say(
        `MCP overhead: get_account (SDK, plain form) vs direct Graph call, ${options.mcpDurationS} s interleaved`,
      );
      const mcp = await measureMcpOverhead(stack, accounts.instagram, options);
      results.mcp_overhead = mcp;
      rows.push(...mcpOverheadRows(mcp));
    }
    if (options.phases.has('broker')) {
      say(
        `broker callback: ${options.brokerRounds} rounds of ${options.brokerFlows} concurrent X flows vs their upstream requests sent straight`,
      );
      const broker = await measureBrokerCallback(stack, databaseUrl, options);
      results.broker_callback = broker;
      rows.push(...brokerCallbackRows(broker));
    }
    if (options.phases.has('growth')) {
      say('data growth: token fetch, a metadata page and the ledger with small vs large tables');
      const growth = await measureDataGrowth(stack, databaseUrl, options);
      results.data_growth = growth;
      rows.push(...dataGrowthRows(growth));
    }
    if (options.phases.has('sweep')) {
      await stack.stop();
      const sizes = options.sweepSizes.map((size) => size.toLocaleString('en-US')).join(' and ');
      say(`refresh sweep: ${sizes} due credentials, token endpoint ${options.sweepLatencyMs} ms`);
      const sweep = await measureRefreshSweep(databaseUrl, options, stack.logDir);
      results.refresh_sweep = sweep;
      rows.push(...refreshSweepRows(sweep));
    }
  } finally {
    await stack.stop();
  }
}

async function run(options: BenchOptions): Promise<void> {
  const startedAt = Date.now();
  const elapsed = () => `${((Date.now() - startedAt) / 1000).toFixed(0)} s`;
  const say = (line: string) => console.log(`[bench ${elapsed()}] ${line}`);
  const database = await startBenchDatabaseServer();
  say(`PostgreSQL: ${database.source === 'DATABASE_URL' ? "DATABASE_URL's server" : 'embedded'}`);
  const results: Record<string, unknown> = {
    started_at: new Date(startedAt).toISOString(),
    mode: options.quick ? 'quick' : 'full',
    machine: machineInfo(),
    database: database.source,
  };
  const rows: ReportRow[] = [];
  try {
    if (options.phases.has('idle')) {
      say(
        `idle: RSS of the \`pnpm start\` stack and a bare node HTTP server, left alone ${options.idleWaitS} s`,
      );
      const idle = await measureIdleMemory({
        databaseServerUrl: database.url,
        waitS: options.idleWaitS,
        distDir: options.idleDistDir,
      });
      results.idle_memory = idle;
      rows.push(...idleMemoryRows(idle));
    }
    if ([...options.phases].some((phase) => phase !== 'idle'))
      await measureOnBenchStack(database.url, options, results, rows, say);
  } finally {
    await database.stop();
  }
  results.duration_s = Math.round((Date.now() - startedAt) / 1000);
  // Other work on the machine moves every figure: the load average at the end goes with the one at the start.
  results.load_average_1m_at_end = Math.round(os.loadavg()[0]! * 100) / 100;
  results.table_markdown = markdownTable(rows);
  writeResults(options.outFile, results);
  console.log(`\n${textTable(rows)}\n`);
  say(`done; results in ${options.outFile}`);
}

let options: BenchOptions;
try {
  options = parseBenchOptions(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
run(options).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
