// get_recent_posts: one page of the account's posts, newest first, with their public metrics.
import { z } from 'zod';
import { defineTool, limitField, type McpTool, type ToolContext } from '@socialvault/mcp-kit';
import type { XToolConfig } from '../config';
import { openX, postUrl } from '../x-session';
import { PublicMetricsOutput } from './post-output';

export const GetRecentPostsInput = z.object({
  limit: limitField({
    max: 100,
    defaultValue: 10,
    description: 'How many posts to return, newest first, 1-100 (default 10).',
  }),
  cursor: z
    .string()
    .trim()
    .min(1)
    .max(512)
    .optional()
    .describe(
      'Paging cursor: the next_cursor of the previous call, to read older posts. Omit for the newest.',
    ),
  exclude_replies: z
    .boolean()
    .optional()
    .describe('Leave out the account\u2019s replies to other posts (default false: replies are listed too).'),
});

export const RecentPostOutput = z.object({
  id: z.string().describe('Post id; pass it to get_post_metrics or as reply_to_id'),
  text: z.string().describe('Text of the post'),
  created_at: z.string().optional().describe('Publication time, ISO-8601 UTC'),
  url: z.string().describe('Public URL of the post'),
  public_metrics: PublicMetricsOutput.optional(),
  in_reply_to_user_id: z.string().optional().describe('Set when the post is a reply: the author replied to'),
});

export const GetRecentPostsOutput = z.object({
  account_id: z.string().describe('X user id the posts belong to'),
  posts: z.array(RecentPostOutput).describe('Posts, newest first'),
  count: z.number().int().describe('Number of posts in posts'),
  next_cursor: z
    .string()
    .nullable()
    .describe('Pass as cursor to read older posts; null when there are no more'),
});

/** The get_recent_posts tool. */
export function getRecentPostsTool(): McpTool<XToolConfig> {
  return defineTool({
    name: 'get_recent_posts',
    title: 'List recent posts on X',
    description:
      "Lists the connected X account's posts, newest first, each with id, text, created_at, url and its " +
      'public_metrics (likes, reposts, replies, quotes, bookmarks, impressions). Returns at most limit posts ' +
      'and a next_cursor for older ones.',
    inputSchema: GetRecentPostsInput,
    outputSchema: GetRecentPostsOutput,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    handler: async (args, ctx: ToolContext<XToolConfig>) => {
      const { x, credential, userId } = await openX(ctx);
      const id = await userId();
      const page = await x.getRecentPosts(id, {
        limit: args.limit,
        cursor: args.cursor,
        excludeReplies: args.exclude_replies,
      });
      return {
        account_id: id,
        posts: page.data.map((post) => ({
          id: post.id,
          text: post.text,
          ...(post.created_at ? { created_at: post.created_at } : {}),
          url: postUrl(credential.username, post.id),
          ...(post.public_metrics ? { public_metrics: post.public_metrics } : {}),
          ...(post.in_reply_to_user_id ? { in_reply_to_user_id: post.in_reply_to_user_id } : {}),
        })),
        count: page.data.length,
        next_cursor: page.nextCursor ?? null,
      };
    },
  });
}
