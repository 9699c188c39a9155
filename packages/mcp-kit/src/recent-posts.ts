// The common core of the five `get_recent_*` results, so a workflow reads every platform's posts the same way.
import { z } from 'zod';
import { limitField } from './fields';

/** Engagement counts a post listing carries, under one set of names for all platforms. */
export const PostMetricsOutput = z
  .object({
    likes: z
      .number()
      .int()
      .optional()
      .describe('Likes (Instagram and X likes, LinkedIn reactions of all types, Mastodon favourites)'),
    comments: z.number().int().optional().describe('Comments or replies'),
    shares: z.number().int().optional().describe('Reposts, retweets or boosts'),
    quotes: z.number().int().optional().describe('Quote posts'),
    saves: z.number().int().optional().describe('Saves or bookmarks'),
    views: z.number().int().optional().describe('Times the post was seen (impressions)'),
  })
  .describe(
    'Counts the platform gives in its post listing; a count it does not list is absent (read it with the insights tool)',
  );

export type PostMetrics = z.output<typeof PostMetricsOutput>;

/** The fields every post of every `get_recent_*` result has, whatever the platform. */
export const recentPostCoreShape = {
  id: z.string().describe('Post id on the platform; pass it to the other tools of this server'),
  url: z.string().nullable().describe('Public URL of the post; null when the platform gives none'),
  created_at: z
    .string()
    .nullable()
    .describe('Publication time, ISO-8601 UTC (2025-05-01T09:30:00.000Z); null when unknown'),
  text: z.string().describe('Text of the post as readers see it, plain text ("" when it has none)'),
  account_id: z
    .string()
    .describe('The account_id the vault knows the posting account by (the one other tools accept)'),
  metrics: PostMetricsOutput,
};

/**
 * One post of a `get_recent_*` result: the common core plus the platform's own fields.
 * @example const PostOutput = recentPostOutput({ media_type: z.string().optional().describe('IMAGE or VIDEO') });
 */
export function recentPostOutput<S extends z.ZodRawShape>(
  extras: S,
): z.ZodObject<typeof recentPostCoreShape & S> {
  return z.object({ ...recentPostCoreShape, ...extras });
}

/**
 * A whole `get_recent_*` result: `account_id`, `posts` (newest first), `count`, plus the platform's paging
 * fields and notes in `extras`.
 */
export function recentPostsOutput<P extends z.ZodObject, S extends z.ZodRawShape>(
  post: P,
  extras: S,
): z.ZodObject<{ account_id: z.ZodString; posts: z.ZodArray<P>; count: z.ZodNumber } & S> {
  return z.object({
    account_id: z
      .string()
      .describe('The account_id the vault knows this account by (the one other tools accept)'),
    posts: z.array(post).describe('Posts, newest first'),
    count: z.number().int().describe('Number of posts in posts'),
    ...extras,
  });
}

/** `limit` of a `get_recent_*` tool: how many posts, newest first, 1..`max` (the platform's page size), default 10. */
export function recentPostsLimitField(max: number) {
  return limitField({
    max,
    defaultValue: 10,
    description: `How many posts to return, newest first, 1-${max} (default 10).`,
  });
}

/** An opaque paging cursor argument (`after`, `cursor`): the `next_cursor` of the previous call. */
export const pagingCursorField = z
  .string()
  .trim()
  .min(1)
  .max(512)
  .optional()
  .describe('Paging cursor: the next_cursor of the previous call, to read older posts. Omit for the newest.');

/** The paging value of a `get_recent_*` result (`next_cursor`, …) to pass back as the argument `argument`. */
export function nextPageField(argument: string) {
  return z
    .string()
    .nullable()
    .describe(`Pass as ${argument} to read older posts; null when there are no more`);
}

/**
 * An ISO-8601 UTC instant (`toISOString`) from a platform's time text (`2025-05-01T09:30:00+0000`), or null
 * when absent or unreadable.
 */
export function isoInstantOrNull(value: string | null | undefined): string | null {
  if (!value) return null;
  const ms = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** Keeps only the counts that are numbers, so a metric the platform did not send stays absent. */
export function postMetrics(counts: Partial<Record<keyof PostMetrics, number | null>>): PostMetrics {
  const metrics: PostMetrics = {};
  for (const [name, value] of Object.entries(counts) as [keyof PostMetrics, number | null][]) {
    if (typeof value === 'number' && Number.isFinite(value)) metrics[name] = value;
  }
  return metrics;
}
