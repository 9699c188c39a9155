// The simulator's Threads insight catalog and deterministic numbers (kept apart from the client's lists on purpose).
// @see https://developers.facebook.com/docs/threads/insights
import type { SimThreadsAccount, SimThreadsPost } from './state';

export const POST_METRICS = ['views', 'likes', 'replies', 'reposts', 'quotes', 'shares'] as const;
export const USER_METRICS = [
  'views',
  'likes',
  'replies',
  'reposts',
  'quotes',
  'clicks',
  'followers_count',
  'follower_demographics',
] as const;
/** Served by Threads but not by the simulator (needs a breakdown, ignores since/until). */
export const UNSIMULATED_USER_METRICS = ['follower_demographics'];

export const METRIC_TITLES: Record<string, string> = {
  views: 'views',
  likes: 'likes',
  replies: 'replies',
  reposts: 'reposts',
  quotes: 'quotes',
  shares: 'shares',
  clicks: 'clicks',
  followers_count: 'followers_count',
};

export const METRIC_DESCRIPTIONS: Record<string, string> = {
  views: 'The number of times your post was played or displayed.',
  likes: 'The number of likes on your post.',
  replies: 'The number of replies on your post.',
  reposts: 'The number of times your post was reposted.',
  quotes: 'The number of times your post was quoted.',
  shares: 'The number of shares of your Threads posts.',
  clicks: 'The number of clicks on links in your posts.',
  followers_count: "Your profile's total number of followers.",
};

/** Per-post numbers: they depend on publication order and the follower count only. */
export function postNumbers(
  post: SimThreadsPost,
  account: SimThreadsAccount | undefined,
): Record<string, number> {
  const k = post.seq;
  const followers = account?.followers_count ?? 0;
  const imageBoost = post.media_type === 'IMAGE' ? 2 : 1;
  return {
    views: (30 + 13 * k + Math.floor(followers * 0.04)) * imageBoost,
    likes: 3 + 2 * k + Math.floor(followers * 0.01),
    replies: k % 4,
    reposts: k % 3,
    quotes: k % 2,
    shares: k % 5,
    clicks: k % 3,
  };
}

/** Profile views on one day (the `views` series): a follower baseline plus 5 per post that day. */
export function dailyProfileViews(account: SimThreadsAccount, postsThatDay: number): number {
  return Math.round(account.followers_count * 0.02) + 5 * postsThatDay;
}
