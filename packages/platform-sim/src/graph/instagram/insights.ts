// GET /{ig-user-id}/insights and GET /{ig-media-id}/insights with Graph's metric checks.
// @see https://developers.facebook.com/docs/instagram-platform/api-reference/instagram-user/insights
// @see https://developers.facebook.com/docs/instagram-platform/reference/instagram-media/insights
import { invalidParameter, missingParameter } from '../errors';
import { daySpans, DAY_S, insightRow, metricList, notOneOf, publishedWithin } from '../insight-rows';
import {
  accountTotals,
  dailyNewFollowers,
  MEDIA_METRICS,
  mediaNumbers,
  mediaSupportsMetric,
  METRIC_TITLES,
  TIME_SERIES_ONLY_USER_METRICS,
  TOTAL_VALUE_ONLY_USER_METRICS,
  UNSIMULATED_USER_METRICS,
  USER_METRICS,
} from './metrics';
import { graphTime } from './reads';
import type { InstagramSimState, SimInstagramAccount, SimMedia } from './state';

const PERIODS = ['day', 'week', 'days_28', 'month', 'lifetime', 'total_over_range'];
const PERIOD_S: Record<string, number> = {
  day: DAY_S,
  week: 7 * DAY_S,
  days_28: 28 * DAY_S,
  month: 30 * DAY_S,
};
const MAX_RANGE_S = 30 * DAY_S;
/** Metrics retired in v22.0 that Graph names explicitly in its error. */
const V22_RETIRED = ['impressions', 'plays', 'clips_replays_count', 'ig_reels_aggregated_all_plays_count'];

/** The v22 retirement error (verified wording for account `impressions`). */
function retired(metric: string, node: 'user' | 'media') {
  return invalidParameter(
    `(#100) Starting from version 22 and above, the ${metric} metric is no longer supported for the queried ${node}. Please refer to the documentation at https://developers.facebook.com/docs/instagram-api/reference/ig-${node === 'user' ? 'user' : 'media'}/insights for a list of supported metrics.`,
  );
}

function toSeconds(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const seconds = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw) / 1000;
  if (!Number.isFinite(seconds))
    throw invalidParameter(`(#100) Param ${name} must be a unix timestamp or a date`);
  return Math.floor(seconds);
}

function entry(id: string, name: string, period: string, value: Record<string, unknown>) {
  const title = METRIC_TITLES[name] ?? name;
  return insightRow(id, name, period, value, {
    title,
    description: `Simulated ${title} (deterministic numbers).`,
  });
}

/** `GET /{ig-user-id}/insights?metric=…&period=…[&metric_type=total_value][&since&until]`. */
export function userInsights(
  state: InstagramSimState,
  account: SimInstagramAccount,
  params: Record<string, string>,
): unknown {
  const metrics = metricList(params.metric);
  metrics.forEach((metric, index) => {
    if (V22_RETIRED.includes(metric)) throw retired(metric, 'user');
    if (!(USER_METRICS as readonly string[]).includes(metric)) throw notOneOf(index, USER_METRICS);
    if (UNSIMULATED_USER_METRICS.includes(metric))
      throw invalidParameter(`(#100) The metric ${metric} is not served by this simulator`);
  });
  const period = params.period;
  if (!period) throw missingParameter('period');
  if (!PERIODS.includes(period)) {
    throw invalidParameter(`(#100) param period must be one of {${PERIODS.join(', ')}} - got "${period}"`);
  }
  const metricType = params.metric_type;
  if (metricType !== undefined && metricType !== 'total_value' && metricType !== 'time_series') {
    throw invalidParameter(
      `(#100) param metric_type must be one of {time_series, total_value} - got "${metricType}"`,
    );
  }
  if (metricType !== 'total_value') {
    const needTotal = metrics.filter((m) => TOTAL_VALUE_ONLY_USER_METRICS.includes(m));
    if (needTotal.length > 0) {
      throw invalidParameter(
        `(#100) The following metrics (${needTotal.join(', ')}) should be specified with parameter metric_type=total_value`,
      );
    }
  } else {
    const seriesOnly = metrics.filter((m) => TIME_SERIES_ONLY_USER_METRICS.includes(m));
    if (seriesOnly.length > 0) {
      throw invalidParameter(
        `(#100) The following metrics (${seriesOnly.join(', ')}) do not support parameter metric_type=total_value`,
      );
    }
  }
  // Without `until`, "now" keeps its fraction so media published this very second are in range.
  const until = toSeconds(params.until, 'until') ?? Date.now() / 1000;
  const since = toSeconds(params.since, 'since') ?? until - (PERIOD_S[period] ?? DAY_S);
  if (since >= until) throw invalidParameter('(#100) Param since must be earlier than until');
  if (until - since > MAX_RANGE_S) {
    throw invalidParameter(
      `(#100) There cannot be more than 30 days (${MAX_RANGE_S} s) between since and until`,
    );
  }
  const media = publishedWithin(state.mediaOf(account.id), since, until);

  const data: unknown[] = [];
  if (metricType === 'total_value') {
    const totals = accountTotals(account, media);
    for (const metric of metrics)
      data.push(entry(account.id, metric, period, { total_value: { value: totals[metric] ?? 0 } }));
    return { data };
  }
  for (const metric of metrics) {
    // Graph has no follower_count for accounts under 100 followers: the metric is simply absent.
    if (metric === 'follower_count' && account.followers_count < 100) continue;
    const values = daySpans(since, until).map(({ startS, endS }) => {
      // A media published exactly at a day's end counts in the next day.
      const inDay = publishedWithin(media, startS, endS).filter((m) => m.timestamp.getTime() / 1000 < endS);
      const value =
        metric === 'follower_count'
          ? dailyNewFollowers(account, media, startS, endS)
          : (accountTotals(account, inDay)[metric] ?? 0);
      return { value, end_time: graphTime(new Date(endS * 1000)) };
    });
    data.push(entry(account.id, metric, period, { values }));
  }
  return { data };
}

/** `GET /{ig-media-id}/insights?metric=…`: lifetime values per metric. */
export function mediaInsights(
  account: SimInstagramAccount | undefined,
  media: SimMedia,
  params: Record<string, string>,
): unknown {
  const metrics = metricList(params.metric);
  if (media.isCarouselChild) {
    throw invalidParameter(
      '(#100) Insights data is not available for media within an Instagram carousel album',
    );
  }
  metrics.forEach((metric, index) => {
    if (V22_RETIRED.includes(metric)) throw retired(metric, 'media');
    if (!(MEDIA_METRICS as readonly string[]).includes(metric)) throw notOneOf(index, MEDIA_METRICS);
    if (!mediaSupportsMetric(media, metric)) {
      throw invalidParameter(`(#100) The metric ${metric} is not supported for this media type`);
    }
  });
  const numbers = mediaNumbers(media, account);
  return {
    data: metrics.map((metric) =>
      entry(media.id, metric, 'lifetime', { values: [{ value: numbers[metric] ?? 0 }] }),
    ),
  };
}
