// The error taxonomy shared by platform clients, the vault client and the MCP servers (SPEC "MCP servers").

/** Expected-failure codes; every tool error and plain-form error carries one of these. */
export const ERROR_CODES = [
  'invalid_input',
  'reconnect_required',
  'rate_limited',
  'not_found',
  'conflict',
  'platform_error',
  'vault_unavailable',
  'unauthorized',
  'forbidden',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** HTTP status for each code, used by the plain (seed) form of `POST /mcp` and by HTTP APIs. */
export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  reconnect_required: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  platform_error: 502,
  vault_unavailable: 503,
};

export interface AppErrorOptions {
  /** What the caller can do about it, in one sentence. */
  hint: string;
  /** Seconds until a retry may succeed (rate limits). */
  retryAfterS?: number;
  /** Non-secret extra facts (platform error code, fbtrace_id, field name…). */
  details?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * An expected failure with a string code, a message and a hint. Thrown by platform clients and
 * the vault client, mapped to HTTP or MCP results in one place per transport.
 * Never put a token or key into `message`, `hint` or `details`.
 */
export class AppError extends Error {
  override name = 'AppError';
  readonly code: ErrorCode;
  readonly hint: string;
  readonly retryAfterS?: number;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
    this.retryAfterS = options.retryAfterS;
    this.details = options.details;
  }

  /** The wire form `{code, message, hint, retry_after_s?}` (no cause, no stack). */
  toJSON(): { code: ErrorCode; message: string; hint: string; retry_after_s?: number } {
    return {
      code: this.code,
      message: this.message,
      hint: this.hint,
      ...(this.retryAfterS !== undefined ? { retry_after_s: this.retryAfterS } : {}),
    };
  }
}

/** True when `value` is an AppError (also across duplicated module instances). */
export function isAppError(value: unknown): value is AppError {
  return (
    value instanceof AppError || (value instanceof Error && value.name === 'AppError' && 'code' in value)
  );
}

/** The JSON body of an HTTP error answer (SPEC's error shape). */
export interface HttpErrorBody {
  detail: { message: string; hint: string; code: string; field?: string } & Record<string, unknown>;
}

/**
 * The body of an HTTP error answer, `{"detail": {message, hint, code, field?, ...extra}}`: from `error`, or for
 * a bug (no AppError) `Internal error` with code `internal` and `fallbackHint`. `field` is `error.details.field`
 * when it is a string; `extra` adds members a service defines (e.g. the vault's `choices`).
 */
export function httpErrorBody(
  error: AppError | undefined,
  fallbackHint: string,
  extra: Record<string, unknown> = {},
): HttpErrorBody {
  const field = error?.details?.field;
  return {
    detail: {
      message: error?.message ?? 'Internal error',
      hint: error?.hint ?? fallbackHint,
      code: error?.code ?? 'internal',
      ...(typeof field === 'string' ? { field } : {}),
      ...extra,
    },
  };
}
