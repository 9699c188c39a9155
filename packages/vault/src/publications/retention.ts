// Publication ledger retention: finished rows older than PUBLICATIONS_RETAIN_DAYS are deleted in small batches, daily.
import cron from 'node-cron';
import type { Pool } from 'pg';
import { z } from 'zod';
import { createLogger, parseEnv, wholeNumber } from '@socialvault/common';
import { cronLogger } from '../cron-logger';

const log = createLogger('vault', 'publications-retention');

/** The retention variable, merged into the vault's schema and read alone by `pnpm vault prune`. */
export const retentionEnvShape = {
  /** Days a finished publication row is kept (default 90); 0 keeps every row. */
  PUBLICATIONS_RETAIN_DAYS: wholeNumber(90, 0, 36_500),
};

/** When the vault prunes the ledger: every day at 03:17 (server time), outside the usual posting hours. */
export const PRUNE_CRON = '17 3 * * *';
/** Rows per DELETE: each batch is its own short statement, so a huge ledger is never locked for long. */
export const DEFAULT_PRUNE_BATCH = 1_000;

/** Reads only PUBLICATIONS_RETAIN_DAYS (for the CLI). @throws ConfigError naming it */
export function loadRetainDays(env: NodeJS.ProcessEnv = process.env): number {
  return parseEnv(z.object(retentionEnvShape), env).PUBLICATIONS_RETAIN_DAYS;
}

/** What one prune did. */
export interface PruneResult {
  deleted: number;
  batches: number;
}

/**
 * Deletes finished (`published` or `failed`) publication rows created and last changed more than
 * `retainDays` days ago (by the database clock), at most `batchSize` per statement, oldest first, until none
 * is left. Pending rows are kept whatever their age: they hold the key of a publish whose outcome is unknown.
 * Rows another transaction holds are skipped (`SKIP LOCKED`) and taken by a later prune.
 * @throws on a database error (batches already deleted stay deleted).
 */
export async function pruneFinishedPublications(
  pool: Pool,
  options: { retainDays: number; batchSize?: number; onBatch?: (progress: PruneResult) => void },
): Promise<PruneResult> {
  const batchSize = options.batchSize ?? DEFAULT_PRUNE_BATCH;
  const result: PruneResult = { deleted: 0, batches: 0 };
  for (;;) {
    const { rowCount } = await pool.query(
      `DELETE FROM publications WHERE id IN (
         SELECT id FROM publications
         WHERE created_at < now() - make_interval(days => $1) AND updated_at < now() - make_interval(days => $1)
           AND status NOT IN ('pending', 'unknown')
         ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      [options.retainDays, batchSize],
    );
    const deleted = rowCount ?? 0;
    if (deleted === 0) break;
    result.deleted += deleted;
    result.batches += 1;
    options.onBatch?.({ ...result });
    if (deleted < batchSize) break;
  }
  return result;
}

/** A running retention schedule. */
export interface RetentionSchedule {
  /** Stops the schedule and waits for a prune in progress. */
  stop(): Promise<void>;
}

/**
 * Prunes the ledger on `expression` (default daily, PRUNE_CRON) with node-cron, never two at once; a failing
 * prune is logged and tried again at the next run. Several vault replicas may run it: their batches skip
 * each other's rows. Does nothing (returns a no-op schedule) when `retainDays` is 0.
 */
export function startRetentionSchedule(
  pool: Pool,
  retainDays: number,
  expression = PRUNE_CRON,
): RetentionSchedule {
  if (retainDays === 0) return { stop: async () => undefined };
  let running: Promise<unknown> | undefined;
  const task = cron.schedule(
    expression,
    () => {
      running = pruneFinishedPublications(pool, { retainDays })
        .then(({ deleted }) => {
          if (deleted > 0)
            log.info(`[Ledger Pruned] ${deleted} finished publication row(s) older than ${retainDays} days`);
        })
        .catch((error: unknown) =>
          log.error(`[Ledger Prune] failed: ${(error as Error).message}`, { error }),
        );
      return running;
    },
    { name: 'vault-publications-prune', noOverlap: true, logger: cronLogger(log) },
  );
  return {
    stop: async () => {
      await task.stop();
      await task.destroy();
      await running;
    },
  };
}
