// Maps Meta Graph API failures (Instagram and Threads share the shape) to AppError values.
import { AppError } from '@socialvault/common';
import { scrubSecrets, toPlatformAppError, type PlatformFailure } from '../thrown-errors';

/**
 * The body Graph sends on failure: `{"error": GraphErrorBody}`.
 * @see https://developers.facebook.com/docs/graph-api/guides/error-handling
 */
export interface GraphErrorBody {
  message: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  error_user_title?: string;
  error_user_msg?: string;
  is_transient?: boolean;
  fbtrace_id?: string;
}

/** Which Meta product answered, for messages and hints ("Instagram", "Threads"). */
export interface GraphErrorContext {
  platform: string;
  /** What the client was doing, e.g. `create media container`. */
  operation: string;
  /** The access token in use: scrubbed from every message, never copied into an error. */
  accessToken?: string;
}

/** Rate-limit codes: 4 app, 17 user, 32 page, 613 custom, 80002 Instagram business use case. */
export const GRAPH_RATE_LIMIT_CODES: readonly number[] = [4, 17, 32, 613, 80002];
/** Token codes: 190 invalid/expired token, 102 API session, 104 no token was sent. */
export const GRAPH_TOKEN_CODES: readonly number[] = [190, 102, 104];
/** Used when a rate-limit answer carries no usable wait time. */
export const DEFAULT_RATE_LIMIT_RETRY_S = 60;
/** Used when the content publishing quota (code 9, subcode 2207042) is exhausted: it is a rolling 24 h window. */
export const DEFAULT_PUBLISHING_LIMIT_RETRY_S = 3600;

/**
 * What each Meta product allows per rolling 24 h through its publishing API, for the quota hint.
 * @see https://developers.facebook.com/docs/instagram-platform/content-publishing
 * @see https://developers.facebook.com/docs/threads/overview#rate-limiting
 */
export const PUBLISHING_QUOTA_HINTS: Record<string, string> = {
  Instagram:
    'Instagram allows 50 API-published posts per account in a rolling 24 h window (carousels count once).',
  Threads:
    'Threads allows 250 API-published posts and 1,000 replies per profile in a rolling 24 h window (carousels count once).',
};

const RECONNECT_HINT =
  'Reconnect the account through the OAuth broker; the vault will receive and store the new token.';

/** Returns the `error` object of a Graph failure body, or undefined when `data` is not one. */
export function parseGraphErrorBody(data: unknown): GraphErrorBody | undefined {
  if (typeof data === 'string') {
    try {
      return parseGraphErrorBody(JSON.parse(data));
    } catch {
      return undefined;
    }
  }
  if (!data || typeof data !== 'object') return undefined;
  const error = (data as { error?: unknown }).error;
  if (!error || typeof error !== 'object') return undefined;
  const body = error as Record<string, unknown>;
  if (typeof body.message !== 'string') return undefined;
  return {
    message: body.message,
    type: typeof body.type === 'string' ? body.type : undefined,
    code: typeof body.code === 'number' ? body.code : undefined,
    error_subcode: typeof body.error_subcode === 'number' ? body.error_subcode : undefined,
    error_user_title: typeof body.error_user_title === 'string' ? body.error_user_title : undefined,
    error_user_msg: typeof body.error_user_msg === 'string' ? body.error_user_msg : undefined,
    is_transient: typeof body.is_transient === 'boolean' ? body.is_transient : undefined,
    fbtrace_id: typeof body.fbtrace_id === 'string' ? body.fbtrace_id : undefined,
  };
}

function headerValue(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const found = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  const value = found?.[1];
  return typeof value === 'string' ? value : Array.isArray(value) ? String(value[0]) : undefined;
}

/**
 * Seconds until access returns, from `X-Business-Use-Case-Usage` (the largest
 * `estimated_time_to_regain_access`, in minutes), then `X-App-Usage`, then `Retry-After` (seconds).
 * Undefined when none of them says.
 * @see https://developers.facebook.com/docs/graph-api/overview/rate-limiting/
 */
export function retryAfterFromHeaders(headers: Record<string, unknown> | undefined): number | undefined {
  let minutes = 0;
  for (const name of ['x-business-use-case-usage', 'x-app-usage']) {
    const raw = headerValue(headers, name);
    if (!raw) continue;
    try {
      const parsed = JSON.parse(raw) as unknown;
      // BUC: {"<business-id>": [{type, call_count, …, estimated_time_to_regain_access}]}; app usage is flat.
      const entries = Object.values(parsed as Record<string, unknown>).flatMap((value) =>
        Array.isArray(value) ? value : [],
      );
      for (const entry of [parsed, ...entries]) {
        const wait = (entry as { estimated_time_to_regain_access?: unknown }).estimated_time_to_regain_access;
        if (typeof wait === 'number' && wait > minutes) minutes = wait;
      }
    } catch {
      // A malformed usage header only loses the hint, never the error.
    }
  }
  if (minutes > 0) return Math.ceil(minutes * 60);
  const retryAfter = Number(headerValue(headers, 'retry-after'));
  return Number.isFinite(retryAfter) && retryAfter > 0 ? Math.ceil(retryAfter) : undefined;
}

/**
 * Turns one Graph failure (HTTP status, body, headers) into an AppError:
 * 190/102/104 → reconnect_required; 10 and 200–299 (missing permission) → reconnect_required;
 * 4/17/32/613/80002 and HTTP 429 → rate_limited with retryAfterS; 9 + 2207042 (publishing quota) →
 * rate_limited; 100 + subcode 33, 803 and HTTP 404 → not_found; 100 and 9004 → invalid_input;
 * anything else → platform_error. `details` carries graph_code, graph_subcode, fbtrace_id, http_status.
 * @see https://developers.facebook.com/docs/graph-api/guides/error-handling
 * @see https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/error-codes
 */
export function graphFailureToAppError(failure: PlatformFailure, context: GraphErrorContext): AppError {
  const graph = parseGraphErrorBody(failure.body);
  const code = graph?.code;
  const subcode = graph?.error_subcode;
  const status = failure.status;
  // Graph's developer message first; the end-user message adds the specifics (e.g. which URL failed).
  const userMessage =
    graph?.error_user_msg && graph.error_user_msg !== graph.message ? ` — ${graph.error_user_msg}` : '';
  const graphMessage = scrubSecrets(
    `${graph?.message ?? `HTTP ${status ?? '?'}`}${userMessage}`,
    context.accessToken,
  );
  const details: Record<string, unknown> = {
    platform: context.platform.toLowerCase(),
    operation: context.operation,
    ...(status !== undefined ? { http_status: status } : {}),
    ...(code !== undefined ? { graph_code: code } : {}),
    ...(subcode !== undefined ? { graph_subcode: subcode } : {}),
    ...(graph?.type ? { graph_type: graph.type } : {}),
    ...(graph?.fbtrace_id ? { fbtrace_id: graph.fbtrace_id } : {}),
  };
  const message = (text: string) => `${context.platform} could not ${context.operation}: ${text}`;

  if (code !== undefined && GRAPH_TOKEN_CODES.includes(code)) {
    const why =
      subcode === 463
        ? 'the access token has expired'
        : subcode === 460
          ? 'the password was changed'
          : undefined;
    return new AppError('reconnect_required', message(why ? `${why} (${graphMessage})` : graphMessage), {
      hint: RECONNECT_HINT,
      details,
    });
  }
  if (code === 10 || (code !== undefined && code >= 200 && code <= 299)) {
    return new AppError('reconnect_required', message(graphMessage), {
      hint: `The token lacks a permission this call needs. ${RECONNECT_HINT} Grant every requested permission.`,
      details,
    });
  }
  if (code === 9 && subcode === 2207042) {
    return new AppError('rate_limited', message(graphMessage), {
      hint:
        'The account reached its API publishing quota for the rolling 24 h window; retry once older posts ' +
        `leave the window. ${PUBLISHING_QUOTA_HINTS[context.platform] ?? ''}`.trim(),
      retryAfterS: retryAfterFromHeaders(failure.headers) ?? DEFAULT_PUBLISHING_LIMIT_RETRY_S,
      details,
    });
  }
  if ((code !== undefined && GRAPH_RATE_LIMIT_CODES.includes(code)) || status === 429) {
    return new AppError('rate_limited', message(graphMessage), {
      hint: `${context.platform} is throttling this app or account; retry after the indicated time.`,
      retryAfterS: retryAfterFromHeaders(failure.headers) ?? DEFAULT_RATE_LIMIT_RETRY_S,
      details,
    });
  }
  if ((code === 100 && subcode === 33) || code === 803 || status === 404) {
    return new AppError('not_found', message(graphMessage), {
      hint: 'Check the id: it does not exist or this account cannot see it.',
      details,
    });
  }
  if (code === 9004) {
    return new AppError('invalid_input', message(`the media URL could not be fetched (${graphMessage})`), {
      hint: 'Use a public https URL that answers 200 with the media itself (JPEG for images, MP4/MOV for video).',
      details,
    });
  }
  if (code === 100) {
    return new AppError('invalid_input', message(graphMessage), {
      hint: 'Fix the named parameter and retry.',
      details,
    });
  }
  if (code === 9007) {
    return new AppError('platform_error', message(graphMessage), {
      hint: 'The media container is not ready yet; wait for status FINISHED and publish again.',
      details,
    });
  }
  const transient = graph?.is_transient === true || code === 1 || code === 2 || (status ?? 0) >= 500;
  return new AppError('platform_error', message(graphMessage), {
    hint: transient
      ? `${context.platform} reported a temporary failure; retry in a minute.`
      : `${context.platform} rejected the call; report fbtrace_id ${graph?.fbtrace_id ?? '(none)'} if it persists.`,
    details,
  });
}

/**
 * Normalises anything a Graph call threw into an AppError: AppErrors pass through, axios errors with a
 * response go through graphFailureToAppError, timeouts and network failures become platform_error.
 * The axios error is never kept as `cause` (its config holds the Authorization header).
 */
export function toGraphAppError(error: unknown, context: GraphErrorContext): AppError {
  return toPlatformAppError(
    error,
    {
      who: context.platform,
      operation: context.operation,
      accessToken: context.accessToken,
      unreachableHint: `${context.platform} could not be reached; retry in a minute.`,
      networkDetails: { platform: context.platform.toLowerCase(), operation: context.operation },
      unexpectedHint: 'Unexpected failure in the platform client; retry, and report it if it persists.',
    },
    (failure) => graphFailureToAppError(failure, context),
  );
}
