// Public API of @socialvault/common: logging with redaction, config parsing, PostgreSQL helpers.
export { createLogger, captureLogs, sendConsoleLogsToStderr } from './logger';
export { registerSecret, redactText, redactValue, REDACTED, type RegisterSecretOptions } from './redact';
export { isSecretKey, secretKeyPath } from './secret-keys';
export { parseEnv, loadDotEnv, emptyAsUndefined, ConfigError } from './config';
export { startEmbeddedPostgres, findFreePort } from './embedded-postgres';
export type { EmbeddedPostgresHandle, EmbeddedPostgresOptions } from './embedded-postgres';
export { createScratchDatabase } from './scratch-database';
export type { ScratchDatabase } from './scratch-database';
export { AppError, isAppError, ERROR_CODES, HTTP_STATUS_BY_CODE } from './errors';
export type { ErrorCode, AppErrorOptions } from './errors';
