import fs from 'node:fs';
import path from 'node:path';
import { Pool } from 'pg';
import { createTestDatabase } from '../../test/fixtures';
import type { ScratchDatabase } from '@socialvault/common/testing';
import { runMigrations } from './migrate';

describe('runMigrations', () => {
  let db: ScratchDatabase;
  let pool: Pool;
  beforeAll(async () => {
    db = await createTestDatabase('migrate');
    pool = new Pool({ connectionString: db.url, max: 4 });
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('applies each migration once even when several vaults start together', async () => {
    const results = await Promise.all([runMigrations(pool), runMigrations(pool), runMigrations(pool)]);
    const names = fs
      .readdirSync(path.join(__dirname, 'migrations'))
      .filter((file) => file.endsWith('.sql'))
      .sort()
      .map((file) => file.replace(/\.sql$/, ''));
    expect(results.flat().sort()).toEqual(names);
    expect(await runMigrations(pool)).toEqual([]);
    const { rows } = await pool.query('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((row) => row.version)).toEqual(names.map((name) => name.slice(0, 3)));
  });

  it('enforces one row per (platform, account_id) and only known platforms and statuses', async () => {
    const insert = (platform: string, status = 'active') =>
      pool.query(
        `INSERT INTO credentials (platform, account_id, status, access_token_ciphertext, key_id) VALUES ($1, 'a', $2, 'v1:k1:a:b:c', 'k1')`,
        [platform, status],
      );
    await insert('x');
    await expect(insert('x')).rejects.toThrow(/credentials_platform_account_id_key/);
    await expect(insert('myspace')).rejects.toThrow(/check constraint/);
    await expect(insert('threads', 'paused')).rejects.toThrow(/check constraint/);
  });
});
