// The bench's load generator, run as its own process (forked by load.ts): autocannon for throughput, and an
// interleaved sequential loop (direct HTTP, the plain form, the official MCP SDK client) for latency.
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { cpuTimeMsOf, rssOf } from './processes';
import { latencyStats, round, type LatencyStats } from './stats';

/** An HTTP request as autocannon and fetch send it. */
export interface HttpTarget {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

/** Load with autocannon: `connections` in parallel for `durationS` seconds, or until `amount` requests. */
export interface AutocannonJob extends HttpTarget {
  kind: 'autocannon';
  connections: number;
  durationS?: number;
  amount?: number;
  /** Unrecorded load first (JIT, pools, caches). */
  warmupS?: number;
}

/**
 * Several HTTP targets under the same load, in slices of `sliceS` seconds in the order A B C … C B A
 * (repeated `rounds` times), so a change of machine load over the run hits every target alike.
 */
export interface CompareJob {
  kind: 'compare';
  /** `pid`: the server process whose CPU time is read around each slice (for `cpuMsPerRequest`). */
  targets: ({ name: string; pid?: number } & HttpTarget)[];
  connections: number;
  sliceS: number;
  rounds: number;
  warmupS: number;
}

/** Rounds of requests (`amounts[i]` in round i) against each process in turn, reading its RSS after every round. */
export interface MemoryJob {
  kind: 'memory';
  processes: ({ name: string; pid: number } & HttpTarget)[];
  amounts: number[];
  connections: number;
}

/** Per process: RSS (bytes) after each round, req/s of each round, failed requests over all rounds. */
export type MemoryResult = Record<string, { rssBytes: number[]; rps: number[]; failed: number }>;

/** One target of an interleaved latency run. */
export type LatencyTarget =
  | ({ name: string; type: 'http' } & HttpTarget)
  | { name: string; type: 'mcp-sdk'; mcpUrl: string; tool: string; args: Record<string, unknown> };

/** Calls each target in turn, one call at a time, for `durationS` (after `warmupRounds` unrecorded rounds). */
export interface InterleavedJob {
  kind: 'interleaved';
  targets: LatencyTarget[];
  durationS: number;
  warmupRounds: number;
}

export type LoadJob = AutocannonJob | InterleavedJob | CompareJob | MemoryJob;

export interface AutocannonResult extends LatencyStats {
  requests: number;
  durationS: number;
  rps: number;
  non2xx: number;
  errors: number;
  /** CPU time of the server process per request (compare jobs given its pid): the load-independent cost. */
  cpuMsPerRequest?: number;
}

export type InterleavedResult = Record<string, LatencyStats & { errors: number }>;

export type CompareResult = Record<string, AutocannonResult>;

async function runAutocannon(
  job: AutocannonJob,
  durationS: number | undefined,
  record: boolean,
): Promise<{ result: autocannon.Result; samples: number[] }> {
  const samples: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: job.url,
        method: job.method ?? 'GET',
        headers: job.headers,
        body: job.body,
        connections: job.connections,
        ...(job.amount && record ? { amount: job.amount } : { duration: durationS ?? 1 }),
      },
      (error, result) => (error ? reject(error) : resolve({ result, samples })),
    );
    // autocannon's own histogram keeps whole milliseconds; its response events carry the exact time.
    if (record) {
      (instance as NodeJS.EventEmitter).on(
        'response',
        (_client: unknown, statusCode: number, _bytes: number, responseTimeMs: number) => {
          if (statusCode < 300) samples.push(responseTimeMs);
        },
      );
    }
  });
}

async function autocannonJob(job: AutocannonJob): Promise<AutocannonResult> {
  if (job.warmupS) await runAutocannon(job, job.warmupS, false);
  const startedAt = performance.now();
  const { result, samples } = await runAutocannon(job, job.durationS, true);
  const elapsedS = (performance.now() - startedAt) / 1000;
  const requests = result.requests.total;
  return {
    ...latencyStats(samples),
    requests,
    durationS: round(elapsedS),
    rps: round(requests / elapsedS, 0),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

async function compareJob(job: CompareJob): Promise<CompareResult> {
  const totals = new Map(
    job.targets.map((target) => [
      target.name,
      { samples: [] as number[], requests: 0, elapsedS: 0, failed: 0, cpuMs: 0 },
    ]),
  );
  const asJob = ({ pid: _pid, ...target }: CompareJob['targets'][number]): AutocannonJob => ({
    kind: 'autocannon',
    ...target,
    connections: job.connections,
  });
  for (const target of job.targets) await runAutocannon(asJob(target), job.warmupS, false);
  const order = [...job.targets, ...[...job.targets].reverse()];
  for (let pass = 0; pass < job.rounds; pass += 1) {
    for (const target of order) {
      const startedAt = performance.now();
      const cpuBeforeMs = target.pid ? cpuTimeMsOf(target.pid) : Number.NaN;
      const { result, samples } = await runAutocannon(asJob(target), job.sliceS, true);
      const total = totals.get(target.name)!;
      total.elapsedS += (performance.now() - startedAt) / 1000;
      if (target.pid) total.cpuMs += cpuTimeMsOf(target.pid) - cpuBeforeMs;
      total.requests += result.requests.total;
      total.failed += result.non2xx + result.errors + result.timeouts;
      for (const sample of samples) total.samples.push(sample);
    }
  }
  return Object.fromEntries(
    [...totals].map(([name, total]) => [
      name,
      {
        ...latencyStats(total.samples),
        requests: total.requests,
        durationS: round(total.elapsedS),
        rps: round(total.requests / total.elapsedS, 0),
        non2xx: total.failed,
        errors: 0,
        ...(job.targets.find((target) => target.name === name)?.pid
          ? { cpuMsPerRequest: round(total.cpuMs / total.requests, 3) }
          : {}),
      },
    ]),
  );
}

async function memoryJob(job: MemoryJob): Promise<MemoryResult> {
  const out: MemoryResult = {};
  for (const target of job.processes) {
    const entry = { rssBytes: [] as number[], rps: [] as number[], failed: 0 };
    for (const amount of job.amounts) {
      const startedAt = performance.now();
      const { result } = await runAutocannon(
        { kind: 'autocannon', ...target, connections: job.connections, amount },
        undefined,
        true,
      );
      entry.rps.push(round(result.requests.total / ((performance.now() - startedAt) / 1000), 0));
      entry.failed += result.non2xx + result.errors + result.timeouts;
      entry.rssBytes.push(rssOf(target.pid));
    }
    out[target.name] = entry;
  }
  return out;
}

type Caller = () => Promise<boolean>;

async function callerFor(target: LatencyTarget, clients: Client[]): Promise<Caller> {
  if (target.type === 'http') {
    return async () => {
      const response = await fetch(target.url, {
        method: target.method ?? 'GET',
        headers: target.headers,
        body: target.body,
      });
      await response.arrayBuffer();
      return response.ok;
    };
  }
  const client = new Client({ name: 'socialvault-bench', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(target.mcpUrl)));
  clients.push(client);
  return async () => !(await client.callTool({ name: target.tool, arguments: target.args })).isError;
}

async function interleavedJob(job: InterleavedJob): Promise<InterleavedResult> {
  const clients: Client[] = [];
  try {
    const callers = await Promise.all(job.targets.map((target) => callerFor(target, clients)));
    for (let pass = 0; pass < job.warmupRounds; pass += 1) for (const call of callers) await call();
    const samples = job.targets.map(() => [] as number[]);
    const errors = job.targets.map(() => 0);
    const deadline = performance.now() + job.durationS * 1000;
    while (performance.now() < deadline) {
      for (const [index, call] of callers.entries()) {
        const startedAt = performance.now();
        const ok = await call();
        if (ok) samples[index]!.push(performance.now() - startedAt);
        else errors[index]! += 1;
      }
    }
    return Object.fromEntries(
      job.targets.map((target, index) => [
        target.name,
        { ...latencyStats(samples[index]!), errors: errors[index]! },
      ]),
    );
  } finally {
    for (const client of clients) await client.close();
  }
}

process.once('message', (job: LoadJob) => {
  const jobs = {
    autocannon: autocannonJob,
    compare: compareJob,
    interleaved: interleavedJob,
    memory: memoryJob,
  } as Record<LoadJob['kind'], (job: LoadJob) => Promise<unknown>>;
  const run = jobs[job.kind](job);
  run.then(
    (result) => process.send!({ ok: true, result }, () => process.exit(0)),
    (error: unknown) =>
      process.send!({ ok: false, error: (error as Error).stack ?? String(error) }, () => process.exit(1)),
  );
});
