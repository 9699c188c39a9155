// Versioned SQL migrations (NNN_name.sql in one folder), applied in order under an advisory lock at start.
import fs from 'node:fs';
import path from 'node:path';
import type { Pool } from 'pg';
import type winston from 'winston';

/** Where a service's migrations live and how it records them. */
export interface SqlMigrationOptions {
  /** Folder of `NNN_name.sql` files. */
  dir: string;
  /** Table recording applied versions; distinct per service so two services may share one database. */
  table: string;
  /** Advisory lock id shared by every process of the service, so only one migrates at a time. */
  lockId: number;
  log?: winston.Logger;
}

/**
 * Applies every migration of `options.dir` not yet recorded in `options.table`, each in its own
 * transaction, holding a session advisory lock. Returns the names applied.
 * @throws Error naming the migration that failed (its transaction rolled back).
 */
export async function runSqlMigrations(pool: Pool, options: SqlMigrationOptions): Promise<string[]> {
  if (!/^[a-z_][a-z0-9_]*$/.test(options.table))
    throw new Error(`Bad migrations table name ${options.table}`);
  const migrations = fs
    .readdirSync(options.dir)
    .filter((file) => /^\d{3}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: file.slice(0, 3),
      name: file.replace(/\.sql$/, ''),
      sql: fs.readFileSync(path.join(options.dir, file), 'utf8'),
    }));
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [options.lockId]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${options.table} (
         version text PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ version: string }>(`SELECT version FROM ${options.table}`);
    const done = new Set(rows.map((row) => row.version));
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query(`INSERT INTO ${options.table} (version, name) VALUES ($1, $2)`, [
          migration.version,
          migration.name,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(migration.name);
      options.log?.info(`Applied migration ${migration.name}`);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [options.lockId]).catch(() => undefined);
    client.release();
  }
}
