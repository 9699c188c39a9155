// Measurement 5: what a request costs as the data grows. Two vault processes, one on a small database and one on a
// large one (same schema, same measured rows, bulk rows seeded by SQL), called one request at a time in turns, so
// a change of machine load hits both alike; each figure is the large one's p50 over the small one's.
import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createScratchDatabase, type ScratchDatabase } from '@socialvault/common/testing';
import { GROWTH_ACCOUNT_ID, GROWTH_PLATFORM, seedGrowthRows, type GrowthSizes } from './growth-seed';
import { storeCredential } from '../post-json';
import type { BenchOptions } from './options';
import type { BenchStack, BenchVault } from './stack';
import { latencyStats, round, type LatencyStats } from './stats';

/** One request type at both sizes: p50s, their ratio and the issue's bound on it. */
export interface GrowthComparison {
  what: 'token' | 'metadata_page' | 'ledger';
  /** The varying table and its row counts (small, large). */
  table: 'credentials' | 'publications';
  rows: [number, number];
  small: LatencyStats & { errors: number };
  large: LatencyStats & { errors: number };
  /** large p50 ÷ small p50. */
  ratio: number;
  maxRatio: number;
}

export interface DataGrowthResult {
  /** Seconds each database took to seed (bulk INSERTs and ANALYZE). */
  seedS: [number, number];
  /** Calls per size of each comparison (after a warm-up of a tenth). */
  calls: { token: number; metadata_page: number; ledger: number };
  comparisons: GrowthComparison[];
}

/** The issue's sizes; --quick seeds a tenth of the largest publications table (the bulk of the phase's time). */
const SIZES: Record<'full' | 'quick', [GrowthSizes, GrowthSizes]> = {
  full: [
    { credentials: 100, publications: 1_000 },
    { credentials: 100_000, publications: 1_000_000 },
  ],
  quick: [
    { credentials: 100, publications: 1_000 },
    { credentials: 100_000, publications: 100_000 },
  ],
};
const CALLS = {
  full: { token: 2_000, metadata_page: 1_000, ledger: 500 },
  quick: { token: 500, metadata_page: 300, ledger: 150 },
};
const METADATA_PAGE = 50;
const SIXTY_DAYS_S = 60 * 24 * 3600;

/** One call of a comparison against one vault; resolves true when every answer was 2xx. */
type Call = (vault: BenchVault, index: number) => Promise<boolean>;

async function send(url: string, init: RequestInit): Promise<{ ok: boolean; body: unknown }> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { ok: response.ok, body: text ? JSON.parse(text) : null };
}

/** A vault on a fresh database seeded to `sizes`, with the measured credential stored through its ingress. */
async function startSizedVault(
  stack: BenchStack,
  databaseServerUrl: string,
  label: string,
  sizes: GrowthSizes,
): Promise<{ db: ScratchDatabase; vault: BenchVault; seedS: number }> {
  const db = await createScratchDatabase(databaseServerUrl, `bench_growth_${label}`);
  try {
    const vault = await stack.startVaultReplica(`vault-growth-${label}`, { DATABASE_URL: db.url });
    await storeCredential(vault.ingressUrl, stack.brokerApiKey, {
      platform: GROWTH_PLATFORM,
      account_id: GROWTH_ACCOUNT_ID,
      access_token: `THAAgrowth${crypto.randomBytes(24).toString('hex')}`,
      expires_in: SIXTY_DAYS_S,
      scopes: ['threads_basic', 'threads_content_publish'],
    });
    return { db, vault, seedS: await seedGrowthRows(db.url, sizes) };
  } catch (error) {
    await db.drop();
    throw error;
  }
}

/** `calls` rounds of one call to each vault, the order swapped every round, after a warm-up of a tenth. */
async function compare(
  vaults: [BenchVault, BenchVault],
  calls: number,
  call: Call,
): Promise<[LatencyStats & { errors: number }, LatencyStats & { errors: number }]> {
  const samples: [number[], number[]] = [[], []];
  const errors = [0, 0];
  const warmup = Math.ceil(calls / 10);
  for (let index = 0; index < warmup + calls; index += 1) {
    const order = index % 2 === 0 ? [0, 1] : [1, 0];
    for (const which of order) {
      const startedAt = performance.now();
      const ok = await call(vaults[which]!, index);
      if (index < warmup) continue;
      if (ok) samples[which]!.push(performance.now() - startedAt);
      else errors[which]! += 1;
    }
  }
  return [
    { ...latencyStats(samples[0]), errors: errors[0]! },
    { ...latencyStats(samples[1]), errors: errors[1]! },
  ];
}

/**
 * Starts the two sized vaults (on scratch databases next to the stack's), measures token fetch, a metadata
 * page and a ledger reserve + published at both sizes, then stops them and drops their databases.
 */
export async function measureDataGrowth(
  stack: BenchStack,
  databaseServerUrl: string,
  options: BenchOptions,
): Promise<DataGrowthResult> {
  const mode = options.quick ? 'quick' : 'full';
  const [smallSizes, largeSizes] = SIZES[mode];
  const calls = CALLS[mode];
  const started: { db: ScratchDatabase; vault: BenchVault; seedS: number }[] = [];
  try {
    started.push(await startSizedVault(stack, databaseServerUrl, 'small', smallSizes));
    started.push(await startSizedVault(stack, databaseServerUrl, 'large', largeSizes));
    const vaults: [BenchVault, BenchVault] = [started[0]!.vault, started[1]!.vault];
    const auth = { authorization: `Bearer ${stack.serviceTokens[`${GROWTH_PLATFORM}-mcp`]}` };
    const account = `platform=${GROWTH_PLATFORM}&account_id=${GROWTH_ACCOUNT_ID}`;

    const token: Call = async (vault) =>
      (await send(`${vault.internalUrl}/api/credentials/token?${account}`, { headers: auth })).ok;
    const metadataPage: Call = async (vault) =>
      (
        await send(
          `${vault.internalUrl}/api/credentials?platform=${GROWTH_PLATFORM}&limit=${METADATA_PAGE}`,
          {
            headers: auth,
          },
        )
      ).ok;
    const post = (url: string, body: unknown) =>
      send(url, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const ledger: Call = async (vault, index) => {
      const key = `growth-${vault.pid}-${index}`;
      const reserved = await post(`${vault.internalUrl}/api/publications/reserve`, {
        platform: GROWTH_PLATFORM,
        account_id: GROWTH_ACCOUNT_ID,
        idempotency_key: key,
        request_hash: crypto.createHash('sha256').update(key).digest('hex'),
        tool: 'publish_post',
      });
      const { lease_id: leaseId, publication } = reserved.body as {
        lease_id?: string;
        publication?: { id: string };
      };
      if (!reserved.ok || !leaseId || !publication) return false;
      const published = await post(`${vault.internalUrl}/api/publications/${publication.id}/published`, {
        lease_id: leaseId,
        platform_post_id: `post-${key}`,
      });
      return published.ok;
    };

    const comparisons: GrowthComparison[] = [];
    const measure = async (
      what: GrowthComparison['what'],
      table: GrowthComparison['table'],
      call: Call,
      maxRatio: number,
    ) => {
      const [small, large] = await compare(vaults, calls[what], call);
      comparisons.push({
        what,
        table,
        rows: [smallSizes[table], largeSizes[table]],
        small,
        large,
        ratio: round(large.p50Ms / small.p50Ms),
        maxRatio,
      });
    };
    await measure('token', 'credentials', token, 1.2);
    await measure('metadata_page', 'credentials', metadataPage, 1.5);
    await measure('ledger', 'publications', ledger, 1.2);
    return { seedS: [round(started[0]!.seedS, 1), round(started[1]!.seedS, 1)], calls, comparisons };
  } finally {
    for (const { vault, db } of started) {
      await vault.stop();
      await db.drop();
    }
  }
}
