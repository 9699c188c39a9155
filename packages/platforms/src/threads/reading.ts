// Threads reads: profile, recent posts, post and profile insights, the publishing quota.
// @see https://developers.facebook.com/docs/threads/threads-profiles
// @see https://developers.facebook.com/docs/threads/threads-media
// @see https://developers.facebook.com/docs/threads/insights
import { AppError } from '@socialvault/common';
import { assertGraphId } from '../meta/graph-http';
import { toInsightsResult, toUnixSeconds, type GraphInsight, type InsightsResult } from '../meta/insights';
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
  const limit = query.limit ?? 10;
  if (!Number.isInteger(limit) || limit < 1 || limit > THREADS_RECENT_POSTS_MAX_LIMIT) {
    throw new AppError(
      'invalid_input',
      `limit must be an integer from 1 to ${THREADS_RECENT_POSTS_MAX_LIMIT}, got ${limit}`,
      { hint: 'Pass a smaller limit and page with the returned cursor.', details: { field: 'limit' } },
    );
  }
  const body = await ctx.http.get<{
    data?: ThreadsPost[];
    paging?: { cursors?: { before?: string; after?: string }; next?: string };
  }>(
    `${ctx.threadsUserId}/threads`,
    { fields: THREADS_POST_FIELDS.join(','), limit, after: query.after },
    'list recent posts',
  );
  // The `next` URL is dropped: only the cursor is needed, and URLs can carry credentials.
  const cursors = body.paging?.cursors ?? {};
  return {
    data: body.data ?? [],
    paging: {
      ...(cursors.before ? { before: cursors.before } : {}),
      ...(body.paging?.next && cursors.after ? { after: cursors.after } : {}),
    },
  };
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
  const names = assertThreadsMetrics('post', metrics);
  const body = await ctx.http.get<{ data?: GraphInsight[] }>(
    `${postId}/insights`,
    { metric: names.join(',') },
    'read post insights',
  );
  return toInsightsResult(body.data ?? []);
}

function insightsRange(query: ThreadsAccountInsightsQuery, nowS: number): { since?: number; until?: number } {
  if (query.since === undefined && query.until === undefined) return {};
  const until = query.until !== undefined ? toUnixSeconds(query.until, 'until') : nowS;
  const since = query.since !== undefined ? toUnixSeconds(query.since, 'since') : until - 86_400;
  if (since < THREADS_INSIGHTS_EARLIEST_S) {
    throw new AppError('invalid_input', 'since must not be before 2024-04-13 (1712991600)', {
      hint: 'Threads keeps no profile insights before April 13, 2024; move since to that day or later.',
      details: { field: 'since' },
    });
  }
  if (since >= until) {
    throw new AppError('invalid_input', 'since must be before until', {
      hint: 'Swap or fix the range.',
      details: { field: 'since' },
    });
  }
  return { since, until };
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
  const range = insightsRange(query, Math.ceil(Date.now() / 1000));
  const body = await ctx.http.get<{ data?: GraphInsight[] }>(
    `${ctx.threadsUserId}/threads_insights`,
    { metric: names.join(','), since: range.since, until: range.until },
    'read profile insights',
  );
  const iso = (s: number) => new Date(s * 1000).toISOString();
  return {
    ...toInsightsResult(body.data ?? []),
    ...(range.since !== undefined && range.until !== undefined
      ? { since: iso(range.since), until: iso(range.until) }
      : {}),
  };
}

/** `GET /{threads-user-id}/threads_publishing_limit?fields=quota_usage,config,reply_quota_usage,reply_config`. */
export async function getPublishingLimit(ctx: ThreadsContext): Promise<ThreadsPublishingLimit> {
  const body = await ctx.http.get<{ data?: ThreadsPublishingLimit[] }>(
    `${ctx.threadsUserId}/threads_publishing_limit`,
    { fields: 'quota_usage,config,reply_quota_usage,reply_config' },
    'read the publishing limit',
  );
  const first = body.data?.[0];
  if (!first) {
    throw new AppError('platform_error', 'Threads returned no publishing limit', { hint: 'Retry later.' });
  }
  return first;
}
