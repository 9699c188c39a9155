// Ledger retention: batched pruning of finished rows past PUBLICATIONS_RETAIN_DAYS, by the daily schedule and by hand.
import { Pool } from 'pg';
import { ConfigError } from '@socialvault/common';
import { type ScratchDatabase } from '@socialvault/common/testing';
import { createTestDatabase, testKey } from '../../test/fixtures';
import { runVaultCli, waitFor } from '../../test/refresh-fixtures';
import { runMigrations } from '../db/migrate';
import { loadRetainDays, pruneFinishedPublications, startRetentionSchedule } from './retention';

let db: ScratchDatabase;
let pool: Pool;
beforeAll(async () => {
  db = await createTestDatabase('retention');
  pool = new Pool({ connectionString: db.url, max: 3 });
  await runMigrations(pool);
});
afterAll(async () => {
  await pool.end();
  await db.drop();
});
beforeEach(() => pool.query('DELETE FROM publications'));

/** Inserts a ledger row created and last changed that many days ago. */
async function row(key: string, status: string, createdDaysAgo: number, updatedDaysAgo = createdDaysAgo) {
  await pool.query(
    `INSERT INTO publications (platform, account_id, idempotency_key, request_hash, status, platform_post_id,
       created_by, created_at, updated_at)
     VALUES ('x', 'acct', $1, repeat('a', 64), $2, CASE WHEN $2 = 'published' THEN 'post-1' END, 'x-mcp',
       now() - make_interval(days => $3), now() - make_interval(days => $4))`,
    [key, status, createdDaysAgo, updatedDaysAgo],
  );
}
/** Seven finished rows past 90 days, and four rows to keep: pending, recent, recently retried, 60 days old. */
async function seed(): Promise<void> {
  for (let index = 0; index < 5; index += 1) await row(`old-published-${index}`, 'published', 100 + index);
  await row('old-failed', 'failed', 95);
  await row('old-published-x', 'published', 400);
  await row('old-pending', 'pending', 200);
  await row('recent', 'published', 10);
  await row('retried-lately', 'failed', 100, 5);
  await row('sixty-days', 'published', 60);
}
const keys = async () =>
  (await pool.query<{ key: string }>('SELECT idempotency_key AS key FROM publications ORDER BY 1')).rows.map(
    (r) => r.key,
  );
const KEPT = ['old-pending', 'recent', 'retried-lately', 'sixty-days'];

it('deletes finished rows older than the retention, oldest first, in batches, and keeps pending ones', async () => {
  await seed();
  const batches: number[] = [];
  const result = await pruneFinishedPublications(pool, {
    retainDays: 90,
    batchSize: 2,
    onBatch: (progress) => batches.push(progress.deleted),
  });
  expect(result).toEqual({ deleted: 7, batches: 4 });
  expect(batches).toEqual([2, 4, 6, 7]);
  expect(await keys()).toEqual(KEPT);
  expect(await pruneFinishedPublications(pool, { retainDays: 90 })).toEqual({ deleted: 0, batches: 0 });
});

it('is swept by the vault schedule', async () => {
  await seed();
  const schedule = startRetentionSchedule(pool, 90, '* * * * * *');
  try {
    await waitFor(async () => (await keys()).length === KEPT.length, 'the scheduled prune');
  } finally {
    await schedule.stop();
  }
  expect(await keys()).toEqual(KEPT);
});

it('runs by hand with `pnpm vault prune`, printing each batch and the total', async () => {
  await seed();
  const cli = await runVaultCli(['prune', '--batch-size', '3'], {
    DATABASE_URL: db.url,
    VAULT_ENCRYPTION_KEYS: `k1:${testKey('k1')}`,
    PUBLICATIONS_RETAIN_DAYS: '30',
  });
  expect(cli.stderr).toBe('');
  expect(cli.status).toBe(0);
  expect(cli.stdout.trim().split('\n')).toEqual([
    'prune: deleting finished publication rows older than 30 days',
    'batch 1: 3 row(s) deleted so far',
    'batch 2: 6 row(s) deleted so far',
    'batch 3: 8 row(s) deleted so far',
    'prune: 8 row(s) deleted in 3 batch(es)',
  ]);
  expect(await keys()).toEqual(['old-pending', 'recent', 'retried-lately']);
});

it('reads PUBLICATIONS_RETAIN_DAYS: 90 by default, and refuses what is not a number of days', () => {
  expect(loadRetainDays({})).toBe(90);
  expect(loadRetainDays({ PUBLICATIONS_RETAIN_DAYS: '0' })).toBe(0);
  expect(() => loadRetainDays({ PUBLICATIONS_RETAIN_DAYS: 'ninety' })).toThrow(ConfigError);
  expect(() => loadRetainDays({ PUBLICATIONS_RETAIN_DAYS: '-1' })).toThrow(/PUBLICATIONS_RETAIN_DAYS/);
});
