// What every platform client does with a thrown error: the one place that turns axios errors, timeouts and
// surprises into AppErrors, so no client keeps an axios error (its config holds the Authorization header).
import { isAxiosError } from 'axios';
import { AppError, isAppError, redactText } from '@socialvault/common';

/** One HTTP failure of a platform API, as each platform's mapper reads it. */
export interface PlatformFailure {
  status?: number;
  body?: unknown;
  headers?: Record<string, unknown>;
}

/** How a platform names itself in the errors of `toPlatformAppError`. */
export interface ThrownErrorLabels {
  /** Who could not do it, as messages say: `LinkedIn`, `Mastodon (mastodon.social)`. */
  who: string;
  /** What was being done, e.g. `publish the post`. */
  operation: string;
  /** The access token of the call, scrubbed from any message. */
  accessToken?: string;
  /** Hint when the platform could not be reached (timeout, DNS, refused connection). */
  unreachableHint: string;
  /** Details of a network failure (`network_code` is added). */
  networkDetails: Record<string, unknown>;
  /** Hint for anything else the client threw. */
  unexpectedHint: string;
}

/** `text` without `accessToken` and without any registered secret or inline credential. */
export function scrubSecrets(text: string, accessToken: string | undefined): string {
  return redactText(accessToken ? text.split(accessToken).join('[REDACTED]') : text);
}

/**
 * Anything a platform call threw → AppError: AppErrors pass through; axios errors with a response go
 * through `mapFailure` (the platform's own error table); timeouts and network failures become
 * `platform_error` with `unreachableHint`; anything else `platform_error` with its message scrubbed.
 */
export function toPlatformAppError(
  error: unknown,
  labels: ThrownErrorLabels,
  mapFailure: (failure: PlatformFailure) => AppError,
): AppError {
  if (isAppError(error)) return error;
  if (isAxiosError(error)) {
    if (error.response) {
      return mapFailure({
        status: error.response.status,
        body: error.response.data,
        headers: error.response.headers as Record<string, unknown>,
      });
    }
    const timedOut = error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT';
    const reason = timedOut ? 'the request timed out' : `network error (${error.code ?? 'unknown'})`;
    return new AppError('platform_error', `${labels.who} could not ${labels.operation}: ${reason}`, {
      hint: labels.unreachableHint,
      details: { ...labels.networkDetails, network_code: error.code },
    });
  }
  const text = error instanceof Error ? error.message : String(error);
  return new AppError(
    'platform_error',
    `${labels.who} could not ${labels.operation}: ${scrubSecrets(text, labels.accessToken)}`,
    { hint: labels.unexpectedHint },
  );
}
