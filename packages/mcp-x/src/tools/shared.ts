// What several X tools share: a post's public metrics, each with what it counts.
import { z } from 'zod';

/** A post's public engagement counts, as X names them. */
export const publicMetricsShape = {
  like_count: z.number().int().describe('Likes'),
  retweet_count: z.number().int().describe('Reposts (retweets)'),
  reply_count: z.number().int().describe('Replies'),
  quote_count: z.number().int().describe('Quote posts'),
  bookmark_count: z.number().int().optional().describe('Bookmarks'),
  impression_count: z.number().int().optional().describe('Times the post was seen (impressions)'),
};

export const PublicMetricsOutput = z.object(publicMetricsShape).describe("X's public_metrics of the post");
