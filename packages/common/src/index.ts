// Public API of @socialvault/common: logging with redaction, config parsing, listeners and stop on signals, SQL migrations,
// the key ring, the address guard, trust proxy. Test and dev helpers live in `@socialvault/common/testing` (src/testing/index.ts).
export { createLogger, sendConsoleLogsToStderr, batchConsoleLogs } from './logger';
export { registerSecret, redactText, redactValue, REDACTED, type RegisterSecretOptions } from './redact';
export { isSecretKey, secretKeyPath } from './secret-keys';
export { parseEnv, loadDotEnv, emptyAsUndefined, ConfigError } from './config';
export { DEFAULT_PORTS } from './service-ports';
export { stopOnSignals, type SignalStopOptions } from './shutdown';
export { listen, CLOSE_GRACE_MS, type Listener, type CloseOptions } from './http/listener';
export { bodyReadError, httpStatusOf, type BodyErrorHints } from './http/body-errors';
export { optional, flag, wholeNumber, port, bindHost, httpUrl, printableAscii } from './env-fields';
export { tooDeepPath, formatJsonPath, withoutDeepParts, MAX_JSON_DEPTH, TOO_DEEP_MARKER } from './json-depth';
export { AppError, isAppError, httpErrorBody, ERROR_CODES, HTTP_STATUS_BY_CODE } from './errors';
export type { ErrorCode, AppErrorOptions, HttpErrorBody } from './errors';
export { KeyRing, parseKeyRing, generateKeyEntry } from './crypto/key-ring';
export type { RingKey, KeyRingOptions, FormatVersion } from './crypto/key-ring';
export { runSqlMigrations } from './sql-migrations';
export type { SqlMigrationOptions } from './sql-migrations';
export {
  isPublicAddress,
  isBlockedLiteral,
  blockedAddressIn,
  findBlockedAddress,
  createGuardedLookup,
  bareHost,
  BlockedAddressError,
} from './net/address-guard';
export type { AddressPolicy, ResolveAll } from './net/address-guard';
export { originListField, hasListedOrigin } from './net/origin-allowlist';
export { trustProxyField } from './net/trust-proxy';
export type { TrustProxy } from './net/trust-proxy';
