// Versioned SQL migrations (db/migrations/NNN_name.sql), applied in order under an advisory lock at start.
import fs from 'node:fs';
import path from 'node:path';
import type { Pool } from 'pg';
import { createLogger } from '@socialvault/common';

const log = createLogger('vault', 'migrate');
const MIGRATIONS_DIR = path.join(__dirname, 'migrations');
/** Arbitrary constant shared by every vault process, so only one migrates at a time. */
const MIGRATION_LOCK_ID = 7_301_906_003;

/** One migration file: `001_credentials_and_audit.sql` → version `001`. */
export interface Migration {
  version: string;
  name: string;
  sql: string;
}

/** The migrations shipped with the vault, sorted by version. */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((file) => /^\d{3}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: file.slice(0, 3),
      name: file.replace(/\.sql$/, ''),
      sql: fs.readFileSync(path.join(dir, file), 'utf8'),
    }));
}

/**
 * Applies every migration not yet recorded in `schema_migrations`, each in its own transaction,
 * holding a session advisory lock so concurrent vault processes migrate once. Returns the names applied.
 */
export async function runMigrations(pool: Pool, migrations = loadMigrations()): Promise<string[]> {
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version text PRIMARY KEY,
         name text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const { rows } = await client.query<{ version: string }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((row) => row.version));
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(migration.name);
      log.info(`Applied migration ${migration.name}`);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    client.release();
  }
}
