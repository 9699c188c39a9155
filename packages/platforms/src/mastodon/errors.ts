// Maps Mastodon API failures (`{"error": "…"}`, rate-limit headers) to AppError values.
// @see https://docs.joinmastodon.org/entities/Error/
// @see https://docs.joinmastodon.org/api/rate-limits/
import { AppError } from '@socialvault/common';
import { scrubSecrets, toPlatformAppError, type PlatformFailure } from '../thrown-errors';
import { readRateLimit, type RateLimitHeaderNames } from '../rate-limit';

/** Mastodon's names (`X-RateLimit-*`, the reset an ISO-8601 timestamp). */
export const MASTODON_RATE_LIMIT_HEADERS: RateLimitHeaderNames = {
  limit: 'x-ratelimit-limit',
  remaining: 'x-ratelimit-remaining',
  reset: 'x-ratelimit-reset',
};

/** Used for a 429 without X-RateLimit-Reset: Mastodon's windows are 5 minutes. */
export const DEFAULT_MASTODON_RETRY_S = 300;

export interface MastodonErrorContext {
  /** e.g. `create the status`. */
  operation: string;
  /** The instance host, for messages (`mastodon.social`). */
  instance: string;
  /** The access token in use: scrubbed from every message, never copied into an error. */
  accessToken?: string;
}

const RECONNECT_HINT =
  'Reconnect the Mastodon account through the OAuth broker (scopes read write, or write:statuses write:media read:accounts read:statuses); the vault stores the new token.';

/** The `error` text of a Mastodon error body (with `error_description` when present), or undefined. */
export function parseMastodonError(data: unknown): string | undefined {
  if (typeof data === 'string') {
    try {
      return parseMastodonError(JSON.parse(data));
    } catch {
      return undefined;
    }
  }
  if (!data || typeof data !== 'object') return undefined;
  const body = data as Record<string, unknown>;
  if (typeof body.error !== 'string') return undefined;
  return typeof body.error_description === 'string' ? `${body.error}: ${body.error_description}` : body.error;
}

/**
 * One Mastodon failure → AppError: 401 → reconnect_required; 403 (scope) → reconnect_required;
 * 404 → not_found; 422 → invalid_input, except media still processing → platform_error; 429 →
 * rate_limited with retryAfterS from X-RateLimit-Reset (else 300 s); 5xx and others → platform_error.
 */
export function mastodonFailureToAppError(failure: PlatformFailure, context: MastodonErrorContext): AppError {
  const status = failure.status;
  const text = scrubSecrets(parseMastodonError(failure.body) ?? `HTTP ${status ?? '?'}`, context.accessToken);
  const message = `Mastodon (${context.instance}) could not ${context.operation}: ${text}`;
  const details = {
    platform: 'mastodon',
    instance: context.instance,
    operation: context.operation,
    ...(status !== undefined ? { http_status: status } : {}),
  };
  if (status === 401) return new AppError('reconnect_required', message, { hint: RECONNECT_HINT, details });
  if (status === 403) {
    return new AppError('reconnect_required', message, {
      hint: `The token lacks a scope this call needs. ${RECONNECT_HINT}`,
      details,
    });
  }
  if (status === 404) {
    return new AppError('not_found', message, {
      hint: 'Check the id: it does not exist on this instance.',
      details,
    });
  }
  if (status === 429) {
    const rateLimit = readRateLimit(failure.headers, MASTODON_RATE_LIMIT_HEADERS);
    return new AppError('rate_limited', message, {
      hint: 'The instance rate-limits this account (300 requests per 5 minutes, 30 uploads per 30 minutes by default); retry after the indicated time.',
      retryAfterS: rateLimit.retryAfterS ?? DEFAULT_MASTODON_RETRY_S,
      details: { ...details, ...(rateLimit.resetAt ? { reset_at: rateLimit.resetAt } : {}) },
    });
  }
  if (status === 422 && /not finished processing/i.test(text)) {
    return new AppError('platform_error', message, {
      hint: 'The instance is still processing the media; retry in a moment.',
      details,
    });
  }
  if (status === 422 || status === 400) {
    return new AppError('invalid_input', message, {
      hint: 'The instance rejected a value of this request; fix it as the message says and retry.',
      details,
    });
  }
  return new AppError('platform_error', message, {
    hint:
      status === undefined || status >= 500
        ? 'The instance reported a temporary failure; retry in a minute.'
        : 'The instance rejected the call; retry later, and report it if it persists.',
    details,
  });
}

/** Anything a Mastodon call threw → AppError (the axios error, holding the Authorization header, is dropped). */
export function toMastodonAppError(error: unknown, context: MastodonErrorContext): AppError {
  return toPlatformAppError(
    error,
    {
      who: `Mastodon (${context.instance})`,
      operation: context.operation,
      accessToken: context.accessToken,
      unreachableHint: 'The instance could not be reached; check its URL and retry in a minute.',
      networkDetails: { platform: 'mastodon', instance: context.instance },
      unexpectedHint: 'Unexpected failure in the Mastodon client; retry, and report it if it persists.',
    },
    (failure) => mastodonFailureToAppError(failure, context),
  );
}
