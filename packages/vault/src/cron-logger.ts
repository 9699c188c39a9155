// node-cron's own messages routed into a module's logger, shared by the vault's two schedules.
import type { TaskOptions } from 'node-cron';
import type { Logger } from 'winston';

/** node-cron's own messages (a missed run, say) as lines of `log`: JSON and redacted like every other line. */
export function cronLogger(log: Logger): NonNullable<TaskOptions['logger']> {
  return {
    info: (message) => log.debug(message),
    warn: (message) => log.warn(message),
    error: (message) => log.error(String(message)),
    debug: (message) => log.debug(String(message)),
  };
}
