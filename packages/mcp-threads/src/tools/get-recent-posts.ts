// get_recent_posts: one page of the profile's posts, newest first, with text, type and links.
import { z } from 'zod';
import {
  defineTool,
  isoInstantOrNull,
  nextPageField,
  pagingCursorField,
  recentPostOutput,
  recentPostsLimitField,
  recentPostsOutput,
  type McpTool,
  type ToolContext,
} from '@socialvault/mcp-kit';
import { THREADS_RECENT_POSTS_MAX_LIMIT, type ThreadsPost } from '@socialvault/platforms';
import type { ThreadsToolConfig } from '../config';
import { openThreads } from '../session';

export const GetRecentPostsInput = z.object({
  limit: recentPostsLimitField(THREADS_RECENT_POSTS_MAX_LIMIT),
  after: pagingCursorField,
});

/** One post: the common core (permalink is `url`, timestamp `created_at`; Threads lists no counts here). */
const PostOutput = recentPostOutput({
  media_type: z
    .string()
    .nullable()
    .describe('TEXT_POST, IMAGE, VIDEO, CAROUSEL_ALBUM, AUDIO or REPOST_FACADE'),
  media_url: z.string().nullable().describe('URL of the image or video'),
  shortcode: z.string().nullable().describe('Shortcode in the post URL'),
  username: z.string().nullable().describe('Handle of the profile'),
  is_quote_post: z.boolean().describe('True when the post quotes another one'),
});

export const GetRecentPostsOutput = recentPostsOutput(PostOutput, { next_cursor: nextPageField('after') });

/** A Threads post in the shape every get_recent_* result shares. */
function toPost(post: ThreadsPost, accountId: string): z.input<typeof PostOutput> {
  return {
    id: post.id,
    url: post.permalink ?? null,
    created_at: isoInstantOrNull(post.timestamp),
    text: post.text ?? '',
    account_id: accountId,
    metrics: {},
    media_type: post.media_type ?? null,
    media_url: post.media_url ?? null,
    shortcode: post.shortcode ?? null,
    username: post.username ?? null,
    is_quote_post: post.is_quote_post === true,
  };
}

/** The get_recent_posts tool. */
export function getRecentPostsTool(): McpTool<ThreadsToolConfig> {
  return defineTool({
    name: 'get_recent_posts',
    title: 'List recent Threads posts',
    description:
      "Lists the connected Threads profile's posts (text, images, replies it published), newest first: id, " +
      'url (permalink), created_at, text, account_id, media_type; metrics is empty (Threads lists no counts): ' +
      'use an id with get_post_insights for views and likes. Returns at most limit posts and a next_cursor ' +
      'for older ones.',
    inputSchema: GetRecentPostsInput,
    outputSchema: GetRecentPostsOutput,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    handler: async (args, ctx: ToolContext<ThreadsToolConfig>) => {
      const { threads, credential } = await openThreads(ctx);
      const page = await threads.getRecentPosts({ limit: args.limit, after: args.after });
      return {
        account_id: credential.accountId,
        posts: page.data.map((post) => toPost(post, credential.accountId)),
        count: page.data.length,
        next_cursor: page.paging.after ?? null,
      };
    },
  });
}
