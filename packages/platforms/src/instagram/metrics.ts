// Current and deprecated Instagram insight metrics, so callers can refuse bad metrics before any call.
import { AppError } from '@socialvault/common';

/**
 * Numeric account metrics of `GET /{ig-user-id}/insights` this client reads (demographic breakdowns
 * and online_followers are out of scope). Data can lag up to 48 h; follower_count is not available for
 * accounts with fewer than 100 followers.
 * @see https://developers.facebook.com/docs/instagram-platform/api-reference/instagram-user/insights
 */
export const INSTAGRAM_ACCOUNT_METRICS = [
  'reach',
  'views',
  'likes',
  'comments',
  'shares',
  'saves',
  'replies',
  'total_interactions',
  'accounts_engaged',
  'profile_links_taps',
  'follows_and_unfollows',
  'follower_count',
] as const;
export type InstagramAccountMetric = (typeof INSTAGRAM_ACCOUNT_METRICS)[number];

/** Account metrics read as a daily time series (no `metric_type=total_value`); all others are totals. */
export const INSTAGRAM_TIME_SERIES_ACCOUNT_METRICS: readonly InstagramAccountMetric[] = ['follower_count'];

/**
 * Metrics of `GET /{ig-media-id}/insights`. Reels add ig_reels_avg_watch_time and
 * ig_reels_video_view_total_time; stories add replies and navigation.
 * @see https://developers.facebook.com/docs/instagram-platform/reference/instagram-media/insights
 */
export const INSTAGRAM_MEDIA_METRICS = [
  'views',
  'reach',
  'likes',
  'comments',
  'shares',
  'saved',
  'total_interactions',
  'profile_visits',
  'profile_activity',
  'follows',
  'ig_reels_avg_watch_time',
  'ig_reels_video_view_total_time',
  'replies',
  'navigation',
] as const;
export type InstagramMediaMetric = (typeof INSTAGRAM_MEDIA_METRICS)[number];

/** What getAccountInsights asks for when no metrics are given. */
export const DEFAULT_INSTAGRAM_ACCOUNT_METRICS: readonly InstagramAccountMetric[] = [
  'reach',
  'views',
  'accounts_engaged',
  'total_interactions',
];
/** What getMediaInsights asks for when no metrics are given (valid for feed posts, carousels and reels). */
export const DEFAULT_INSTAGRAM_MEDIA_METRICS: readonly InstagramMediaMetric[] = [
  'views',
  'reach',
  'likes',
  'comments',
  'shares',
  'saved',
  'total_interactions',
];

export type InsightsKind = 'account' | 'media';

/** A metric Graph no longer serves, and what to ask for instead (null: no equivalent). */
export interface DeprecatedMetric {
  metric: string;
  replacement: string | null;
  note: string;
}

const VIEWS_NOTE = 'deprecated in v22.0 and for all versions since 2025-04-21; views replaces it';
const CLICKS_NOTE =
  'deprecated in v21.0 and for all versions since 2025-01-08; profile_links_taps counts profile button taps';

/**
 * Deprecated account metrics (changelogs v18.0, v21.0, v22.0).
 * @see https://developers.facebook.com/docs/graph-api/changelog/version22.0
 * @see https://developers.facebook.com/docs/graph-api/changelog/version21.0
 */
export const DEPRECATED_INSTAGRAM_ACCOUNT_METRICS: Readonly<
  Record<string, Omit<DeprecatedMetric, 'metric'>>
> = {
  impressions: { replacement: 'views', note: VIEWS_NOTE },
  profile_views: {
    replacement: null,
    note: 'deprecated in v21.0 and for all versions since 2025-01-08; no account-level equivalent (media insights have profile_visits)',
  },
  website_clicks: { replacement: 'profile_links_taps', note: CLICKS_NOTE },
  email_contacts: { replacement: 'profile_links_taps', note: CLICKS_NOTE },
  phone_call_clicks: { replacement: 'profile_links_taps', note: CLICKS_NOTE },
  text_message_clicks: { replacement: 'profile_links_taps', note: CLICKS_NOTE },
  get_directions_clicks: { replacement: 'profile_links_taps', note: CLICKS_NOTE },
  get_direction_clicks: { replacement: 'profile_links_taps', note: CLICKS_NOTE },
  audience_gender_age: { replacement: 'follower_demographics', note: 'deprecated in v18.0' },
  audience_locale: { replacement: 'follower_demographics', note: 'deprecated in v18.0' },
  audience_country: { replacement: 'follower_demographics', note: 'deprecated in v18.0' },
  audience_city: { replacement: 'follower_demographics', note: 'deprecated in v18.0' },
};

/**
 * Deprecated media metrics (changelogs v18.0, v21.0, v22.0).
 * @see https://developers.facebook.com/docs/instagram-platform/reference/instagram-media/insights
 */
export const DEPRECATED_INSTAGRAM_MEDIA_METRICS: Readonly<Record<string, Omit<DeprecatedMetric, 'metric'>>> =
  {
    impressions: { replacement: 'views', note: VIEWS_NOTE },
    plays: { replacement: 'views', note: VIEWS_NOTE },
    clips_replays_count: { replacement: 'views', note: VIEWS_NOTE },
    ig_reels_aggregated_all_plays_count: { replacement: 'views', note: VIEWS_NOTE },
    video_views: { replacement: 'views', note: 'deprecated in v21.0 and for all versions since 2025-01-08' },
    engagement: { replacement: 'total_interactions', note: 'deprecated in v18.0' },
    carousel_album_impressions: { replacement: 'views', note: 'deprecated in v18.0' },
    carousel_album_reach: { replacement: 'reach', note: 'deprecated in v18.0' },
    carousel_album_engagement: { replacement: 'total_interactions', note: 'deprecated in v18.0' },
    carousel_album_saved: { replacement: 'saved', note: 'deprecated in v18.0' },
    carousel_album_video_views: { replacement: 'views', note: 'deprecated in v18.0' },
    taps_forward: { replacement: 'navigation', note: 'deprecated in v18.0' },
    taps_back: { replacement: 'navigation', note: 'deprecated in v18.0' },
    exits: { replacement: 'navigation', note: 'deprecated in v18.0' },
  };

/** The current metric names for `kind`. */
export function currentInstagramMetrics(kind: InsightsKind): readonly string[] {
  return kind === 'account' ? INSTAGRAM_ACCOUNT_METRICS : INSTAGRAM_MEDIA_METRICS;
}

/** Metric names are matched trimmed and lower-cased, as Graph's older upper-case names were. */
export function normalizeMetricName(metric: string): string {
  return metric.trim().toLowerCase();
}

/**
 * Sorts requested metrics into deprecated ones (with their replacement) and unknown ones.
 * Both lists empty means the request is safe to send.
 * @example checkInstagramMetrics('account', ['impressions', 'reach'])
 *   // → { deprecated: [{ metric: 'impressions', replacement: 'views', note: '…' }], unknown: [] }
 */
export function checkInstagramMetrics(
  kind: InsightsKind,
  metrics: readonly string[],
): { deprecated: DeprecatedMetric[]; unknown: string[] } {
  const table =
    kind === 'account' ? DEPRECATED_INSTAGRAM_ACCOUNT_METRICS : DEPRECATED_INSTAGRAM_MEDIA_METRICS;
  const current = currentInstagramMetrics(kind);
  const deprecated: DeprecatedMetric[] = [];
  const unknown: string[] = [];
  for (const raw of metrics) {
    const metric = normalizeMetricName(raw);
    const entry = table[metric];
    if (entry) deprecated.push({ metric, ...entry });
    else if (!current.includes(metric)) unknown.push(raw);
  }
  return { deprecated, unknown };
}

/** Just the deprecated metrics among `metrics`, each with its replacement. */
export function findDeprecatedInstagramMetrics(
  kind: InsightsKind,
  metrics: readonly string[],
): DeprecatedMetric[] {
  return checkInstagramMetrics(kind, metrics).deprecated;
}

/**
 * Throws invalid_input when `metrics` is empty or holds a deprecated or unknown metric; the hint names
 * the replacements and the current metrics. Returns the normalised, de-duplicated names otherwise.
 */
export function assertInstagramMetrics(kind: InsightsKind, metrics: readonly string[]): string[] {
  const current = currentInstagramMetrics(kind);
  if (metrics.length === 0) {
    throw new AppError('invalid_input', `no ${kind} metrics requested`, {
      hint: `Ask for one or more of: ${current.join(', ')}.`,
      details: { field: 'metrics' },
    });
  }
  const { deprecated, unknown } = checkInstagramMetrics(kind, metrics);
  if (deprecated.length > 0) {
    const replacements = deprecated
      .map((d) => (d.replacement ? `${d.metric} → ${d.replacement}` : `${d.metric} → (no replacement)`))
      .join(', ');
    throw new AppError(
      'invalid_input',
      `deprecated Instagram ${kind} metric${deprecated.length > 1 ? 's' : ''}: ${deprecated.map((d) => d.metric).join(', ')} (${deprecated[0]!.note})`,
      {
        hint: `Use the current metrics instead (${replacements}). Current ${kind} metrics: ${current.join(', ')}.`,
        details: { field: 'metrics', deprecated, current },
      },
    );
  }
  if (unknown.length > 0) {
    throw new AppError(
      'invalid_input',
      `unknown Instagram ${kind} metric${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`,
      {
        hint: `Current ${kind} metrics: ${current.join(', ')}.`,
        details: { field: 'metrics', unknown, current },
      },
    );
  }
  return [...new Set(metrics.map(normalizeMetricName))];
}
