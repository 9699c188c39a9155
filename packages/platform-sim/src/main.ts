// `pnpm sim`: runs the platform simulator on SIM_PORT (default 3020) until SIGINT/SIGTERM.
import { createLogger, loadDotEnv, stopOnSignals } from '@socialvault/common';
import { loadSimConfig } from './config';
import { startPlatformSim } from './server';

const logger = createLogger('platform-sim');

async function main(): Promise<void> {
  loadDotEnv();
  const config = loadSimConfig();
  const sim = await startPlatformSim({ port: config.port, host: config.host });
  logger.info(`platform simulator listening on ${sim.url}`, {
    url: sim.url,
    graph_url: sim.graphUrl,
    admin_url: `${sim.url}/_sim`,
    sample_image_url: sim.sampleImageUrl,
  });
  stopOnSignals(logger, {
    stopping: 'stopping the platform simulator',
    stopped: 'platform simulator stopped',
    stop: () => sim.close(),
  });
}

main().catch((error: unknown) => {
  logger.error(`platform simulator failed to start: ${(error as Error).message}`);
  process.exit(1);
});
