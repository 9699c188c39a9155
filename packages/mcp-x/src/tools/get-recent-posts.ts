// get_recent_posts: one page of the account's posts, newest first, with their public metrics.
import { z } from 'zod';
import {
  defineTool,
  isoInstantOrNull,
  nextPageField,
  pagingCursorField,
  postMetrics,
  recentPostOutput,
  recentPostsLimitField,
  recentPostsOutput,
  type McpTool,
  type ToolContext,
} from '@socialvault/mcp-kit';
import { X_RECENT_POSTS_MAX_LIMIT, type XPost } from '@socialvault/platforms';
import type { XToolConfig } from '../config';
import { openX, postUrl } from '../session';
import { PublicMetricsOutput } from './shared';

export const GetRecentPostsInput = z.object({
  limit: recentPostsLimitField(X_RECENT_POSTS_MAX_LIMIT),
  cursor: pagingCursorField,
  exclude_replies: z
    .boolean()
    .optional()
    .describe('Leave out the account\u2019s replies to other posts (default false: replies are listed too).'),
});

/** One post: the common core (X's public_metrics also under the common names in `metrics`). */
const RecentPostOutput = recentPostOutput({
  public_metrics: PublicMetricsOutput.optional(),
  in_reply_to_user_id: z.string().optional().describe('Set when the post is a reply: the author replied to'),
});

export const GetRecentPostsOutput = recentPostsOutput(RecentPostOutput, {
  next_cursor: nextPageField('cursor'),
});

/** An X post in the shape every get_recent_* result shares. */
function toPost(post: XPost, url: string, accountId: string): z.input<typeof RecentPostOutput> {
  const counts = post.public_metrics;
  return {
    id: post.id,
    url,
    created_at: isoInstantOrNull(post.created_at),
    text: post.text,
    account_id: accountId,
    metrics: postMetrics({
      likes: counts?.like_count,
      comments: counts?.reply_count,
      shares: counts?.retweet_count,
      quotes: counts?.quote_count,
      saves: counts?.bookmark_count,
      views: counts?.impression_count,
    }),
    ...(counts ? { public_metrics: counts } : {}),
    ...(post.in_reply_to_user_id ? { in_reply_to_user_id: post.in_reply_to_user_id } : {}),
  };
}

/** The get_recent_posts tool. */
export function getRecentPostsTool(): McpTool<XToolConfig> {
  return defineTool({
    name: 'get_recent_posts',
    title: 'List recent posts on X',
    description:
      "Lists the connected X account's posts, newest first, each with id, url, created_at, text, account_id, " +
      "metrics (likes, comments, shares, quotes, saves, views) and X's own public_metrics. Returns at most " +
      'limit posts and a next_cursor for older ones.',
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
        account_id: credential.accountId,
        posts: page.data.map((post) =>
          toPost(post, postUrl(credential.username, post.id), credential.accountId),
        ),
        count: page.data.length,
        next_cursor: page.nextCursor ?? null,
      };
    },
  });
}
