// Maps X API v2 failures (problem JSON or `{errors:[…]}`) to AppError values.
// @see https://docs.x.com/x-api/fundamentals/response-codes-and-errors
// @see https://docs.x.com/fundamentals/rate-limits
import { AppError } from '@socialvault/common';
import { scrubSecrets, toPlatformAppError, type PlatformFailure } from '../thrown-errors';
import { readRateLimit } from '../rate-limit';

/** One entry of `errors` (partial errors and invalid-request details). */
export interface XErrorEntry {
  message?: string;
  title?: string;
  detail?: string;
  type?: string;
  parameter?: string;
  parameters?: Record<string, unknown>;
  resource_type?: string;
  value?: string;
  code?: number;
}

/** X's error body: an RFC 7807 problem (`title`, `detail`, `type`, `status`) and/or `errors`. */
export interface XErrorBody {
  title?: string;
  detail?: string;
  type?: string;
  status?: number;
  reason?: string;
  errors?: XErrorEntry[];
}

/** What the client was doing, for messages. */
export interface XErrorContext {
  /** e.g. `create the post`. */
  operation: string;
  /** The access token in use: scrubbed from every message, never copied into an error. */
  accessToken?: string;
}

/** Used when a 429 carries no reset header: X windows are 15 minutes. */
export const DEFAULT_X_RETRY_S = 900;

const RECONNECT_HINT =
  'Reconnect the X account through the OAuth broker (scopes tweet.read tweet.write users.read media.write offline.access); the vault stores the new token.';

/** Returns the parsed error body, or undefined when `data` is not one. */
export function parseXErrorBody(data: unknown): XErrorBody | undefined {
  if (typeof data === 'string') {
    try {
      return parseXErrorBody(JSON.parse(data));
    } catch {
      return undefined;
    }
  }
  if (!data || typeof data !== 'object') return undefined;
  const body = data as Record<string, unknown>;
  const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : undefined);
  const errors = Array.isArray(body.errors)
    ? (body.errors.filter((e) => e && typeof e === 'object') as XErrorEntry[])
    : undefined;
  if (!text('title') && !text('detail') && !errors) return undefined;
  return {
    title: text('title'),
    detail: text('detail'),
    type: text('type'),
    reason: text('reason'),
    status: typeof body.status === 'number' ? body.status : undefined,
    ...(errors ? { errors } : {}),
  };
}

/** The most specific human text of an error body. */
function describe(body: XErrorBody | undefined, status: number | undefined): string {
  const first = body?.errors?.[0];
  const specific = first?.message ?? first?.detail;
  const general = body?.detail ?? body?.title;
  if (specific && general && specific !== general) return `${specific} (${general})`;
  return specific ?? general ?? `HTTP ${status ?? '?'}`;
}

/**
 * Turns one X failure (status, body, headers) into an AppError:
 * 401 → reconnect_required; 429 → rate_limited, retry_after_s from `x-rate-limit-reset` (else
 * Retry-After, else 900 s); 403 duplicate content, text too long or reply not allowed → invalid_input;
 * 403 unsupported authentication or missing scope → reconnect_required; 403 client-forbidden (app
 * access level) → platform_error; 400 → invalid_input; 404 or resource-not-found → not_found; 5xx →
 * platform_error (temporary). `details` carries http_status, x_type, rate_limit_remaining.
 */
export function xFailureToAppError(failure: PlatformFailure, context: XErrorContext): AppError {
  const body = parseXErrorBody(failure.body);
  const status = failure.status ?? body?.status;
  const type = body?.type ?? body?.errors?.[0]?.type;
  const text = scrubSecrets(describe(body, status), context.accessToken);
  const rate = readRateLimit(failure.headers);
  const details: Record<string, unknown> = {
    platform: 'x',
    operation: context.operation,
    ...(status !== undefined ? { http_status: status } : {}),
    ...(type ? { x_type: type } : {}),
    ...(rate.remaining !== undefined ? { rate_limit_remaining: rate.remaining } : {}),
    ...(rate.resetAt ? { rate_limit_reset_at: rate.resetAt } : {}),
  };
  const message = `X could not ${context.operation}: ${text}`;
  const lower = text.toLowerCase();

  if (status === 401) {
    return new AppError('reconnect_required', message, {
      hint: `X rejected the access token (expired or revoked). ${RECONNECT_HINT}`,
      details,
    });
  }
  if (status === 429) {
    return new AppError('rate_limited', message, {
      hint: 'X is rate-limiting this account or app for this endpoint; retry after retry_after_s.',
      retryAfterS: rate.retryAfterS ?? DEFAULT_X_RETRY_S,
      details,
    });
  }
  if (status === 403) {
    if (/duplicate content/.test(lower)) {
      return new AppError('invalid_input', message, {
        hint: 'X refuses a post identical to a recent one of this account; change the text.',
        details,
      });
    }
    if (/too long|shorter/.test(lower)) {
      return new AppError('invalid_input', message, {
        hint: 'Shorten the text to 280 weighted characters (URLs count 23, emoji and CJK 2).',
        details,
      });
    }
    if (/repl(y|ies)|conversation/.test(lower)) {
      return new AppError('invalid_input', message, {
        hint: 'X refused the reply: the post is deleted, not visible to this account, or its author limits replies.',
        details,
      });
    }
    if ((type ?? '').includes('client-forbidden')) {
      return new AppError('platform_error', message, {
        hint: "The X developer app lacks the access level this endpoint needs; check the app's project and plan in the developer portal.",
        details,
      });
    }
    return new AppError('reconnect_required', message, {
      hint: `The token may lack a scope this call needs. ${RECONNECT_HINT}`,
      details,
    });
  }
  if (status === 404 || (type ?? '').includes('resource-not-found')) {
    return new AppError('not_found', message, {
      hint: 'Check the id: the post does not exist, was deleted, or is not visible to this account.',
      details,
    });
  }
  if (status === 400 || status === 413 || status === 422) {
    return new AppError('invalid_input', message, { hint: 'Fix the named parameter and retry.', details });
  }
  const temporary = status === undefined || status >= 500;
  return new AppError('platform_error', message, {
    hint: temporary
      ? 'X reported a temporary failure; retry in a minute.'
      : 'X rejected the call; retry later.',
    details,
  });
}

/**
 * Normalises anything an X call threw into an AppError: AppErrors pass through, axios errors with a
 * response go through xFailureToAppError, timeouts and network failures become platform_error.
 * The axios error is never kept as `cause` (its config holds the Authorization header).
 */
export function toXAppError(error: unknown, context: XErrorContext): AppError {
  return toPlatformAppError(
    error,
    {
      who: 'X',
      operation: context.operation,
      accessToken: context.accessToken,
      unreachableHint: 'X could not be reached; retry in a minute.',
      networkDetails: { platform: 'x', operation: context.operation },
      unexpectedHint: 'Unexpected failure in the X client; retry, and report it if it persists.',
    },
    (failure) => xFailureToAppError(failure, context),
  );
}
