// Graceful stop of a service process on SIGINT/SIGTERM: one stop at a time, a second signal exits at once.
import type winston from 'winston';

/** What a service logs and runs when it is asked to stop. */
export interface SignalStopOptions {
  /** Logged after `<signal> received: `, e.g. `stopping the listener and the database pool`. */
  stopping: string;
  /** Logged once `stop` resolved, e.g. `Broker stopped`. */
  stopped: string;
  /** Closes listeners, schedules and pools; the process exits 0 when it resolves, 1 when it rejects. */
  stop: () => Promise<unknown>;
}

/**
 * Installs SIGINT and SIGTERM handlers that run `options.stop` once, then exit the process
 * (0 on success, 1 with a `Shutdown failed` log on error). A second signal while stopping exits 1 now.
 */
export function stopOnSignals(log: winston.Logger, options: SignalStopOptions): void {
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) {
      log.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    log.info(`${signal} received: ${options.stopping}`);
    options
      .stop()
      .then(() => {
        log.info(options.stopped);
        process.exit(0);
      })
      .catch((error: unknown) => {
        log.error('Shutdown failed', { error });
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}
