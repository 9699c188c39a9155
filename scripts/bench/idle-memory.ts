// `pnpm bench:memory`: idle RSS of every process of the `pnpm start` stack, each run as production runs it
// (`node dist/<service>.js`, with the environment `pnpm start` gives it) on free ports and on scratch databases of
// DATABASE_URL's server. Prints one row per process and the stack total.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateKeyEntry } from '@socialvault/common';
import { createScratchDatabase, findFreePort, type ScratchDatabase } from '@socialvault/common/testing';
import { randomSecret, resolveStackSecrets } from '../stack/dev-secrets';
import { planStack } from '../stack/plan';
import { MCP_SERVERS } from '../stack/services';
import type { ServiceProcess as PlannedService } from '../stack/supervisor';
import { REPO_ROOT, rssOf, startService, type ServiceProcess } from './processes';
import { round } from './stats';

const MiB = 1024 * 1024;

const USAGE = `DATABASE_URL=postgres://… pnpm bench:memory [--settle <s>] [--samples <n>] [--dist <dir>] [--json <file>]
  --settle   seconds to leave the stack alone once every process is healthy (default 40: V8 shrinks an idle
             heap 15-30 s after the last allocation; a shorter wait measures the start-up peak)
  --samples  readings per process, 1 s apart after the settle; the median is reported (default 5)
  --dist     the folder of bundles to run, directly under the repository root (default dist; e.g. a copy of
             another commit's build, to compare)
  --json     also write the rows to this file`;

/** What to run and how long to wait before reading. */
export interface IdleMemoryOptions {
  /** Any database URL of the PostgreSQL server to create the scratch databases on. */
  databaseServerUrl: string;
  settleS: number;
  samples: number;
  /** Folder of the bundles, relative to the repository root (`dist`). */
  distDir: string;
}

/** One process at idle, in MiB. PSS and the anonymous/file split are null where /proc has no smaps_rollup. */
export interface IdleMemoryRow {
  process: string;
  rssMiB: number;
  /** Proportional set size: RSS with each page shared between processes (the node binary) divided among them. */
  pssMiB: number | null;
  /** Anonymous pages: the V8 heap, compiled code, malloc. */
  anonMiB: number | null;
  /** File-backed pages: mostly the node binary, shared by every process. */
  fileMiB: number | null;
}

interface Rollup {
  pss: number;
  anon: number;
  file: number;
}

/** `/proc/<pid>/smaps_rollup` in bytes, or null (not Linux, or the process is gone). */
function smapsRollup(pid: number): Rollup | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const field = (name: string) =>
      Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024;
    const anon = field('Anonymous');
    return { pss: field('Pss'), anon, file: field('Rss') - anon };
  } catch {
    return null;
  }
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mib = (bytes: number) => round(bytes / MiB, 1);

/**
 * The services `pnpm start` runs (simulator, vault, broker, five MCP servers) with their `pnpm start`
 * environment, every port moved to a free one, the bundles taken from `distDir`.
 */
async function plannedServices(
  databases: { vault: string; broker: string },
  dataDir: string,
  distDir: string,
): Promise<PlannedService[]> {
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    VAULT_INGRESS_PORT: String(await findFreePort()),
    VAULT_INTERNAL_PORT: String(await findFreePort()),
    SIM_PORT: String(await findFreePort()),
    BROKER_PORT: String(await findFreePort()),
    BROKER_ENCRYPTION_KEYS: generateKeyEntry('bench1'),
    // No credential is ever due: no sweep runs while the stack idles.
    VAULT_REFRESH_CRON: '0 0 1 1 *',
  };
  const plan = planStack({
    env,
    dataDir,
    secrets: resolveStackSecrets(env, MCP_SERVERS, dataDir),
    databaseUrl: databases.vault,
    brokerDatabaseUrl: databases.broker,
    makeSecret: randomSecret,
  });
  const mcpNames = new Set(MCP_SERVERS.map((server) => server.packageDir));
  return Promise.all(
    plan.services.map(async (service) => {
      const entry = path.posix.join(distDir, path.posix.basename(service.entry));
      if (!mcpNames.has(service.name)) return { ...service, entry };
      const port = await findFreePort();
      // MEDIA_PORT too: the built-in media store of Instagram and Threads defaults to 3015/3016.
      const mediaPort = await findFreePort();
      return {
        ...service,
        entry,
        env: { ...service.env, PORT: String(port), MEDIA_PORT: String(mediaPort) },
        healthUrl: `http://127.0.0.1:${port}/health`,
      };
    }),
  );
}

/** Reads every process `samples` times, 1 s apart; the median of each figure per process. */
async function readIdle(started: ServiceProcess[], samples: number): Promise<IdleMemoryRow[]> {
  const readings = started.map(() => ({ rss: [] as number[], rollups: [] as (Rollup | null)[] }));
  for (let sample = 0; sample < samples; sample++) {
    if (sample > 0) await sleep(1000);
    started.forEach((service, index) => {
      readings[index]!.rss.push(rssOf(service.pid));
      readings[index]!.rollups.push(smapsRollup(service.pid));
    });
  }
  return started.map((service, index) => {
    const { rss, rollups } = readings[index]!;
    const of = (pick: (rollup: Rollup) => number) =>
      rollups.every((rollup) => rollup !== null) ? mib(median(rollups.map((r) => pick(r!)))) : null;
    return {
      process: service.name,
      rssMiB: mib(median(rss)),
      pssMiB: of((r) => r.pss),
      anonMiB: of((r) => r.anon),
      fileMiB: of((r) => r.file),
    };
  });
}

/**
 * Starts the stack, leaves it alone for `settleS` (no request, no forced GC), reads each process and stops
 * everything it started, the scratch databases included.
 * @throws when a service does not become healthy (the error quotes its last log lines).
 */
export async function measureIdleMemory(options: IdleMemoryOptions): Promise<IdleMemoryRow[]> {
  if (!fs.existsSync(path.join(REPO_ROOT, options.distDir, 'vault.js')))
    throw new Error(`${options.distDir}/vault.js does not exist: run pnpm build first`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'socialvault-idle-memory-'));
  const databases: ScratchDatabase[] = [];
  const started: ServiceProcess[] = [];
  try {
    const vault = await createScratchDatabase(options.databaseServerUrl, 'idle_vault');
    databases.push(vault);
    const broker = await createScratchDatabase(options.databaseServerUrl, 'idle_broker');
    databases.push(broker);
    const planned = await plannedServices({ vault: vault.url, broker: broker.url }, dataDir, options.distDir);
    const definedEnv = (env: NodeJS.ProcessEnv) =>
      Object.fromEntries(
        Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
      );
    // allSettled: when one service fails, the others still starting are recorded before the stop below.
    const starts = await Promise.allSettled(
      planned.map((service) =>
        startService({
          name: service.name,
          entry: service.entry,
          env: definedEnv(service.env),
          healthUrl: service.healthUrl,
          logDir: dataDir,
        }),
      ),
    );
    for (const start of starts) if (start.status === 'fulfilled') started.push(start.value);
    const failed = starts.find((start) => start.status === 'rejected');
    if (failed) throw failed.reason;
    await sleep(options.settleS * 1000);
    return await readIdle(started, options.samples);
  } finally {
    await Promise.all(started.map((service) => service.stop()));
    await Promise.all(databases.map((db) => db.drop()));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The rows and a `whole stack` row (their sums) as a Markdown table. */
export function idleMemoryTable(rows: IdleMemoryRow[]): string {
  const sum = (pick: (row: IdleMemoryRow) => number | null): number | null =>
    rows.every((row) => pick(row) !== null)
      ? round(
          rows.reduce((total, row) => total + pick(row)!, 0),
          1,
        )
      : null;
  const cell = (value: number | null) => (value === null ? 'n/a' : value.toFixed(1));
  const total = [sum((row) => row.rssMiB), sum((row) => row.pssMiB), sum((row) => row.anonMiB)];
  const lines = [
    ['process', 'RSS MiB', 'PSS MiB', 'anonymous MiB', 'file-backed MiB'],
    ['---', '--:', '--:', '--:', '--:'],
    ...rows.map((row) => [
      row.process,
      cell(row.rssMiB),
      cell(row.pssMiB),
      cell(row.anonMiB),
      cell(row.fileMiB),
    ]),
    ['whole stack', ...total.map(cell), cell(sum((row) => row.fileMiB))],
  ];
  return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** Parses `argv` (without node and the script) and DATABASE_URL; throws with the usage on a bad option. */
export function parseIdleMemoryOptions(
  argv: string[],
  env: NodeJS.ProcessEnv,
): IdleMemoryOptions & { json?: string } {
  const { values } = parseArgs({
    args: argv,
    options: {
      settle: { type: 'string' },
      samples: { type: 'string' },
      dist: { type: 'string' },
      json: { type: 'string' },
    },
  });
  const settleS = Number(values.settle ?? 40);
  const samples = Number(values.samples ?? 5);
  if (!env.DATABASE_URL) throw new Error(`DATABASE_URL is required\n${USAGE}`);
  if (!Number.isFinite(settleS) || settleS < 0)
    throw new Error(`--settle must be a number of seconds\n${USAGE}`);
  if (!Number.isInteger(samples) || samples < 1)
    throw new Error(`--samples must be a positive integer\n${USAGE}`);
  const distDir = values.dist ?? 'dist';
  if (distDir.includes('/') || distDir.startsWith('.'))
    throw new Error(`--dist must be a folder name directly under the repository root\n${USAGE}`);
  return { databaseServerUrl: env.DATABASE_URL, settleS, samples, distDir, json: values.json };
}

async function main(): Promise<void> {
  const options = parseIdleMemoryOptions(process.argv.slice(2), process.env);
  const rows = await measureIdleMemory(options);
  console.log(
    `Idle memory of ${options.distDir}/, ${new Date().toISOString()}, ${os.cpus().length} cores, ` +
      `Node ${process.versions.node}, load average ${os.loadavg()[0]!.toFixed(2)}, ` +
      `${options.settleS} s settle, median of ${options.samples} readings`,
  );
  console.log(idleMemoryTable(rows));
  if (options.json) fs.writeFileSync(options.json, `${JSON.stringify(rows, null, 2)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  });
}
