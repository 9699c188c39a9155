// The simulator's own catalog of Instagram insight metrics and its deterministic numbers.
// Kept separate from @socialvault/platforms on purpose: the double must not share the client's mistakes.
// @see https://developers.facebook.com/docs/instagram-platform/api-reference/instagram-user/insights
// @see https://developers.facebook.com/docs/instagram-platform/reference/instagram-media/insights
import type { SimInstagramAccount, SimMedia } from './state';

/** Account metrics served (v22+). Demographics and online_followers exist on Graph but are not simulated. */
export const USER_METRICS = [
  'reach',
  'follower_count',
  'online_followers',
  'accounts_engaged',
  'total_interactions',
  'likes',
  'comments',
  'shares',
  'saves',
  'replies',
  'engaged_audience_demographics',
  'reached_audience_demographics',
  'follower_demographics',
  'follows_and_unfollows',
  'profile_links_taps',
  'views',
] as const;
export const UNSIMULATED_USER_METRICS = [
  'online_followers',
  'engaged_audience_demographics',
  'reached_audience_demographics',
  'follower_demographics',
];
/** Metrics answered only with `metric_type=total_value`. */
export const TOTAL_VALUE_ONLY_USER_METRICS = [
  'accounts_engaged',
  'total_interactions',
  'likes',
  'comments',
  'shares',
  'saves',
  'replies',
  'follows_and_unfollows',
  'profile_links_taps',
  'views',
];
/** Metrics answered only as a time series (no metric_type). */
export const TIME_SERIES_ONLY_USER_METRICS = ['follower_count', 'online_followers'];

export const MEDIA_METRICS = [
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
/** Metrics that only some media product types have. */
const REELS_ONLY = ['ig_reels_avg_watch_time', 'ig_reels_video_view_total_time'];
const STORY_ONLY = ['replies', 'navigation'];
const NOT_FOR_REELS = ['profile_visits', 'profile_activity', 'follows'];

/** True when `metric` is valid for the media's product type. */
export function mediaSupportsMetric(media: SimMedia, metric: string): boolean {
  if (STORY_ONLY.includes(metric)) return false;
  if (media.media_product_type === 'REELS') return !NOT_FOR_REELS.includes(metric);
  return !REELS_ONLY.includes(metric);
}

/** Deterministic per-media numbers: they depend on publication order and the follower count only. */
export function mediaNumbers(
  media: SimMedia,
  account: SimInstagramAccount | undefined,
): Record<string, number> {
  const k = media.seq;
  const followers = account?.followers_count ?? 0;
  const reach = 40 + 17 * k + Math.floor(followers * 0.05);
  const isReel = media.media_product_type === 'REELS';
  const views = reach * (isReel ? 3 : 2) + 11 * k;
  const likes = 5 + 3 * k + Math.floor(followers * 0.01);
  const comments = 1 + (k % 4);
  const shares = k % 3;
  const saved = 2 + (k % 5);
  const profileVisits = 1 + (k % 6);
  const avgWatchMs = 3200 + 150 * k;
  return {
    views,
    reach,
    likes,
    comments,
    shares,
    saved,
    total_interactions: likes + comments + shares + saved,
    profile_visits: profileVisits,
    profile_activity: Math.max(0, profileVisits - (k % 2)),
    follows: k % 2,
    ig_reels_avg_watch_time: avgWatchMs,
    ig_reels_video_view_total_time: avgWatchMs * views,
  };
}

/** Account totals over media published in the range, on top of a follower-based baseline. */
export function accountTotals(account: SimInstagramAccount, media: SimMedia[]): Record<string, number> {
  const sum = (metric: string) =>
    media.reduce((total, m) => total + (mediaNumbers(m, account)[metric] ?? 0), 0);
  const followers = account.followers_count;
  const totalInteractions = sum('total_interactions');
  return {
    reach: Math.round(followers * 0.12) + sum('reach'),
    views: Math.round(followers * 0.35) + sum('views'),
    likes: sum('likes'),
    comments: sum('comments'),
    shares: sum('shares'),
    saves: sum('saved'),
    replies: 0,
    total_interactions: totalInteractions,
    accounts_engaged: Math.ceil(totalInteractions * 0.7),
    profile_links_taps: Math.floor(sum('profile_visits') / 2),
    follows_and_unfollows: sum('follows') + media.length,
  };
}

/** New followers on the day ending at `endS` (unix seconds), for the follower_count series. */
export function dailyNewFollowers(
  account: SimInstagramAccount,
  media: SimMedia[],
  startS: number,
  endS: number,
): number {
  const published = media.filter(
    (m) => m.timestamp.getTime() / 1000 >= startS && m.timestamp.getTime() / 1000 < endS,
  ).length;
  return 2 + (account.followers_count % 7) + published * 3;
}

/** Human titles like Graph's (`Accounts reached`); generic where Graph's wording is not needed. */
export const METRIC_TITLES: Record<string, string> = {
  reach: 'Accounts reached',
  views: 'Views',
  likes: 'Likes',
  comments: 'Comments',
  shares: 'Shares',
  saves: 'Saves',
  saved: 'Saved',
  replies: 'Replies',
  total_interactions: 'Content interactions',
  accounts_engaged: 'Accounts engaged',
  profile_links_taps: 'Profile links taps',
  follows_and_unfollows: 'Follows and unfollows',
  follower_count: 'Follower count',
  profile_visits: 'Profile visits',
  profile_activity: 'Profile activity',
  follows: 'Follows',
  ig_reels_avg_watch_time: 'Average watch time',
  ig_reels_video_view_total_time: 'Watch time',
};
