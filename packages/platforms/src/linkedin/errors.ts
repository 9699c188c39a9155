// Maps LinkedIn API failures (`{status, serviceErrorCode, code, message}`) to AppError values.
// @see https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/error-handling
// @see https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/rate-limits
import { AppError } from '@socialvault/common';
import { scrubSecrets, toPlatformAppError, type PlatformFailure } from '../thrown-errors';
import { headerValue, parseRetryAfter } from '../rate-limit';

/** LinkedIn's error body. */
export interface LinkedInErrorBody {
  status?: number;
  serviceErrorCode?: number;
  code?: string;
  message?: string;
}

/** What the client was doing, for messages and hints. */
export interface LinkedInErrorContext {
  /** e.g. `create the post`. */
  operation: string;
  /** The access token in use: scrubbed from every message, never copied into an error. */
  accessToken?: string;
  /** The permission the call needs, named in a 403's hint (e.g. `w_member_social`). */
  permission?: string;
  /** True when LinkedIn grants `permission` only to approved partners (reconnecting cannot help). */
  restrictedPermission?: boolean;
}

/** Used for a 429 that does not say when the limit resets and is no daily limit. */
export const DEFAULT_LINKEDIN_RETRY_S = 60;

const RECONNECT_HINT =
  'Reconnect the LinkedIn account through the OAuth broker (scopes openid profile w_member_social); the vault stores the new token.';

/** Returns the parsed error body, or undefined when `data` is not one. */
export function parseLinkedInErrorBody(data: unknown): LinkedInErrorBody | undefined {
  if (typeof data === 'string') {
    try {
      return parseLinkedInErrorBody(JSON.parse(data));
    } catch {
      return undefined;
    }
  }
  if (!data || typeof data !== 'object') return undefined;
  const body = data as Record<string, unknown>;
  if (typeof body.message !== 'string') return undefined;
  return {
    message: body.message,
    ...(typeof body.status === 'number' ? { status: body.status } : {}),
    ...(typeof body.serviceErrorCode === 'number' ? { serviceErrorCode: body.serviceErrorCode } : {}),
    ...(typeof body.code === 'string' ? { code: body.code } : {}),
  };
}

/** Seconds until the next midnight UTC, when LinkedIn's daily application and member limits reset. */
export function secondsUntilUtcMidnight(nowMs = Date.now()): number {
  const now = new Date(nowMs);
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return Math.max(1, Math.ceil((midnight - nowMs) / 1000));
}

/**
 * One LinkedIn failure → AppError: 401 → reconnect_required; 403 → reconnect_required (missing
 * permission) or, for a partner-only permission, platform_error; 400 VERSION_MISSING and 426
 * NONEXISTENT_VERSION → platform_error naming LINKEDIN_VERSION; 429 → rate_limited (Retry-After, else the
 * next midnight UTC for a DAY limit, else 60 s); 404 → not_found; other 400/422 → invalid_input;
 * the rest → platform_error. `details` carries http_status, service_error_code and linkedin_code.
 */
export function linkedinFailureToAppError(failure: PlatformFailure, context: LinkedInErrorContext): AppError {
  const body = parseLinkedInErrorBody(failure.body);
  const status = failure.status ?? body?.status;
  const text = scrubSecrets(body?.message?.trim() || `HTTP ${status ?? '?'}`, context.accessToken);
  const what = body?.code ? `${text} (${body.code})` : text;
  const message = `LinkedIn could not ${context.operation}: ${what}`;
  const details: Record<string, unknown> = {
    platform: 'linkedin',
    operation: context.operation,
    ...(status !== undefined ? { http_status: status } : {}),
    ...(body?.serviceErrorCode !== undefined ? { service_error_code: body.serviceErrorCode } : {}),
    ...(body?.code ? { linkedin_code: body.code } : {}),
  };

  if (status === 401) return new AppError('reconnect_required', message, { hint: RECONNECT_HINT, details });
  if (status === 426 || body?.code === 'VERSION_MISSING' || body?.code === 'NONEXISTENT_VERSION') {
    return new AppError('platform_error', message, {
      hint: 'LinkedIn no longer serves the configured API version: set LINKEDIN_VERSION to a live YYYYMM (see https://learn.microsoft.com/en-us/linkedin/marketing/versioning) and restart the server.',
      details,
    });
  }
  if (status === 403) {
    const permission = context.permission ? ` (${context.permission})` : '';
    if (context.restrictedPermission) {
      return new AppError('platform_error', message, {
        hint: `LinkedIn grants this permission${permission} only to approved partner apps, so a member token cannot read it; nothing to retry.`,
        details,
      });
    }
    return new AppError('reconnect_required', message, {
      hint: `The token lacks a permission this call needs${permission}. ${RECONNECT_HINT}`,
      details,
    });
  }
  if (status === 429) {
    const retryAfter = parseRetryAfter(headerValue(failure.headers, 'retry-after'));
    const daily = /\bDAY\b/i.test(body?.message ?? '');
    return new AppError('rate_limited', message, {
      hint: daily
        ? 'LinkedIn daily limits reset at midnight UTC; retry after the indicated time.'
        : 'LinkedIn is throttling this app or member; retry after the indicated time.',
      retryAfterS: retryAfter ?? (daily ? secondsUntilUtcMidnight() : DEFAULT_LINKEDIN_RETRY_S),
      details,
    });
  }
  if (status === 404) {
    return new AppError('not_found', message, {
      hint: 'Check the id: it does not exist or this member cannot see it.',
      details,
    });
  }
  if (status === 400 || status === 422) {
    return new AppError('invalid_input', message, {
      hint: 'LinkedIn rejected a value of this request; fix it as the message says and retry.',
      details,
    });
  }
  const transient = status === undefined || status >= 500;
  return new AppError('platform_error', message, {
    hint: transient
      ? 'LinkedIn reported a temporary failure; retry in a minute.'
      : 'LinkedIn rejected the call; retry later, and report it if it persists.',
    details,
  });
}

/**
 * Anything a LinkedIn call threw → AppError: AppErrors pass through, HTTP answers go through
 * linkedinFailureToAppError, timeouts and network failures become platform_error. The axios error is
 * never kept as `cause` (its config holds the Authorization header).
 */
export function toLinkedInAppError(error: unknown, context: LinkedInErrorContext): AppError {
  return toPlatformAppError(
    error,
    {
      who: 'LinkedIn',
      operation: context.operation,
      accessToken: context.accessToken,
      unreachableHint: 'LinkedIn could not be reached; retry in a minute.',
      networkDetails: { platform: 'linkedin', operation: context.operation },
      unexpectedHint: 'Unexpected failure in the LinkedIn client; retry, and report it if it persists.',
    },
    (failure) => linkedinFailureToAppError(failure, context),
  );
}
