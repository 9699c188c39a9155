// The standalone vault process (what docker and `pnpm start` run): config, dev fallbacks, listeners, refresh schedule, graceful stop.
import { Pool } from 'pg';
import { batchConsoleLogs, ConfigError, createLogger, loadDotEnv, stopOnSignals } from '@socialvault/common';
import { loadVaultConfig } from './config';
import { PRUNE_CRON, startRetentionSchedule } from './publications/retention';
import { loadWithDevDefaults } from './dev-defaults';
import { startRefreshScheduler, type RefreshScheduler } from './refresh/scheduler';
import { startVaultWithRefresher } from './vault-with-refresher';

const log = createLogger('vault', 'main');
// One write per turn of the event loop for every line, instead of one per line on the token path.
batchConsoleLogs();

async function main(): Promise<void> {
  const dotEnvFile = loadDotEnv();
  if (dotEnvFile) log.info(`Read ${dotEnvFile}`);
  // Validates everything before starting anything, so a bad variable is the only line printed. main() stops
  // the embedded database in its own SIGINT/SIGTERM handler, after the listeners have drained.
  const { config, embedded } = await loadWithDevDefaults(process.env, loadVaultConfig, {
    callerHandlesSignals: true,
  });
  if (!embedded) log.info('Using the PostgreSQL server from DATABASE_URL');
  const { vault, refresher } = await startVaultWithRefresher(config).catch(async (error: unknown) => {
    await embedded?.stop().catch(() => undefined);
    throw error;
  });
  log.info(`Vault ingress (broker) listening on ${vault.ingressUrl} (bound to ${config.host})`);
  log.info(`Vault internal (tokens) listening on ${vault.internalUrl} (bound to ${config.host})`);
  for (const line of refresher.disabled) {
    log.warn(`Token refresh off for ${line}: those credentials are served until they expire`);
  }
  const scheduler: RefreshScheduler = startRefreshScheduler(refresher, config.refresh.cron);
  log.info(
    `Refresh sweep scheduled (${config.refresh.cron}), at most ${config.refresh.concurrency} token calls in flight; ` +
      `reconnect webhook ${config.refresh.eventsWebhookUrl ? 'on' : 'off (VAULT_EVENTS_WEBHOOK_URL unset)'}`,
  );
  // Its own one-connection pool: a prune never takes a connection from token serving.
  const ledgerPool = new Pool({ connectionString: config.databaseUrl, max: 1 });
  ledgerPool.on('error', (error) => log.error('PostgreSQL client error (ledger retention pool)', { error }));
  const retention = startRetentionSchedule(ledgerPool, config.publicationsRetainDays);
  log.info(
    config.publicationsRetainDays > 0
      ? `Publication ledger: finished rows older than ${config.publicationsRetainDays} days are pruned daily (${PRUNE_CRON})`
      : 'Publication ledger: every row is kept (PUBLICATIONS_RETAIN_DAYS=0)',
  );

  stopOnSignals(log, {
    stopping: 'stopping the refresh schedule, the listeners and the database pools',
    stopped: 'Vault stopped',
    stop: () =>
      Promise.all([scheduler.stop(), retention.stop().then(() => ledgerPool.end())])
        .then(() => vault.close({ drain: true }))
        .then(() => refresher.close())
        .then(() => embedded?.stop()),
  });
}

main().catch((error: unknown) => {
  // A config problem is one line naming the variable; anything else keeps its (redacted) cause.
  if (error instanceof ConfigError) log.error(error.message);
  else log.error(`Vault failed to start: ${(error as Error).message}`, { error });
  process.exitCode = 1;
});
