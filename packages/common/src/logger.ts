// winston JSON logger shared by every service, with a redaction format in front of every transport.
import winston from 'winston';
import { redactText, redactValue } from './redact';

const redactFormat = winston.format((info) => {
  const safe = redactValue({ ...info }) as Record<string, unknown>;
  Object.assign(info, safe);
  if (typeof info.message === 'string') info.message = redactText(info.message);
  return info;
});

/** Every logger created so far, so a test capture can attach to all of them. */
const loggers: winston.Logger[] = [];
/** Transports attached by `attachToEveryLogger` (tests' log captures); new loggers get them too. */
const captureTransports: winston.transport[] = [];
/** Levels whose console lines go to stderr; every level once `sendConsoleLogsToStderr()` ran. */
let consoleStderrLevels = ['error', 'warn'];

/**
 * Creates a JSON logger for one module: `{"level","message","service","module","timestamp",…}`.
 * Level from `LOG_LEVEL` (default `info`). Console output is off under `NODE_ENV=test` unless
 * `LOG_LEVEL` is set. Every field passes through the redaction format, so tokens and keys never
 * reach a line.
 */
export function createLogger(service: string, module?: string): winston.Logger {
  const quietConsole = process.env.NODE_ENV === 'test' && !process.env.LOG_LEVEL;
  const logger = winston.createLogger({
    level: process.env.LOG_LEVEL ?? 'info',
    defaultMeta: module ? { service, module } : { service },
    format: winston.format.combine(redactFormat(), winston.format.timestamp(), winston.format.json()),
    transports: [
      new winston.transports.Console({ silent: quietConsole, stderrLevels: consoleStderrLevels }),
      ...captureTransports,
    ],
  });
  loggers.push(logger);
  return logger;
}

/**
 * Sends the console lines of every logger (existing and future) to stderr, whatever their level.
 * For processes whose stdout carries a protocol, such as an MCP server in `--stdio` mode.
 */
export function sendConsoleLogsToStderr(): void {
  consoleStderrLevels = Object.keys(winston.config.npm.levels);
  for (const logger of loggers) {
    for (const transport of [...logger.transports]) {
      if (!(transport instanceof winston.transports.Console)) continue;
      logger.remove(transport);
      logger.add(
        new winston.transports.Console({ silent: transport.silent, stderrLevels: consoleStderrLevels }),
      );
    }
  }
}

/**
 * Adds `transport` to every logger, existing and future, until the returned function removes it again.
 * For `captureLogs` of the testing entry; not part of the package's API.
 */
export function attachToEveryLogger(transport: winston.transport): () => void {
  captureTransports.push(transport);
  for (const logger of loggers) logger.add(transport);
  return () => {
    captureTransports.splice(captureTransports.indexOf(transport), 1);
    for (const logger of loggers) logger.remove(transport);
  };
}
