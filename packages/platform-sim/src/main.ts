// `pnpm sim`: runs the platform simulator on SIM_PORT (default 3020) until SIGINT/SIGTERM.
import { createLogger, loadDotEnv } from '@socialvault/common';
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
  const stop = (signal: string) => {
    logger.info(`platform simulator stopping (${signal})`);
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  logger.error(`platform simulator failed to start: ${(error as Error).message}`);
  process.exit(1);
});
