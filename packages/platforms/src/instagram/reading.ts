// Instagram reads: account profile, recent media, insights and the publishing quota.
import { AppError } from '@socialvault/common';
import { assertGraphId } from '../meta/graph-http';
import {
  insightTotal,
  toInsightsResult,
  toUnixSeconds,
  type GraphInsight,
  type InsightsResult,
} from '../meta/insights';
import { INSTAGRAM_RECENT_MEDIA_MAX_LIMIT } from './limits';
import {
  assertInstagramMetrics,
  DEFAULT_INSTAGRAM_ACCOUNT_METRICS,
  DEFAULT_INSTAGRAM_MEDIA_METRICS,
  INSTAGRAM_TIME_SERIES_ACCOUNT_METRICS,
} from './metrics';
import type { InstagramContext } from './publishing';
import {
  INSTAGRAM_ACCOUNT_FIELDS,
  INSTAGRAM_MEDIA_FIELDS,
  type AccountInsightsQuery,
  type AccountInsightsResult,
  type InstagramAccount,
  type InstagramMedia,
  type InstagramMediaPage,
  type InstagramPublishingLimit,
} from './types';

/** Graph refuses insight ranges longer than 30 days. */
const MAX_INSIGHTS_RANGE_S = 30 * 86_400;
const WINDOW_S = { day: 0, week: 7 * 86_400, days_28: 28 * 86_400 } as const;

/** `GET /{ig-user-id}?fields=…`; unknown fields come back from Graph as invalid_input. */
export async function getAccount(
  ctx: InstagramContext,
  fields: readonly string[] = INSTAGRAM_ACCOUNT_FIELDS,
): Promise<InstagramAccount> {
  return ctx.http.get<InstagramAccount>(ctx.igUserId, { fields: fields.join(',') }, 'read the account');
}

/** `GET /{ig-media-id}?fields=…`. */
export async function getMedia(
  ctx: InstagramContext,
  mediaId: string,
  fields: readonly string[] = INSTAGRAM_MEDIA_FIELDS,
): Promise<InstagramMedia> {
  assertGraphId(mediaId, 'media id');
  return ctx.http.get<InstagramMedia>(mediaId, { fields: fields.join(',') }, 'read media');
}

/** `GET /{ig-user-id}/media?fields=…&limit=…&after=…`, newest first. */
export async function getRecentMedia(
  ctx: InstagramContext,
  query: { limit?: number; after?: string; fields?: readonly string[] } = {},
): Promise<InstagramMediaPage> {
  const limit = query.limit ?? 10;
  if (!Number.isInteger(limit) || limit < 1 || limit > INSTAGRAM_RECENT_MEDIA_MAX_LIMIT) {
    throw new AppError(
      'invalid_input',
      `limit must be an integer from 1 to ${INSTAGRAM_RECENT_MEDIA_MAX_LIMIT}, got ${limit}`,
      {
        hint: `Pass a limit between 1 and ${INSTAGRAM_RECENT_MEDIA_MAX_LIMIT}; page with the returned after cursor.`,
        details: { field: 'limit' },
      },
    );
  }
  const body = await ctx.http.get<{
    data: InstagramMedia[];
    paging?: { cursors?: { before?: string; after?: string }; next?: string };
  }>(
    `${ctx.igUserId}/media`,
    { fields: (query.fields ?? INSTAGRAM_MEDIA_FIELDS).join(','), limit, after: query.after },
    'list recent media',
  );
  // Graph's `next` URL is dropped: only the cursor is needed, and URLs can carry credentials.
  const cursors = body.paging?.cursors ?? {};
  return {
    data: body.data ?? [],
    paging: {
      ...(cursors.before ? { before: cursors.before } : {}),
      ...(body.paging?.next && cursors.after ? { after: cursors.after } : {}),
    },
  };
}

export { insightTotal };

/**
 * `GET /{ig-media-id}/insights?metric=…`. Deprecated or unknown metrics are refused with
 * invalid_input before any call.
 * @see https://developers.facebook.com/docs/instagram-platform/reference/instagram-media/insights
 */
export async function getMediaInsights(
  ctx: InstagramContext,
  mediaId: string,
  metrics: readonly string[] = DEFAULT_INSTAGRAM_MEDIA_METRICS,
): Promise<InsightsResult> {
  assertGraphId(mediaId, 'media id');
  const names = assertInstagramMetrics('media', metrics);
  const body = await ctx.http.get<{ data: GraphInsight[] }>(
    `${mediaId}/insights`,
    { metric: names.join(',') },
    'read media insights',
  );
  return toInsightsResult(body.data ?? []);
}

export { toUnixSeconds };

function insightsRange(query: AccountInsightsQuery, nowS: number): { since?: number; until?: number } {
  const period = query.period ?? 'day';
  if (query.since === undefined && query.until === undefined) {
    // `period` doubles as the window when no range is given; Graph's own default is the last day.
    return WINDOW_S[period] ? { since: nowS - WINDOW_S[period], until: nowS } : {};
  }
  const until = query.until !== undefined ? toUnixSeconds(query.until, 'until') : nowS;
  const since = query.since !== undefined ? toUnixSeconds(query.since, 'since') : until - 86_400;
  if (since >= until) {
    throw new AppError('invalid_input', 'since must be before until', {
      hint: 'Swap or fix the range.',
      details: { field: 'since' },
    });
  }
  if (until - since > MAX_INSIGHTS_RANGE_S) {
    throw new AppError('invalid_input', 'Instagram insights ranges are at most 30 days', {
      hint: 'Split the range into windows of 30 days or less.',
      details: { field: 'since' },
    });
  }
  return { since, until };
}

/**
 * `GET /{ig-user-id}/insights?metric=…&period=day[&metric_type=total_value][&since&until]`.
 * Totals are asked with `metric_type=total_value`; follower_count (a daily series) in a second call.
 * `period` week/days_28 without since/until means the last 7/28 days. Deprecated or unknown metrics,
 * and ranges over 30 days, are refused with invalid_input before any call.
 * @see https://developers.facebook.com/docs/instagram-platform/api-reference/instagram-user/insights
 */
export async function getAccountInsights(
  ctx: InstagramContext,
  query: AccountInsightsQuery = {},
): Promise<AccountInsightsResult> {
  const period = query.period ?? 'day';
  if (!(period in WINDOW_S)) {
    throw new AppError(
      'invalid_input',
      `period must be day, week or days_28, got ${JSON.stringify(period)}`,
      {
        hint: 'Use day, week or days_28, or pass since/until.',
        details: { field: 'period' },
      },
    );
  }
  const names = assertInstagramMetrics('account', query.metrics ?? DEFAULT_INSTAGRAM_ACCOUNT_METRICS);
  const range = insightsRange(query, Math.ceil(Date.now() / 1000));
  const series = names.filter((m) =>
    (INSTAGRAM_TIME_SERIES_ACCOUNT_METRICS as readonly string[]).includes(m),
  );
  const totals = names.filter((m) => !series.includes(m));
  const data: GraphInsight[] = [];
  for (const [group, metricType] of [
    [totals, 'total_value'],
    [series, undefined],
  ] as const) {
    if (group.length === 0) continue;
    const body = await ctx.http.get<{ data: GraphInsight[] }>(
      `${ctx.igUserId}/insights`,
      {
        metric: group.join(','),
        period: 'day',
        metric_type: metricType,
        since: range.since,
        until: range.until,
      },
      'read account insights',
    );
    data.push(...(body.data ?? []));
  }
  const iso = (s: number | undefined) => (s === undefined ? undefined : new Date(s * 1000).toISOString());
  return {
    ...toInsightsResult(data),
    period,
    ...(range.since !== undefined ? { since: iso(range.since), until: iso(range.until) } : {}),
  };
}

/** `GET /{ig-user-id}/content_publishing_limit?fields=quota_usage,config`. */
export async function getPublishingLimit(ctx: InstagramContext): Promise<InstagramPublishingLimit> {
  const body = await ctx.http.get<{ data: InstagramPublishingLimit[] }>(
    `${ctx.igUserId}/content_publishing_limit`,
    { fields: 'quota_usage,config' },
    'read the publishing limit',
  );
  const first = body.data?.[0];
  if (!first) {
    throw new AppError('platform_error', 'Instagram returned no publishing limit', { hint: 'Retry later.' });
  }
  return first;
}
