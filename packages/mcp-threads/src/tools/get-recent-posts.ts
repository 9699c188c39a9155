// get_recent_posts: one page of the profile's posts, newest first, with text, type and links.
import { z } from 'zod';
import { defineTool, limitField, type McpTool, type ToolContext } from '@socialvault/mcp-kit';
import { THREADS_RECENT_POSTS_MAX_LIMIT } from '@socialvault/platforms';
import type { ThreadsToolConfig } from '../config';
import { openThreads } from '../threads-session';

export const GetRecentPostsInput = z.object({
  limit: limitField({
    max: THREADS_RECENT_POSTS_MAX_LIMIT,
    defaultValue: 10,
    description: `How many posts to return, newest first, 1-${THREADS_RECENT_POSTS_MAX_LIMIT} (default 10).`,
  }),
  after: z
    .string()
    .trim()
    .min(1)
    .max(512)
    .optional()
    .describe(
      'Paging cursor: the next_cursor of the previous call, to read older posts. Omit for the newest.',
    ),
});

export const PostOutput = z.object({
  id: z.string().describe('Post id; pass it to get_post_insights or as reply_to_id'),
  text: z.string().optional().describe('Text of the post'),
  media_type: z
    .string()
    .optional()
    .describe('TEXT_POST, IMAGE, VIDEO, CAROUSEL_ALBUM, AUDIO or REPOST_FACADE'),
  media_url: z.string().optional().describe('URL of the image or video'),
  permalink: z.string().optional().describe('Public URL of the post'),
  shortcode: z.string().optional().describe('Shortcode in the post URL'),
  timestamp: z.string().optional().describe('Publication time, ISO-8601 UTC (e.g. 2025-05-01T09:30:00+0000)'),
  username: z.string().optional().describe('Handle of the profile'),
  is_quote_post: z.boolean().optional().describe('True when the post quotes another one'),
});

export const GetRecentPostsOutput = z.object({
  account_id: z.string().describe('Threads user id the posts belong to (or "me")'),
  posts: z.array(PostOutput).describe('Posts, newest first'),
  count: z.number().int().describe('Number of posts in posts'),
  next_cursor: z
    .string()
    .nullable()
    .describe('Pass as after to read older posts; null when there are no more'),
});

/** The get_recent_posts tool. */
export function getRecentPostsTool(): McpTool<ThreadsToolConfig> {
  return defineTool({
    name: 'get_recent_posts',
    title: 'List recent Threads posts',
    description:
      "Lists the connected Threads profile's posts (text, images, replies it published), newest first: id, " +
      'text, media_type, permalink, timestamp. Use an id with get_post_insights for views and likes. Returns ' +
      'at most limit posts and a next_cursor for older ones.',
    inputSchema: GetRecentPostsInput,
    outputSchema: GetRecentPostsOutput,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    handler: async (args, ctx: ToolContext<ThreadsToolConfig>) => {
      const { threads, threadsUserId } = await openThreads(ctx);
      const page = await threads.getRecentPosts({ limit: args.limit, after: args.after });
      return {
        account_id: threadsUserId,
        posts: page.data,
        count: page.data.length,
        next_cursor: page.paging.after ?? null,
      };
    },
  });
}
