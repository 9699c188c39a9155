// get_recent_media: one page of the account's posts, newest first, with captions, links and counts.
import { z } from 'zod';
import { defineTool, limitField, type McpTool, type ToolContext } from '@socialvault/mcp-kit';
import { INSTAGRAM_RECENT_MEDIA_MAX_LIMIT } from '@socialvault/platforms';
import type { InstagramToolConfig } from '../config';
import { openInstagram } from '../instagram-client';
import { MediaOutput } from '../schemas';

export const GetRecentMediaInput = z.object({
  limit: limitField({
    max: INSTAGRAM_RECENT_MEDIA_MAX_LIMIT,
    defaultValue: 10,
    description: `How many posts to return, newest first, 1-${INSTAGRAM_RECENT_MEDIA_MAX_LIMIT} (default 10).`,
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

export const GetRecentMediaOutput = z.object({
  account_id: z.string().describe('Instagram business account id the posts belong to'),
  media: z.array(MediaOutput).describe('Posts, newest first'),
  count: z.number().int().describe('Number of posts in media'),
  next_cursor: z
    .string()
    .nullable()
    .describe('Pass as after to read the next (older) page; null when there are no more posts'),
});

/** The get_recent_media tool. */
export function getRecentMediaTool(): McpTool<InstagramToolConfig> {
  return defineTool({
    name: 'get_recent_media',
    title: 'List recent Instagram posts',
    description:
      "Lists the connected Instagram business account's posts (images, carousels, reels), newest first: id, " +
      'caption, media_type, permalink, timestamp, like_count, comments_count and media URLs. Use an id with ' +
      'get_media_insights for views and reach. Returns at most limit posts and a next_cursor for older ones.',
    inputSchema: GetRecentMediaInput,
    outputSchema: GetRecentMediaOutput,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    handler: async (args, ctx: ToolContext<InstagramToolConfig>) => {
      const { ig, igUserId } = await openInstagram(ctx);
      const page = await ig.getRecentMedia({ limit: args.limit, after: args.after });
      return {
        account_id: igUserId,
        media: page.data,
        count: page.data.length,
        next_cursor: page.paging.after ?? null,
      };
    },
  });
}
