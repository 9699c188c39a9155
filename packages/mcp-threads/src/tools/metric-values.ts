// Output pieces the Threads insights tools share: one optional number per metric, with what it counts.
import { z } from 'zod';

const MEANINGS: Record<string, string> = {
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
export function metricValuesShape(metrics: readonly string[]): Record<string, z.ZodOptional<z.ZodNumber>> {
  const shape: Record<string, z.ZodOptional<z.ZodNumber>> = {};
  for (const metric of metrics) {
    shape[metric] = z
      .number()
      .optional()
      .describe(`${metric}: ${MEANINGS[metric] ?? metric} (present when requested and Threads has data)`);
  }
  return shape;
}
