// The standalone broker process (`pnpm broker`, docker): config, listener, graceful stop on SIGINT/SIGTERM.
import { ConfigError, createLogger, loadDotEnv, stopOnSignals } from '@socialvault/common';
import { loadBrokerConfig } from './config';
import { startBroker } from './server';

const log = createLogger('broker', 'main');

async function main(): Promise<void> {
  const dotEnvFile = loadDotEnv();
  if (dotEnvFile) log.info(`Read ${dotEnvFile}`);
  const config = loadBrokerConfig();
  const broker = await startBroker(config);
  log.info(`Broker listening on ${broker.url} (bound to ${config.host}); public URL ${config.publicUrl}`);
  if (config.localVault) log.info(`Single-tenant client "local" → ${config.localVault.vaultUrl}`);
  if (!config.adminToken) log.warn('BROKER_ADMIN_TOKEN is unset: the admin API refuses every call');
  if (config.allowUnsignedStart)
    log.warn('BROKER_ALLOW_UNSIGNED_START=true: unsigned start links are accepted');
  stopOnSignals(log, {
    stopping: 'stopping the listener and the database pool',
    stopped: 'Broker stopped',
    stop: () => broker.close({ drain: true }),
  });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) log.error(error.message);
  else log.error(`Broker failed to start: ${(error as Error).message}`, { error });
  process.exitCode = 1;
});
