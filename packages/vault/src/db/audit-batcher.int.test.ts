// Batched serve audit rows on real PostgreSQL: written within the interval with their own time, never lost.
import { Pool } from 'pg';
import request from 'supertest';
import { ConfigError } from '@socialvault/common';
import { captureLogs, type ScratchDatabase } from '@socialvault/common/testing';
import { loadVaultConfig } from '../config';
import { startVault } from '../server';
import {
  auditRows,
  CANARY,
  createTestDatabase,
  metaPayload,
  SERVICE_SECRETS,
  testEnv,
} from '../../test/fixtures';
import { runMigrations } from './migrate';
import { AuditBatcher } from './audit-batcher';
import type { AuditEvent } from './audit-log';

let db: ScratchDatabase;
let pool: Pool;
let capture: ReturnType<typeof captureLogs>;

beforeAll(async () => {
  db = await createTestDatabase('audit_batch');
  pool = new Pool({ connectionString: db.url, max: 3 });
  await runMigrations(pool);
});
afterAll(async () => {
  await pool.end();
  await db.drop();
});
beforeEach(async () => {
  capture = captureLogs();
  await pool.query('DELETE FROM audit_events');
});
afterEach(() => capture.stop());

const served = (actor: string, detail: Record<string, unknown> = {}): AuditEvent => ({
  actor,
  action: 'token.serve',
  outcome: 'success',
  platform: 'instagram',
  accountId: '17841400000000001',
  detail: { token_expired: false, ...detail },
});

async function countRows(): Promise<number> {
  return Number((await pool.query('SELECT count(*) FROM audit_events')).rows[0].count);
}

async function waitForRows(count: number, timeoutMs: number): Promise<number> {
  const startedAt = Date.now();
  while ((await countRows()) < count) {
    if (Date.now() - startedAt > timeoutMs)
      throw new Error(`fewer than ${count} audit rows after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Date.now() - startedAt;
}

it('writes queued rows within the flush interval, keeping the time each one happened', async () => {
  const batcher = new AuditBatcher({ pool, flushIntervalMs: 2_000 });
  const before = Date.now();
  batcher.record(served('instagram-mcp'));
  await new Promise((resolve) => setTimeout(resolve, 100));
  batcher.record(served('x-mcp'));
  expect(await countRows()).toBe(0);
  expect(batcher.queued).toBe(2);

  await waitForRows(2, 5_000);
  const writtenAt = Date.now();
  expect(writtenAt - before).toBeGreaterThanOrEqual(1_900);
  const rows = await auditRows(pool);
  expect(rows.map((row) => row.actor)).toEqual(['instagram-mcp', 'x-mcp']);
  const [first, second] = rows.map((row) => (row.occurred_at as Date).getTime());
  // Each row keeps the time it was queued (~0 and ~100 ms), not the time of the INSERT (~2 s).
  expect(first).toBeGreaterThanOrEqual(before - 5);
  expect(second! - first!).toBeGreaterThanOrEqual(90);
  expect(writtenAt - second!).toBeGreaterThan(1_000);
  expect(rows[0]).toMatchObject({ action: 'token.serve', outcome: 'success', platform: 'instagram' });
  await batcher.close();
});

it('writes a full batch at once without waiting for the interval', async () => {
  const batcher = new AuditBatcher({ pool, flushIntervalMs: 60_000, maxBatchRows: 3 });
  for (const actor of ['a', 'b', 'c']) batcher.record(served(actor));
  expect(await waitForRows(3, 10_000)).toBeLessThan(10_000);
  expect(batcher.queued).toBe(0);
  await batcher.close();
});

it('writes what is left on close', async () => {
  const batcher = new AuditBatcher({ pool, flushIntervalMs: 1_000 });
  for (let i = 0; i < 1_200; i += 1) batcher.record(served(`svc-${i}`));
  await batcher.close();
  expect(await countRows()).toBe(1_200);
  expect(batcher.queued).toBe(0);
  // After close a row is written directly (a late request during shutdown still gets its row).
  await batcher.record(served('late'));
  expect(await countRows()).toBe(1_201);
});

it('keeps the rows of a failed INSERT and writes them once PostgreSQL takes them again', async () => {
  const batcher = new AuditBatcher({ pool, flushIntervalMs: 100 });
  await pool.query('ALTER TABLE audit_events RENAME TO audit_events_away');
  try {
    batcher.record(served('during-outage'));
    batcher.record(served('during-outage-too'));
    const failedAt = Date.now();
    while (!capture.lines.join('').includes('Could not write 2 audit row(s); retrying')) {
      if (Date.now() - failedAt > 5_000) throw new Error('no failed INSERT was logged');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(batcher.queued).toBe(2);
  } finally {
    await pool.query('ALTER TABLE audit_events_away RENAME TO audit_events');
  }
  await waitForRows(2, 2_000);
  expect((await auditRows(pool)).map((row) => row.actor)).toEqual(['during-outage', 'during-outage-too']);
  await batcher.close();
});

it('logs the rows it could not write by shutdown instead of dropping them, secrets redacted', async () => {
  const unreachable = new Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none', max: 1 });
  unreachable.on('error', () => undefined);
  const batcher = new AuditBatcher({ pool: unreachable, flushIntervalMs: 1_000 });
  batcher.record(served('stranded-mcp', { access_token: CANARY.accessToken }));
  await batcher.close();
  await unreachable.end();
  const text = capture.lines.join('');
  expect(text).toContain('[Audit Unwritten]');
  expect(text).toContain('stranded-mcp');
  expect(text).not.toContain(CANARY.accessToken);
});

describe('the vault with VAULT_AUDIT_FLUSH_MS', () => {
  it('serves tokens with batched audit rows and writes them when it stops', async () => {
    const vaultDb = await createTestDatabase('audit_batch_vault');
    const vault = await startVault(loadVaultConfig(testEnv(vaultDb.url, { VAULT_AUDIT_FLUSH_MS: '1000' })));
    const vaultPool = new Pool({ connectionString: vaultDb.url, max: 1 });
    try {
      const stored = await request(vault.ingressUrl)
        .post('/api/credentials')
        .set('X-API-Key', CANARY.brokerApiKey)
        .send(metaPayload());
      expect(stored.status).toBe(201);
      for (let i = 0; i < 3; i += 1) {
        const res = await request(vault.internalUrl)
          .get('/api/credentials/token?platform=instagram')
          .set('Authorization', `Bearer ${SERVICE_SECRETS.instagram}`);
        expect(res.body.access_token).toBe(CANARY.accessToken);
      }
      await vault.close();
      const serves = (await auditRows(vaultPool)).filter((row) => row.action === 'token.serve');
      expect(serves).toHaveLength(3);
      expect(serves[0]).toMatchObject({
        actor: 'instagram-mcp',
        outcome: 'success',
        detail: { token_expired: false },
      });
      expect(JSON.stringify(serves)).not.toContain(CANARY.accessToken);
    } finally {
      await vault.close();
      await vaultPool.end();
      await vaultDb.drop();
    }
  });

  it('defaults to 200 ms, takes 0 (write before serving) to 1000, and refuses anything else', () => {
    const configOf = (value?: string) =>
      loadVaultConfig({ ...testEnv('postgres://localhost/x'), VAULT_AUDIT_FLUSH_MS: value });
    expect(configOf(undefined).auditFlushMs).toBe(200);
    expect(configOf('0').auditFlushMs).toBe(0);
    expect(configOf('1000').auditFlushMs).toBe(1000);
    for (const bad of ['1001', '-1', 'soon']) {
      expect(() => configOf(bad)).toThrow(ConfigError);
      expect(() => configOf(bad)).toThrow(/VAULT_AUDIT_FLUSH_MS/);
    }
  });
});
