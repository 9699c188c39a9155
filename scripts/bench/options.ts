// Command-line options of `pnpm bench`: which measurements, how long, how many (a quick mode for a smoke run).
import path from 'node:path';
import { parseArgs } from 'node:util';

/** In the order they run: idle first, on a stack of its own that nothing else has touched. */
export const PHASES = ['idle', 'memory', 'token', 'mcp', 'broker', 'growth', 'sweep'] as const;
export type Phase = (typeof PHASES)[number];

export interface BenchOptions {
  quick: boolean;
  phases: Set<Phase>;
  /** Token fetch: seconds of load per target (vault, baseline), after a warm-up of a fifth of it. */
  tokenDurationS: number;
  tokenConnections: number;
  /** Token fetch: also measure the vault with synchronous audit inserts (the "before" of the batched audit). */
  compareAuditModes: boolean;
  /** MCP overhead: seconds of interleaved sequential calls (direct Graph, SDK, plain form). */
  mcpDurationS: number;
  /** Broker callback: X flows whose callbacks are sent at once, per round. */
  brokerFlows: number;
  /** Broker callback: timed rounds of each (broker, baseline), after one unrecorded round. */
  brokerRounds: number;
  /** Refresh sweep: due credentials per run, in increasing order (the time should grow linearly). */
  sweepSizes: number[];
  /** Refresh sweep: fixed latency of the simulated token endpoint. */
  sweepLatencyMs: number;
  /** Idle: seconds the `pnpm start` stack is left alone, once healthy, before its RSS is read. */
  idleWaitS: number;
  /** Idle: the folder of bundles to run, directly under the repository root (`dist`; another build to compare). */
  idleDistDir: string;
  /** Memory: calls against each process before its RSS is read. */
  memoryCalls: number;
  /** Leak probe: calls per round (a warm-up, then 3 rounds; live heap growth after the first is a leak). */
  leakCallsPerRound: number;
  memoryConnections: number;
  /** Where the JSON results go. */
  outFile: string;
}

const REPO_ROOT = path.resolve(__dirname, '..', '..');
/**
 * The example is 50 ms; 20 ms keeps the default run under 5 minutes on 2 cores (the 11,000
 * refreshes at concurrency 4 alone would take 140 s at 50 ms). `--sweep-latency-ms 50` for the example.
 */
const DEFAULT_SWEEP_LATENCY_MS = 20;

/**
 * V8 shrinks an idle process (young generation, old space) when its memory reducer runs, which follows a full GC:
 * from 10 s to over 45 s after start-up on 2 cores (five runs: in three every process had shrunk within 40 s, in
 * the other two, two processes had not at 45 s). A shorter wait measures more start-up peaks (about 10 MiB more per
 * process); --quick keeps it. The table marks a process still at its start-up RSS.
 */
/** Seconds the idle stack is left alone: V8's memory reducer shrinks an idle process 10 s to over 45 s after start-up. */
const IDLE_WAIT_S = { full: 90, quick: 45 };

const USAGE = `pnpm bench [--quick] [--only idle,memory,token,mcp,broker,growth,sweep] [--idle-wait-s <s>]
           [--idle-dist <dir>] [--duration <s>] [--connections <n>] [--mcp-duration <s>] [--broker-flows <n>]
           [--broker-rounds <n>] [--sweep <n,n>] [--sweep-latency-ms <ms>] [--calls <n>] [--leak-calls <n>]
           [--no-audit-compare] [--out <file>]
  defaults  idle RSS of the \`pnpm start\` stack from dist/ after ${IDLE_WAIT_S.full} s alone, token fetch 8 s per
            target at 50 connections, MCP 8 s, broker callback 10 rounds of 20 concurrent X flows, data
            growth at 100 vs 100,000 credentials and 1,000 vs 1,000,000 publications, sweep 1,000 and
            10,000 credentials with a 20 ms token endpoint, RSS after 10,000 calls per process, leak probe
            of 3 × 2,500 calls per process (live heap after GC)
  --quick   short smoke run (idle ${IDLE_WAIT_S.quick} s, token 3 s, MCP 3 s, broker 3 rounds, data growth with
            100,000 publications and fewer calls, sweep 200 and 1,000 credentials, 1,000 calls, 3 × 250)`;

function nonNegativeInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`--${name} must be a whole number of seconds`);
  return parsed;
}

/** A folder name directly under the repository root: the bench never runs bundles from elsewhere. */
function buildFolder(name: string): string {
  if (name === '' || name.includes('/') || name.startsWith('.'))
    throw new Error('--idle-dist must be a folder name directly under the repository root');
  return name;
}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive integer`);
  return parsed;
}

/** Parses `argv` (without node and the script); throws with the usage on a bad option. */
export function parseBenchOptions(argv: string[]): BenchOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        quick: { type: 'boolean', default: false },
        only: { type: 'string' },
        'idle-wait-s': { type: 'string' },
        'idle-dist': { type: 'string' },
        duration: { type: 'string' },
        connections: { type: 'string' },
        'mcp-duration': { type: 'string' },
        'broker-flows': { type: 'string' },
        'broker-rounds': { type: 'string' },
        sweep: { type: 'string' },
        'sweep-latency-ms': { type: 'string' },
        calls: { type: 'string' },
        'leak-calls': { type: 'string' },
        'no-audit-compare': { type: 'boolean', default: false },
        out: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) throw new Error(USAGE);
  const quick = values.quick ?? false;
  const phases = new Set<Phase>();
  for (const name of (values.only ?? PHASES.join(',')).split(',').map((part) => part.trim())) {
    if (!(PHASES as readonly string[]).includes(name))
      throw new Error(`--only: unknown phase ${name}\n${USAGE}`);
    phases.add(name as Phase);
  }
  const memoryCalls = positiveInt('calls', values.calls, quick ? 1_000 : 10_000);
  const sweepSizes = (values.sweep ?? (quick ? '200,1000' : '1000,10000'))
    .split(',')
    .map((part) => positiveInt('sweep', part.trim(), 0))
    .sort((a, b) => a - b);
  return {
    quick,
    phases,
    tokenDurationS: positiveInt('duration', values.duration, quick ? 3 : 8),
    tokenConnections: positiveInt('connections', values.connections, 50),
    compareAuditModes: !values['no-audit-compare'],
    mcpDurationS: positiveInt('mcp-duration', values['mcp-duration'], quick ? 3 : 8),
    brokerFlows: positiveInt('broker-flows', values['broker-flows'], 20),
    brokerRounds: positiveInt('broker-rounds', values['broker-rounds'], quick ? 3 : 10),
    sweepSizes,
    sweepLatencyMs: positiveInt('sweep-latency-ms', values['sweep-latency-ms'], DEFAULT_SWEEP_LATENCY_MS),
    idleWaitS: nonNegativeInt(
      'idle-wait-s',
      values['idle-wait-s'],
      quick ? IDLE_WAIT_S.quick : IDLE_WAIT_S.full,
    ),
    idleDistDir: buildFolder(values['idle-dist'] ?? 'dist'),
    memoryCalls,
    leakCallsPerRound: positiveInt('leak-calls', values['leak-calls'], quick ? 250 : 2_500),
    memoryConnections: 10,
    outFile: path.resolve(REPO_ROOT, values.out ?? 'bench/results.json'),
  };
}
