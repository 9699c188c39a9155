// The vault's schema migrations (db/migrations/NNN_name.sql), applied at start through common's runSqlMigrations.
import path from 'node:path';
import type { Pool } from 'pg';
import { createLogger, runSqlMigrations } from '@socialvault/common';

const log = createLogger('vault', 'migrate');
const VAULT_MIGRATIONS_DIR = path.join(__dirname, 'migrations');
/** Arbitrary constant shared by every vault process, so only one migrates at a time. */
const MIGRATION_LOCK_ID = 7_301_906_003;

/**
 * Applies every vault migration not yet recorded in `schema_migrations`, each in its own transaction,
 * under an advisory lock so concurrent vault processes migrate once. Returns the names applied.
 * @throws Error naming the migration that failed (its transaction rolled back).
 */
export function runMigrations(pool: Pool): Promise<string[]> {
  return runSqlMigrations(pool, {
    dir: VAULT_MIGRATIONS_DIR,
    table: 'schema_migrations',
    lockId: MIGRATION_LOCK_ID,
    log,
  });
}
