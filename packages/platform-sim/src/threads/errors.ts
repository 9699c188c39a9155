// Threads-specific Graph-shaped failures; the generic ones (tokens, ids, parameters) are graph/errors.ts.
// @see https://developers.facebook.com/docs/threads/troubleshooting
import { publishQuotaReached } from '../graph/container-book';
import { GraphError } from '../graph/errors';

/** Throttling messages per Graph code (the same as the Graph host's). */
const THROTTLE_MESSAGES: Record<number, string> = {
  4: '(#4) Application request limit reached',
  17: '(#17) User request limit reached',
  32: '(#32) Page request limit reached',
  613: '(#613) Calls to this api have exceeded the rate limit.',
};

/**
 * A throttled call: HTTP 429, a Graph rate-limit code, and `X-App-Usage` at 100 % (Threads counts calls
 * per app and user over 24 h; the header carries call_count, total_cputime, total_time percentages).
 * Meta does not document the HTTP status of a throttled Threads call; clients map the body's code.
 * @see https://developers.facebook.com/docs/threads/overview#rate-limiting
 * @see https://developers.facebook.com/docs/graph-api/overview/rate-limiting/
 */
export function threadsThrottled(code: number, regainAccessMinutes: number): GraphError {
  return new GraphError(
    429,
    {
      message: THROTTLE_MESSAGES[code] ?? THROTTLE_MESSAGES[4]!,
      type: 'OAuthException',
      code,
      is_transient: true,
    },
    {
      'X-App-Usage': JSON.stringify({ call_count: 100, total_cputime: 37, total_time: 44 }),
      // Not sent by Graph for platform limits; the simulator adds it so clients can be tested on it.
      ...(regainAccessMinutes > 0 ? { 'Retry-After': String(regainAccessMinutes * 60) } : {}),
    },
  );
}

/**
 * The 250-posts (or 1,000-replies) per 24 h quota is used up. Code and subcode follow Instagram's
 * content publishing limit (9 / 2207042); the Threads wording is not documented.
 */
export function threadsQuotaReached(kind: 'posts' | 'replies', total: number): GraphError {
  return publishQuotaReached(
    `This profile reached the maximum number of ${kind} (${total} per 24 hours) that can be published through the Threads API.`,
  );
}

/** Text over 500 (wording not verified against Threads). */
export const textTooLong = (length: number) =>
  new GraphError(400, {
    message: `(#100) Param text must be at most 500 characters long (got ${length}).`,
    type: 'OAuthException',
    code: 100,
    error_user_title: 'Post text too long',
    error_user_msg: 'Threads posts are limited to 500 characters; emojis count as their UTF-8 bytes.',
  });
