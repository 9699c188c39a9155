// winston JSON logger shared by every service, with a redaction format in front of every transport.
import { configure } from 'safe-stable-stringify';
import { MESSAGE } from 'triple-beam';
import winston from 'winston';
import { BatchedConsoleTransport } from './batched-console';
import { redactValue } from './redact';

// The copy's message is redacted with every other string field: one pass per line.
const redactFormat = winston.format((info) =>
  Object.assign(info, redactValue({ ...info }) as Record<string, unknown>),
);

/** What `winston.format.json()` writes (sorted keys, circular-safe), configured once instead of per line. */
const stringifyLine = configure({});

/** A bigint as its digits in a string, as `winston.format.json()` writes it. */
const bigintAsString = (_key: string, value: unknown): unknown =>
  typeof value === 'bigint' ? value.toString() : value;

// `winston.format.json()` without its per-line `configure` call.
const jsonFormat = winston.format((info) => {
  (info as Record<string | symbol, unknown>)[MESSAGE] = stringifyLine(info, bigintAsString);
  return info;
});

/** Every logger created so far, so a test capture can attach to all of them. */
const loggers: winston.Logger[] = [];
/** Transports attached by `attachToEveryLogger` (tests' log captures); new loggers get them too. */
const captureTransports: winston.transport[] = [];
/** Levels whose console lines go to stderr; every level once `sendConsoleLogsToStderr()` ran. */
let consoleStderrLevels = ['error', 'warn'];
/** True once `batchConsoleLogs()` ran: console lines are queued and written after the turn that logged them. */
let batchedConsole = false;

type ConsoleTransport = winston.transports.ConsoleTransportInstance | BatchedConsoleTransport;

/** The console transport as currently configured (stderr levels, batched or not). */
function consoleTransport(silent: boolean): ConsoleTransport {
  const options = { silent, stderrLevels: consoleStderrLevels };
  return batchedConsole ? new BatchedConsoleTransport(options) : new winston.transports.Console(options);
}

/** Replaces the console transport of every logger with one as currently configured. */
function replaceConsoleTransports(): void {
  for (const logger of loggers) {
    for (const transport of [...logger.transports]) {
      const isConsole =
        transport instanceof winston.transports.Console || transport instanceof BatchedConsoleTransport;
      if (!isConsole) continue;
      logger.remove(transport);
      logger.add(consoleTransport(transport.silent ?? false));
    }
  }
}

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
    format: winston.format.combine(redactFormat(), winston.format.timestamp(), jsonFormat()),
    transports: [consoleTransport(quietConsole), ...captureTransports],
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
  replaceConsoleTransports();
}

/**
 * Batches the console lines of every logger (existing and future): each line is queued and the queue written
 * with one write per stream after the current turn of the event loop, so a hot path (the vault's
 * `[Token Access]` line per served token) never waits on the terminal or the log file. Nothing is lost on
 * process.exit(), on a crash or on a signal handled by `stopOnSignals`: the queue is written at `exit`.
 */
export function batchConsoleLogs(): void {
  batchedConsole = true;
  replaceConsoleTransports();
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
