import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { createScratchDatabase, type ScratchDatabase } from './testing/scratch-database';
import { runSqlMigrations } from './sql-migrations';

describe('runSqlMigrations', () => {
  let db: ScratchDatabase;
  let pool: Pool;
  let dir: string;
  const options = () => ({ dir, table: 'demo_schema_migrations', lockId: 424_242 });
  beforeAll(async () => {
    db = await createScratchDatabase(process.env.TEST_DATABASE_SERVER_URL!, 'common');
    pool = new Pool({ connectionString: db.url, max: 4 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sql-migrations-'));
    fs.writeFileSync(path.join(dir, '001_first.sql'), 'CREATE TABLE first_table (n int);');
    fs.writeFileSync(path.join(dir, '002_second.sql'), 'CREATE TABLE second_table (n int);');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a migration');
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('applies each migration once, in order, even when several processes start together', async () => {
    const results = await Promise.all([1, 2, 3].map(() => runSqlMigrations(pool, options())));
    expect(results.flat()).toEqual(['001_first', '002_second']);
    expect(await runSqlMigrations(pool, options())).toEqual([]);
    const { rows } = await pool.query('SELECT version FROM demo_schema_migrations ORDER BY version');
    expect(rows.map((row) => row.version)).toEqual(['001', '002']);
  });

  it('rolls back a failing migration and names it', async () => {
    fs.writeFileSync(path.join(dir, '999_broken.sql'), 'CREATE TABLE half_done (n int); SELECT nope;');
    await expect(runSqlMigrations(pool, options())).rejects.toThrow(/Migration 999_broken failed/);
    const { rows } = await pool.query(`SELECT to_regclass('half_done') AS t`);
    expect(rows[0].t).toBeNull();
  });

  it('refuses a table name that is not a plain identifier', async () => {
    await expect(runSqlMigrations(pool, { ...options(), table: 'x; DROP TABLE y' })).rejects.toThrow(
      /Bad migrations table name/,
    );
  });
});
