// GET /{threads-media-id}/insights and GET /{threads-user-id}/threads_insights with Threads' checks.
// @see https://developers.facebook.com/docs/threads/insights
import { invalidParameter } from '../graph/errors';
import { daySpans, DAY_S, insightRow, metricList, notOneOf, publishedWithin } from '../graph/insight-rows';
import { graphTime } from '../graph/instagram/reads';
import {
  dailyProfileViews,
  METRIC_DESCRIPTIONS,
  METRIC_TITLES,
  POST_METRICS,
  postNumbers,
  UNSIMULATED_USER_METRICS,
  USER_METRICS,
} from './metrics';
import type { SimThreadsAccount, SimThreadsPost, ThreadsSimState } from './state';

/** since/until do not work before April 13, 2024. */
export const INSIGHTS_EARLIEST_S = 1_712_991_600;

function row(id: string, name: string, period: string, value: Record<string, unknown>) {
  return insightRow(id, name, period, value, {
    title: METRIC_TITLES[name] ?? name,
    description: METRIC_DESCRIPTIONS[name] ?? name,
  });
}

/** `GET /{threads-media-id}/insights?metric=…`: lifetime values. */
export function postInsights(
  post: SimThreadsPost,
  account: SimThreadsAccount | undefined,
  params: Record<string, string>,
): unknown {
  const metrics = metricList(params.metric);
  metrics.forEach((metric, index) => {
    if (!(POST_METRICS as readonly string[]).includes(metric)) throw notOneOf(index, POST_METRICS);
  });
  const numbers = postNumbers(post, account);
  return {
    data: metrics.map((metric) =>
      row(post.id, metric, 'lifetime', { values: [{ value: numbers[metric] ?? 0 }] }),
    ),
  };
}

function seconds(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw)) throw invalidParameter(`(#100) Param ${name} must be a unix timestamp`);
  return Number(raw);
}

/**
 * `GET /{threads-user-id}/threads_insights?metric=…[&since&until]`: `views` as a daily series of profile
 * views, likes/replies/reposts/quotes/clicks as totals over posts published in the range,
 * followers_count as the current total. Default range: yesterday through today.
 */
export function userInsights(
  state: ThreadsSimState,
  account: SimThreadsAccount,
  params: Record<string, string>,
): unknown {
  const metrics = metricList(params.metric);
  metrics.forEach((metric, index) => {
    if (!(USER_METRICS as readonly string[]).includes(metric)) throw notOneOf(index, USER_METRICS);
    if (UNSIMULATED_USER_METRICS.includes(metric))
      throw invalidParameter(`(#100) The metric ${metric} is not served by this simulator`);
  });
  const nowS = Date.now() / 1000;
  const until = seconds(params.until, 'until') ?? nowS;
  const since = seconds(params.since, 'since') ?? Math.floor(nowS / DAY_S) * DAY_S - DAY_S;
  if (since < INSIGHTS_EARLIEST_S || until < INSIGHTS_EARLIEST_S) {
    throw invalidParameter(
      `(#100) Param since and until must be on or after ${INSIGHTS_EARLIEST_S} (April 13, 2024)`,
    );
  }
  if (since >= until) throw invalidParameter('(#100) Param since must be earlier than until');
  const inRange = publishedWithin(state.postsOf(account.id), since, until);
  const total = (metric: string) =>
    inRange.reduce((sum, p) => sum + (postNumbers(p, account)[metric] ?? 0), 0);
  const data = metrics.map((metric) => {
    if (metric === 'views') {
      const values = daySpans(since, until).map(({ startS, endS }) => {
        // A post at a day's end counts in the next day, except at the end of the range.
        const count = publishedWithin(inRange, startS, endS).filter(
          (p) => p.timestamp.getTime() / 1000 < endS || endS === until,
        ).length;
        return { value: dailyProfileViews(account, count), end_time: graphTime(new Date(endS * 1000)) };
      });
      return row(account.id, metric, 'day', { values });
    }
    const value = metric === 'followers_count' ? account.followers_count : total(metric);
    return row(account.id, metric, 'day', { total_value: { value } });
  });
  return { data };
}
