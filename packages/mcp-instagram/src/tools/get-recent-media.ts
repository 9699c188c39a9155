// get_recent_media: one page of the account's posts, newest first, with captions, links and counts.
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
import { INSTAGRAM_RECENT_MEDIA_MAX_LIMIT, type InstagramMedia } from '@socialvault/platforms';
import type { InstagramToolConfig } from '../config';
import { openInstagram } from '../session';

export const GetRecentMediaInput = z.object({
  limit: recentPostsLimitField(INSTAGRAM_RECENT_MEDIA_MAX_LIMIT),
  after: pagingCursorField,
});

/** One post: the common core (caption is `text`, permalink `url`, like and comment counts in `metrics`). */
const MediaOutput = recentPostOutput({
  media_type: z.string().nullable().describe('IMAGE, VIDEO or CAROUSEL_ALBUM'),
  media_product_type: z.string().nullable().describe('FEED, REELS, STORY or AD'),
  media_url: z.string().nullable().describe('URL of the image or video file'),
  thumbnail_url: z.string().nullable().describe('Thumbnail URL (videos)'),
  shortcode: z.string().nullable().describe('Shortcode in the post URL'),
});

export const GetRecentMediaOutput = recentPostsOutput(MediaOutput, { next_cursor: nextPageField('after') });

/** A Graph media object in the shape every get_recent_* result shares. */
function toPost(media: InstagramMedia, accountId: string): z.input<typeof MediaOutput> {
  return {
    id: media.id,
    url: media.permalink ?? null,
    created_at: isoInstantOrNull(media.timestamp),
    text: media.caption ?? '',
    account_id: accountId,
    metrics: postMetrics({ likes: media.like_count, comments: media.comments_count }),
    media_type: media.media_type ?? null,
    media_product_type: media.media_product_type ?? null,
    media_url: media.media_url ?? null,
    thumbnail_url: media.thumbnail_url ?? null,
    shortcode: media.shortcode ?? null,
  };
}

/** The get_recent_media tool. */
export function getRecentMediaTool(): McpTool<InstagramToolConfig> {
  return defineTool({
    name: 'get_recent_media',
    title: 'List recent Instagram posts',
    description:
      "Lists the connected Instagram business account's posts (images, carousels, reels), newest first, in " +
      'posts: id, url (permalink), created_at, text (caption), account_id, metrics (likes, comments), ' +
      'media_type and media URLs. Use an id with get_media_insights for views and reach. Returns at most limit ' +
      'posts and a next_cursor for older ones.',
    inputSchema: GetRecentMediaInput,
    outputSchema: GetRecentMediaOutput,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    handler: async (args, ctx: ToolContext<InstagramToolConfig>) => {
      const { ig, credential } = await openInstagram(ctx);
      const page = await ig.getRecentMedia({ limit: args.limit, after: args.after });
      return {
        account_id: credential.accountId,
        posts: page.data.map((media) => toPost(media, credential.accountId)),
        count: page.data.length,
        next_cursor: page.paging.after ?? null,
      };
    },
  });
}
