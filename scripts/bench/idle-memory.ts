// `pnpm bench`'s idle phase: RSS of every process of the `pnpm start` stack, each run as production runs it
// (`node dist/<service>.js`, with the environment `pnpm start` gives it) on free ports and on scratch databases,
// next to a bare `node` HTTP server idled the same way in the same run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKeyEntry } from '@socialvault/common';
import { createScratchDatabase, findFreePort, type ScratchDatabase } from '@socialvault/common/testing';
import { randomSecret, resolveStackSecrets } from '../stack/dev-secrets';
import { planStack } from '../stack/plan';
import { MCP_SERVERS } from '../stack/services';
import type { ServiceProcess as PlannedService } from '../stack/supervisor';
import { REPO_ROOT, rssOf, startService, type ServiceProcess } from './processes';
import { round } from './stats';

const MiB = 1024 * 1024;

/** Readings per process, 1 s apart after the wait; the median is reported. */
const SAMPLES = 5;

/** The bare `node` HTTP server the figures are compared with: Node's own floor for a listening process. */
const BARE_NODE_SERVER =
  "require('http').createServer((q,s)=>s.end()).listen(Number(process.env.PORT),'127.0.0.1')";
const BARE_NODE_SERVER_NAME = 'bare node HTTP server';

/** What to run and how long to leave it alone before reading. */
export interface IdleMemoryOptions {
  /** Any database URL of the PostgreSQL server to create the scratch databases on. */
  databaseServerUrl: string;
  /** Seconds between the last process answering its health check and the first reading. */
  waitS: number;
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
  /** RSS when every process had answered its health check, before the wait: the start-up peak. */
  startMiB: number;
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

/** Reads every process SAMPLES times, 1 s apart; the median of each figure per process. */
async function readIdle(started: ServiceProcess[], startBytes: number[]): Promise<IdleMemoryRow[]> {
  const readings = started.map(() => ({ rss: [] as number[], rollups: [] as (Rollup | null)[] }));
  for (let sample = 0; sample < SAMPLES; sample++) {
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
      startMiB: mib(startBytes[index]!),
    };
  });
}

/** The stack's processes at idle and the bare `node` HTTP server beside them. */
export interface IdleMemoryResult {
  waitS: number;
  samples: number;
  distDir: string;
  processes: IdleMemoryRow[];
  baseline: IdleMemoryRow;
}

/**
 * Starts the stack and the bare `node` HTTP server together, leaves them alone for `waitS` (no request, no forced
 * GC: a forced one would report less than production holds), reads each process and stops everything it started,
 * the scratch databases included. A process whose start-up had no full GC keeps its start-up heap however long
 * the wait (V8's memory reducer only runs after one), so its figure is the upper end of its range.
 * @throws when a service does not become healthy (the error quotes its last log lines).
 */
export async function measureIdleMemory(options: IdleMemoryOptions): Promise<IdleMemoryResult> {
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
    const starts = await Promise.allSettled([
      ...planned.map((service) =>
        startService({
          name: service.name,
          entry: service.entry,
          env: definedEnv(service.env),
          healthUrl: service.healthUrl,
          logDir: dataDir,
        }),
      ),
      (async () => {
        const port = await findFreePort();
        return startService({
          name: BARE_NODE_SERVER_NAME,
          entry: { eval: BARE_NODE_SERVER },
          env: { PORT: String(port) },
          healthUrl: `http://127.0.0.1:${port}/`,
          logDir: dataDir,
        });
      })(),
    ]);
    for (const start of starts) if (start.status === 'fulfilled') started.push(start.value);
    const failed = starts.find((start) => start.status === 'rejected');
    if (failed) throw failed.reason;
    const startBytes = started.map((service) => rssOf(service.pid));
    await sleep(options.waitS * 1000);
    const rows = await readIdle(started, startBytes);
    return {
      waitS: options.waitS,
      samples: SAMPLES,
      distDir: options.distDir,
      processes: rows.filter((row) => row.process !== BARE_NODE_SERVER_NAME),
      baseline: rows.find((row) => row.process === BARE_NODE_SERVER_NAME)!,
    };
  } finally {
    await Promise.all(started.map((service) => service.stop()));
    await Promise.all(databases.map((db) => db.drop()));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
