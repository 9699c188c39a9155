// Output schema pieces several tools share: metric values by name, Graph's raw insight rows, publish results.
import { z } from 'zod';
import { currentInstagramMetrics, type InsightsKind } from '@socialvault/platforms';

/** What each metric counts, for the output schema an LLM reads. */
const METRIC_MEANINGS: Record<string, string> = {
  reach: 'unique accounts that saw the content',
  views: 'times the content was played or displayed (replaces impressions and plays)',
  likes: 'likes',
  comments: 'comments',
  shares: 'shares',
  saves: 'saves',
  saved: 'saves',
  replies: 'replies (to stories)',
  total_interactions: 'likes + saves + comments + shares + replies',
  accounts_engaged: 'unique accounts that interacted',
  profile_links_taps: 'taps on the profile buttons (call, email, directions, text)',
  follows_and_unfollows: 'net follows: accounts that followed minus those that unfollowed',
  follower_count: 'new followers per day, summed over the range (needs 100+ followers)',
  profile_visits: 'profile visits from this post',
  profile_activity: 'actions taken on the profile after seeing this post',
  follows: 'accounts that followed after seeing this post',
  ig_reels_avg_watch_time: 'average watch time of the reel, in milliseconds',
  ig_reels_video_view_total_time: 'total watch time of the reel, in milliseconds',
  navigation: 'story navigation actions (taps forward/back, exits)',
};

/** One optional number per current metric of `kind`, e.g. `{ reach?: number, views?: number, … }`. */
export function metricValuesShape(kind: InsightsKind): Record<string, z.ZodOptional<z.ZodNumber>> {
  const shape: Record<string, z.ZodOptional<z.ZodNumber>> = {};
  for (const metric of currentInstagramMetrics(kind)) {
    shape[metric] = z
      .number()
      .optional()
      .describe(
        `${metric}: ${METRIC_MEANINGS[metric] ?? metric} (present when requested and Graph has data)`,
      );
  }
  return shape;
}

/** One row of Graph's insights answer, as Graph sent it. */
export const GraphInsightOutput = z
  .object({
    name: z.string().describe('Metric name'),
    period: z.string().describe('Aggregation period Graph used (day, lifetime, …)'),
    title: z.string().optional().describe("Graph's title of the metric"),
    description: z.string().optional().describe("Graph's description of the metric"),
    id: z.string().optional().describe('Graph id of this insight row'),
    values: z
      .array(
        z.object({
          value: z
            .union([z.number(), z.record(z.string(), z.unknown())])
            .describe('The number, or a breakdown object'),
          end_time: z.string().optional().describe('End of the interval, ISO-8601'),
        }),
      )
      .optional()
      .describe('A series of values (lifetime or daily metrics)'),
    total_value: z
      .object({
        value: z.number().describe('The total over the range'),
        breakdowns: z.array(z.unknown()).optional().describe('Breakdowns, when asked for'),
      })
      .optional()
      .describe('The total (metrics read with metric_type=total_value)'),
  })
  .describe('One metric as the Graph API returned it');

/** Fields every publishing tool returns. */
export const publishResultShape = {
  media_id: z.string().describe('Id of the published Instagram media; pass it to get_media_insights'),
  container_id: z.string().describe('Id of the media container that was published'),
  permalink: z
    .string()
    .optional()
    .describe('Public URL of the post (absent when Instagram did not return it in time; the post is live)'),
  account_id: z.string().describe('Instagram business account id the post was published to'),
};
