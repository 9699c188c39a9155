// Measurement 3, run as its own process (forked by refresh-sweep.ts, output to a log file): N due Threads
// credentials on a scratch database, the simulator's token endpoint (its own process) answering after a fixed
// latency, and one refresh sweep (runSweep) at the default concurrency, timed.
import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { generateKeyEntry, type KeyRing, parseKeyRing } from '@socialvault/common';
import { createScratchDatabase } from '@socialvault/common/testing';
import {
  CredentialRefresher,
  encryptCredentialSecret,
  loadRefreshConfig,
  runMigrations,
  runSweep,
  VaultMetrics,
} from '@socialvault/vault';
import { round } from './stats';

export interface SweepJob {
  databaseServerUrl: string;
  /** The platform simulator's base URL (its admin routes under /_sim). */
  simUrl: string;
  sizes: number[];
  latencyMs: number;
}

export interface SweepRun {
  credentials: number;
  concurrency: number;
  latencyMs: number;
  durationS: number;
  refreshesPerS: number;
  /** Outcome counts of the sweep (all `refreshed` when it went right). */
  counts: Record<string, number>;
  /** Most token endpoint calls the simulator ever had in flight at once. */
  maxInFlight: number;
  /** The ideal time with this latency and concurrency: credentials × latency ÷ concurrency. */
  floorS: number;
}

const DAY_MS = 24 * 3600 * 1000;
const INSERT_CHUNK = 1_000;
const ADMIN_CONCURRENCY = 16;
const WARM_UP_SIZE = 100;

/** Inserts `count` active Threads credentials 5 days from expiry, issued 50 days ago (due), with encrypted tokens. */
async function insertDueCredentials(pool: Pool, keyRing: KeyRing, tokens: string[], accountIds: string[]) {
  const now = Date.now();
  for (let start = 0; start < tokens.length; start += INSERT_CHUNK) {
    const ids = accountIds.slice(start, start + INSERT_CHUNK);
    const ciphertexts = ids.map((accountId, index) =>
      encryptCredentialSecret(
        keyRing,
        { platform: 'threads', accountId, extra: {} },
        'access_token',
        tokens[start + index]!,
      ),
    );
    await pool.query(
      `INSERT INTO credentials (platform, account_id, status, access_token_ciphertext, key_id, token_expires_at, token_issued_at)
       SELECT 'threads', account_id, 'active', ciphertext, $3, $4, $5
         FROM unnest($1::text[], $2::text[]) AS rows (account_id, ciphertext)`,
      [ids, ciphertexts, keyRing.activeKeyId, new Date(now + 5 * DAY_MS), new Date(now - 50 * DAY_MS)],
    );
  }
}

async function simAdmin(simUrl: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${simUrl}/_sim${path}`, {
    method: body === undefined ? 'DELETE' : 'POST',
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  if (!response.ok)
    throw new Error(`simulator ${path} answered ${response.status}: ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
}

/** Registers one Threads grant per token in the simulator (issued 50 days ago, 5 days left), 16 at a time. */
async function registerGrants(simUrl: string, tokens: string[], accountIds: string[]): Promise<void> {
  const issuedAt = new Date(Date.now() - 50 * DAY_MS).toISOString();
  const expiresAt = new Date(Date.now() + 5 * DAY_MS).toISOString();
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < tokens.length; index = next++) {
      await simAdmin(simUrl, '/oauth/grants', {
        endpoint: 'threads',
        account_ref: accountIds[index],
        access_token: tokens[index],
        issued_at: issuedAt,
        access_expires_at: expiresAt,
      });
    }
  };
  await Promise.all(Array.from({ length: ADMIN_CONCURRENCY }, lane));
}

async function maxInFlight(simUrl: string): Promise<number> {
  const response = await fetch(`${simUrl}/_sim/oauth/stats`);
  const { stats } = (await response.json()) as { stats: Record<string, { maxInFlight: number }> };
  return stats.threads?.maxInFlight ?? 0;
}

async function sweepOnce(job: SweepJob, size: number): Promise<SweepRun> {
  const db = await createScratchDatabase(job.databaseServerUrl, 'bench_sweep');
  const pool = new Pool({ connectionString: db.url, max: 4 });
  let refresher: CredentialRefresher | undefined;
  try {
    await runMigrations(pool);
    const keyRing = parseKeyRing(generateKeyEntry('k1'));
    const runId = crypto.randomBytes(4).toString('hex');
    const accountIds = Array.from({ length: size }, (_, index) => `bench-threads-${runId}-${index}`);
    const tokens = accountIds.map(
      (_, index) => `THAAsweep${index}x${crypto.randomBytes(12).toString('hex')}`,
    );
    await registerGrants(job.simUrl, tokens, accountIds);
    await insertDueCredentials(pool, keyRing, tokens, accountIds);
    await simAdmin(job.simUrl, '/oauth/stats');
    await simAdmin(job.simUrl, '/oauth/faults', {
      endpoint: 'threads',
      kind: 'slow',
      times: size,
      delay_ms: job.latencyMs,
    });
    const config = loadRefreshConfig({
      THREADS_API_URL: `${job.simUrl}/threads/v1.0`,
      ALLOW_INSECURE_URLS: 'true',
    });
    refresher = new CredentialRefresher({
      databaseUrl: db.url,
      keyRing,
      config,
      metrics: new VaultMetrics(),
    });

    const startedAt = performance.now();
    const result = await runSweep(refresher, { actor: 'bench' });
    const durationS = (performance.now() - startedAt) / 1000;
    return {
      credentials: size,
      concurrency: config.concurrency,
      latencyMs: job.latencyMs,
      durationS: round(durationS),
      refreshesPerS: round(size / durationS, 1),
      counts: result.counts,
      maxInFlight: await maxInFlight(job.simUrl),
      floorS: round((size * job.latencyMs) / 1000 / config.concurrency),
    };
  } finally {
    await refresher?.close();
    await pool.end();
    await db.drop();
  }
}

process.once('message', (job: SweepJob) => {
  (async () => {
    // An unreported small sweep first: JIT, module loading and connection set-up are not part of the growth.
    await sweepOnce(job, WARM_UP_SIZE);
    const runs: SweepRun[] = [];
    for (const size of job.sizes) runs.push(await sweepOnce(job, size));
    return runs;
  })().then(
    (runs) => process.send!({ ok: true, result: runs }, () => process.exit(0)),
    (error: unknown) =>
      process.send!({ ok: false, error: (error as Error).stack ?? String(error) }, () => process.exit(1)),
  );
});
