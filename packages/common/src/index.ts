// Public API of @socialvault/common: logging with redaction, config parsing, PostgreSQL helpers, the key ring.
export { createLogger, captureLogs, sendConsoleLogsToStderr } from './logger';
export {
  registerSecret,
  redactText,
  redactValue,
  isSecretKey,
  REDACTED,
  type RegisterSecretOptions,
} from './redact';
export { parseEnv, loadDotEnv, emptyAsUndefined, ConfigError } from './config';
export { optional, flag, wholeNumber, port, httpUrl, printableAscii } from './env-fields';
export { startEmbeddedPostgres, findFreePort } from './embedded-postgres';
export type { EmbeddedPostgresHandle, EmbeddedPostgresOptions } from './embedded-postgres';
export { createScratchDatabase } from './scratch-database';
export type { ScratchDatabase } from './scratch-database';
export { AppError, isAppError, ERROR_CODES, HTTP_STATUS_BY_CODE } from './errors';
export type { ErrorCode, AppErrorOptions } from './errors';
export { KeyRing, parseKeyRing, generateKeyEntry, keyIdOf } from './crypto/key-ring';
export type { RingKey, KeyRingOptions } from './crypto/key-ring';
export { runSqlMigrations } from './sql-migrations';
export type { SqlMigrationOptions } from './sql-migrations';
