// Runs the refresh sweep on VAULT_REFRESH_CRON with node-cron (no overlapping runs) until stopped.
import cron from 'node-cron';
import { createLogger } from '@socialvault/common';
import { cronLogger } from '../cron-logger';
import type { CredentialRefresher } from './credential-refresher';
import { runSweep } from './sweep';

const log = createLogger('vault', 'refresh-scheduler');

/** A running schedule. */
export interface RefreshScheduler {
  /** Stops the schedule and waits for a sweep in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Schedules `runSweep(refresher)` on `expression` (5 or 6 cron fields, validated by config). A run
 * still going when the next one is due is skipped (node-cron `noOverlap`); a failing run is logged.
 */
export function startRefreshScheduler(refresher: CredentialRefresher, expression: string): RefreshScheduler {
  let running: Promise<unknown> | undefined;
  const task = cron.schedule(
    expression,
    () => {
      running = runSweep(refresher).catch((error: unknown) =>
        log.error(`[Refresh Sweep] failed: ${(error as Error).message}`, { error }),
      );
      return running;
    },
    {
      name: 'vault-refresh-sweep',
      noOverlap: true,
      logger: cronLogger(log),
    },
  );
  return {
    stop: async () => {
      await task.stop();
      await task.destroy();
      await running;
    },
  };
}
