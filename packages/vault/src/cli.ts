// `pnpm vault <command>`: migrate, rotate-keys, key-status, generate-key, refresh, prune — operator tasks against the vault's database.
import { Command } from 'commander';
import { Pool } from 'pg';
import { ConfigError, loadDotEnv, redactText, generateKeyEntry } from '@socialvault/common';
import { loadVaultStorageConfig, type VaultStorageConfig } from './config';
import { enforceKeyChecks, inspectKeys, type KeyStatus } from './credentials/key-check';
import { checkKeyCoverage } from './credentials/key-coverage';
import { rotateKeys } from './credentials/rotate-keys';
import { loadWithDevDefaults } from './dev-defaults';
import { runMigrations } from './db/migrate';
import { isPlatform, PLATFORMS } from '@socialvault/vault-api';
import { DEFAULT_PRUNE_BATCH, loadRetainDays, pruneFinishedPublications } from './publications/retention';
import { refreshByHand } from './refresh/refresh-command';

/**
 * Operator output: plain lines (not JSON log lines), but through the same redactor as every log line, since
 * a failure reason or an error message may quote a driver or provider error.
 */
const say = (line: string): void => void process.stdout.write(`${redactText(line)}\n`);
const complain = (line: string): void => void process.stderr.write(`${redactText(line)}\n`);

/** Opens the database named by the environment (or the embedded dev one), runs `work`, closes everything. */
async function withStorage(work: (pool: Pool, config: VaultStorageConfig) => Promise<void>): Promise<void> {
  loadDotEnv();
  const { config, embedded } = await loadWithDevDefaults(process.env, loadVaultStorageConfig);
  const pool = new Pool({ connectionString: config.databaseUrl, max: 2 });
  try {
    await work(pool, config);
  } finally {
    await pool.end();
    await embedded?.stop();
  }
}

const program = new Command()
  .name('vault')
  .description(
    'socialvault vault CLI. Reads DATABASE_URL and VAULT_ENCRYPTION_KEYS from the environment or .env ' +
      '(unset in dev: the embedded PostgreSQL and the key file under VAULT_DATA_DIR, default .data).',
  )
  .showHelpAfterError();

program
  .command('migrate')
  .description('apply pending database migrations (the vault also does this at start)')
  .action(() =>
    withStorage(async (pool) => {
      const applied = await runMigrations(pool);
      say(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
    }),
  );

program
  .command('rotate-keys')
  .description(
    're-encrypt every credential with the active (first) key of VAULT_ENCRYPTION_KEYS, in batches; ' +
      'safe while the vault serves, harmless to repeat',
  )
  .option('--batch-size <rows>', 'rows per transaction', (value) => Number.parseInt(value, 10), 100)
  .action((options: { batchSize: number }) =>
    withStorage(async (pool, { keyRing }) => {
      if (!Number.isInteger(options.batchSize) || options.batchSize < 1) {
        throw new ConfigError('--batch-size must be a positive whole number');
      }
      await runMigrations(pool);
      // Never re-encrypt with key material that is not the one its id was first used with.
      await enforceKeyChecks(pool, keyRing);
      say(`rotate-keys: active key ${keyRing.activeKeyId}; ring ${keyRing.keyIds.join(', ')}`);
      const result = await rotateKeys(pool, keyRing, {
        batchSize: options.batchSize,
        onProgress: (p) =>
          say(`batch ${p.batch}: re-encrypted ${p.reencrypted} row(s), ${p.done}/${p.total} done`),
      });
      say(`rotate-keys: ${result.reencrypted} row(s) re-encrypted with key ${result.activeKeyId}`);
      for (const failure of result.failed)
        complain(`  could not re-encrypt ${failure.id}: ${failure.reason}`);
      for (const [keyId, rows] of Object.entries(result.missingKeys)) {
        complain(
          `  ${rows} row(s) use key ${keyId}, which is not in VAULT_ENCRYPTION_KEYS: add it back to rotate them`,
        );
      }
      if (result.failed.length > 0 || Object.keys(result.missingKeys).length > 0) process.exitCode = 1;
    }),
  );

program
  .command('key-status')
  .description(
    'rows per key id, whether each configured key matches the check value recorded for its id and ' +
      'decrypts a sample row; exits 1 on a missing, mismatching or non-decrypting key',
  )
  .action(() =>
    withStorage(async (pool, { keyRing }) => {
      await runMigrations(pool);
      const coverage = await checkKeyCoverage(pool, keyRing);
      const statuses = await inspectKeys(pool, keyRing);
      say(`active key: ${keyRing.activeKeyId}; ring: ${keyRing.keyIds.join(', ')}`);
      for (const status of statuses) say(`  ${describeKey(status)}`);
      for (const id of coverage.missingKeyIds) {
        say(`  ${id}: ${coverage.rowsByKeyId[id] ?? 0} row(s) (MISSING from the ring)`);
      }
      const wrong = statuses.filter((status) => status.check === 'mismatch' || status.sample === 'fails');
      if (coverage.missingKeyIds.length > 0 || wrong.length > 0) process.exitCode = 1;
    }),
  );

/** One key-status line: `k1: 3 row(s) (active); check value matches; a sample row decrypts`. */
function describeKey(status: KeyStatus): string {
  const check = {
    match: 'check value matches',
    mismatch: 'check value DIFFERS: not the key this id was first used with',
    unrecorded: 'no check value recorded yet (the vault records it at its next start)',
  }[status.check];
  const sample = {
    decrypts: 'a sample row decrypts',
    fails: 'NO sampled row decrypts',
    no_rows: 'no rows to sample',
  }[status.sample];
  return `${status.keyId}: ${status.rows} row(s)${status.active ? ' (active)' : ''}; ${check}; ${sample}`;
}

program
  .command('refresh')
  .description(
    'run a refresh sweep now and print what it did: refresh credentials inside their window, mark dead ones ' +
      'expired, send reconnect notices (reads the refresh variables: token endpoint URLs, app credentials, ' +
      'VAULT_EVENTS_WEBHOOK_URL)',
  )
  .option('--platform <platform>', `only this platform (${PLATFORMS.join(', ')})`)
  .option('--account <id>', 'only this account id')
  .option('--dry-run', 'show what would be done without calling any token endpoint or writing', false)
  .action((options: { platform?: string; account?: string; dryRun: boolean }) =>
    withStorage(async (pool, config) => {
      if (options.platform !== undefined && !isPlatform(options.platform)) {
        throw new ConfigError(`--platform must be one of ${PLATFORMS.join(', ')}`);
      }
      await runMigrations(pool);
      const failed = await refreshByHand(config, {
        ...(options.platform && isPlatform(options.platform) ? { platform: options.platform } : {}),
        ...(options.account ? { accountId: options.account } : {}),
        dryRun: options.dryRun,
        print: say,
      });
      if (failed) process.exitCode = 1;
    }),
  );

program
  .command('prune')
  .description(
    'delete finished (published or failed) publication ledger rows older than PUBLICATIONS_RETAIN_DAYS ' +
      '(default 90), in batches; pending rows are kept. The vault also does this daily',
  )
  .option('--days <days>', 'keep this many days instead of PUBLICATIONS_RETAIN_DAYS', (value) =>
    Number.parseInt(value, 10),
  )
  .option(
    '--batch-size <rows>',
    'rows per DELETE',
    (value) => Number.parseInt(value, 10),
    DEFAULT_PRUNE_BATCH,
  )
  .action((options: { days?: number; batchSize: number }) =>
    withStorage(async (pool) => {
      const retainDays = options.days ?? loadRetainDays();
      if (!Number.isInteger(retainDays) || retainDays < 1) {
        throw new ConfigError(
          '--days (or PUBLICATIONS_RETAIN_DAYS) must be a whole number of days, at least 1',
        );
      }
      if (!Number.isInteger(options.batchSize) || options.batchSize < 1) {
        throw new ConfigError('--batch-size must be a positive whole number');
      }
      await runMigrations(pool);
      say(`prune: deleting finished publication rows older than ${retainDays} days`);
      const result = await pruneFinishedPublications(pool, {
        retainDays,
        batchSize: options.batchSize,
        onBatch: (progress) => say(`batch ${progress.batches}: ${progress.deleted} row(s) deleted so far`),
      });
      say(`prune: ${result.deleted} row(s) deleted in ${result.batches} batch(es)`);
    }),
  );

program
  .command('generate-key')
  .description('print a new random key entry <id>:<base64 32 bytes> to put first in VAULT_ENCRYPTION_KEYS')
  .argument('[id]', 'key id (letters, digits, - or _)', `k${Math.floor(Date.now() / 1000)}`)
  .action((id: string) => {
    // The new key is this command's whole output: written as is, never redacted.
    process.stdout.write(`${generateKeyEntry(id)}\n`);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  complain(
    error instanceof ConfigError ? `vault: ${error.message}` : `vault: failed: ${(error as Error).message}`,
  );
  process.exitCode = 1;
});
