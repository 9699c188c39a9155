// What several Threads tools share: the insight metric values, each with what it counts.
import type { z } from 'zod';
import { metricValuesShape } from '@socialvault/mcp-kit';

/** What each Threads metric counts, for the output schema an LLM reads. */
const METRIC_MEANINGS: Record<string, string> = {
  views: 'times the post was played or displayed (for the profile: profile views in the range)',
  likes: 'likes',
  replies: 'replies (for a root post: all replies; for a reply: direct replies)',
  reposts: 'reposts',
  quotes: 'quotes',
  shares: 'shares',
  clicks: 'clicks on links in the posts',
  followers_count: 'current total number of followers (ignores the range)',
};

/** `{ views?: number, likes?: number, … }` for `metrics`. */
export function threadsMetricValuesShape(
  metrics: readonly string[],
): Record<string, z.ZodOptional<z.ZodNumber>> {
  return metricValuesShape(metrics, METRIC_MEANINGS, 'Threads');
}
