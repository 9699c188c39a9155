// Threads insight metrics: what the API serves for posts and profiles, the defaults, and the check.
// @see https://developers.facebook.com/docs/threads/insights
import { AppError } from '@socialvault/common';

/** `GET /{threads-media-id}/insights` metrics (lifetime values). */
export const THREADS_POST_METRICS = ['views', 'likes', 'replies', 'reposts', 'quotes', 'shares'] as const;
/**
 * `GET /{threads-user-id}/threads_insights` metrics served here. `views` is a daily series of profile
 * views; the others are totals over the range; `followers_count` is the current total.
 * `follower_demographics` exists but needs a breakdown and ignores since/until, so it is not offered.
 */
export const THREADS_ACCOUNT_METRICS = [
  'views',
  'likes',
  'replies',
  'reposts',
  'quotes',
  'clicks',
  'followers_count',
] as const;
export const DEFAULT_THREADS_POST_METRICS: readonly string[] = THREADS_POST_METRICS;
export const DEFAULT_THREADS_ACCOUNT_METRICS: readonly string[] = [
  'views',
  'likes',
  'replies',
  'reposts',
  'quotes',
  'followers_count',
];

export type ThreadsInsightsKind = 'post' | 'account';

/** The metrics Threads serves for `kind`. */
export function threadsMetrics(kind: ThreadsInsightsKind): readonly string[] {
  return kind === 'post' ? THREADS_POST_METRICS : THREADS_ACCOUNT_METRICS;
}

/**
 * Normalises requested names (trimmed, lower-case, de-duplicated) and checks them before any call.
 * @throws AppError invalid_input naming unknown metrics and listing the served ones.
 */
export function assertThreadsMetrics(kind: ThreadsInsightsKind, requested: readonly string[]): string[] {
  const served = threadsMetrics(kind);
  const names = [...new Set(requested.map((name) => name.trim().toLowerCase()).filter(Boolean))];
  const list = `Threads ${kind} metrics: ${served.join(', ')}.`;
  if (names.length === 0) {
    throw new AppError('invalid_input', `No Threads ${kind} metrics were named`, {
      hint: `Omit metrics for the defaults, or name one or more. ${list}`,
      details: { field: 'metrics' },
    });
  }
  const unknown = names.filter((name) => !served.includes(name));
  if (unknown.length > 0) {
    const impressions = unknown.includes('impressions') ? ' Threads calls impressions "views".' : '';
    throw new AppError(
      'invalid_input',
      `Unknown Threads ${kind} metric${unknown.length > 1 ? 's' : ''}: ${unknown.map((n) => JSON.stringify(n.slice(0, 64))).join(', ')}`,
      { hint: `${list}${impressions}`, details: { field: 'metrics' } },
    );
  }
  return names;
}
