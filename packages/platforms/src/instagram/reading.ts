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
import {
  getCursorPage,
  getInsightRows,
  getObjectInsights,
  getPublishingLimitRow,
  insightsRange,
  pageLimit,
  rangeAsIso,
} from '../meta/reading';
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
  return getCursorPage<InstagramMedia>(
    ctx.http,
    `${ctx.igUserId}/media`,
    {
      fields: (query.fields ?? INSTAGRAM_MEDIA_FIELDS).join(','),
      limit: pageLimit(query.limit, INSTAGRAM_RECENT_MEDIA_MAX_LIMIT),
      after: query.after,
    },
    'list recent media',
  );
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
  return getObjectInsights(
    ctx.http,
    mediaId,
    assertInstagramMetrics('media', metrics),
    'read media insights',
  );
}

export { toUnixSeconds };

/** The range to send: the given since/until (at most 30 days), else the window `period` names. */
function accountInsightsRange(query: AccountInsightsQuery, nowS: number): { since?: number; until?: number } {
  const period = query.period ?? 'day';
  if (query.since === undefined && query.until === undefined) {
    // `period` doubles as the window when no range is given; Graph's own default is the last day.
    return WINDOW_S[period] ? { since: nowS - WINDOW_S[period], until: nowS } : {};
  }
  const range = insightsRange(query, nowS);
  if (range.until - range.since > MAX_INSIGHTS_RANGE_S) {
    throw new AppError('invalid_input', 'Instagram insights ranges are at most 30 days', {
      hint: 'Split the range into windows of 30 days or less.',
      details: { field: 'since' },
    });
  }
  return range;
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
  const range = accountInsightsRange(query, Math.ceil(Date.now() / 1000));
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
    const rows = await getInsightRows(
      ctx.http,
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
    data.push(...rows);
  }
  return { ...toInsightsResult(data), period, ...rangeAsIso(range) };
}

/** `GET /{ig-user-id}/content_publishing_limit?fields=quota_usage,config`. */
export function getPublishingLimit(ctx: InstagramContext): Promise<InstagramPublishingLimit> {
  return getPublishingLimitRow(ctx.http, `${ctx.igUserId}/content_publishing_limit`, 'quota_usage,config');
}
