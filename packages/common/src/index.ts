// Public API of @socialvault/common: logging with redaction, config parsing, stop on signals, PostgreSQL helpers, the key ring, the address guard, trust proxy.
export { createLogger, captureLogs, sendConsoleLogsToStderr } from './logger';
export { registerSecret, redactText, redactValue, REDACTED, type RegisterSecretOptions } from './redact';
export { isSecretKey, secretKeyPath } from './secret-keys';
export { parseEnv, loadDotEnv, emptyAsUndefined, ConfigError } from './config';
export { stopOnSignals, type SignalStopOptions } from './shutdown';
export { optional, flag, wholeNumber, port, httpUrl, printableAscii } from './env-fields';
export { startEmbeddedPostgres, findFreePort } from './embedded-postgres';
export type { EmbeddedPostgresHandle, EmbeddedPostgresOptions } from './embedded-postgres';
export { createScratchDatabase } from './scratch-database';
export type { ScratchDatabase } from './scratch-database';
export { tooDeepPath, formatJsonPath, withoutDeepParts, MAX_JSON_DEPTH, TOO_DEEP_MARKER } from './json-depth';
export { AppError, isAppError, ERROR_CODES, HTTP_STATUS_BY_CODE } from './errors';
export type { ErrorCode, AppErrorOptions } from './errors';
export { KeyRing, parseKeyRing, generateKeyEntry, keyIdOf, formatVersionOf } from './crypto/key-ring';
export type { RingKey, KeyRingOptions, FormatVersion } from './crypto/key-ring';
export { runSqlMigrations } from './sql-migrations';
export type { SqlMigrationOptions } from './sql-migrations';
export {
  isPublicAddress,
  isBlockedLiteral,
  blockedAddressIn,
  findBlockedAddress,
  createGuardedLookup,
  guardedLookup,
  bareHost,
  BlockedAddressError,
} from './net/address-guard';
export type { AddressPolicy, ResolveAll } from './net/address-guard';
export { parseOriginList, originListField, hasListedOrigin } from './net/origin-allowlist';
export { parseTrustProxy, trustProxyField } from './net/trust-proxy';
export type { TrustProxy } from './net/trust-proxy';
