// Threads reads: profile, recent posts, post and profile insights, the publishing quota.
// @see https://developers.facebook.com/docs/threads/threads-profiles
// @see https://developers.facebook.com/docs/threads/threads-media
// @see https://developers.facebook.com/docs/threads/insights
import { AppError } from '@socialvault/common';
import { assertGraphId } from '../meta/graph-http';
import { toInsightsResult, type InsightsResult } from '../meta/insights';
import {
  getCursorPage,
  getInsightRows,
  getObjectInsights,
  getPublishingLimitRow,
  insightsRange,
  pageLimit,
  rangeAsIso,
} from '../meta/reading';
import { THREADS_INSIGHTS_EARLIEST_S, THREADS_RECENT_POSTS_MAX_LIMIT } from './limits';
import {
  assertThreadsMetrics,
  DEFAULT_THREADS_ACCOUNT_METRICS,
  DEFAULT_THREADS_POST_METRICS,
} from './metrics';
import type { ThreadsContext } from './publishing';
import {
  THREADS_POST_FIELDS,
  THREADS_PROFILE_FIELDS,
  type ThreadsAccountInsightsQuery,
  type ThreadsAccountInsightsResult,
  type ThreadsPost,
  type ThreadsPostPage,
  type ThreadsProfile,
  type ThreadsPublishingLimit,
} from './types';

/** `GET /{threads-user-id}?fields=id,username,name,threads_profile_picture_url,threads_biography`. */
export function getProfile(
  ctx: ThreadsContext,
  fields: readonly string[] = THREADS_PROFILE_FIELDS,
): Promise<ThreadsProfile> {
  return ctx.http.get<ThreadsProfile>(ctx.threadsUserId, { fields: fields.join(',') }, 'read the profile');
}

/** `GET /{threads-user-id}/threads?fields=…&limit=…&after=…`, newest first. */
export async function getRecentPosts(
  ctx: ThreadsContext,
  query: { limit?: number; after?: string } = {},
): Promise<ThreadsPostPage> {
  return getCursorPage<ThreadsPost>(
    ctx.http,
    `${ctx.threadsUserId}/threads`,
    {
      fields: THREADS_POST_FIELDS.join(','),
      limit: pageLimit(query.limit, THREADS_RECENT_POSTS_MAX_LIMIT),
      after: query.after,
    },
    'list recent posts',
  );
}

/** `GET /{threads-media-id}?fields=…`. */
export function getPost(ctx: ThreadsContext, postId: string): Promise<ThreadsPost> {
  assertGraphId(postId, 'post id');
  return ctx.http.get<ThreadsPost>(postId, { fields: THREADS_POST_FIELDS.join(',') }, 'read the post');
}

/** `GET /{threads-media-id}/insights?metric=…` (lifetime values; default all six metrics). */
export async function getPostInsights(
  ctx: ThreadsContext,
  postId: string,
  metrics: readonly string[] = DEFAULT_THREADS_POST_METRICS,
): Promise<InsightsResult> {
  assertGraphId(postId, 'post id');
  return getObjectInsights(ctx.http, postId, assertThreadsMetrics('post', metrics), 'read post insights');
}

/** The range to send: none (Threads' default) or the given since/until, not before 2024-04-13. */
function profileInsightsRange(
  query: ThreadsAccountInsightsQuery,
  nowS: number,
): { since?: number; until?: number } {
  if (query.since === undefined && query.until === undefined) return {};
  const range = insightsRange(query, nowS);
  if (range.since < THREADS_INSIGHTS_EARLIEST_S) {
    throw new AppError('invalid_input', 'since must not be before 2024-04-13 (1712991600)', {
      hint: 'Threads keeps no profile insights before April 13, 2024; move since to that day or later.',
      details: { field: 'since' },
    });
  }
  return range;
}

/**
 * `GET /{threads-user-id}/threads_insights?metric=…[&since&until]`. `views` comes back as a daily
 * series (summed into its total), the others as totals. Unknown metrics and ranges starting before
 * 2024-04-13 are refused with invalid_input before any call. Without since/until Threads reads
 * yesterday through today.
 */
export async function getAccountInsights(
  ctx: ThreadsContext,
  query: ThreadsAccountInsightsQuery = {},
): Promise<ThreadsAccountInsightsResult> {
  const names = assertThreadsMetrics('account', query.metrics ?? DEFAULT_THREADS_ACCOUNT_METRICS);
  const range = profileInsightsRange(query, Math.ceil(Date.now() / 1000));
  const rows = await getInsightRows(
    ctx.http,
    `${ctx.threadsUserId}/threads_insights`,
    { metric: names.join(','), since: range.since, until: range.until },
    'read profile insights',
  );
  return { ...toInsightsResult(rows), ...rangeAsIso(range) };
}

/** `GET /{threads-user-id}/threads_publishing_limit?fields=quota_usage,config,reply_quota_usage,reply_config`. */
export function getPublishingLimit(ctx: ThreadsContext): Promise<ThreadsPublishingLimit> {
  return getPublishingLimitRow(
    ctx.http,
    `${ctx.threadsUserId}/threads_publishing_limit`,
    'quota_usage,config,reply_quota_usage,reply_config',
  );
}
