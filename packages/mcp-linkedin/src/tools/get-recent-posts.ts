// get_recent_posts: the member's own posts, newest first, with reaction and comment counts where LinkedIn allows.
import { z } from 'zod';
import { defineTool, limitField, type McpTool, type ToolContext } from '@socialvault/mcp-kit';
import { LINKEDIN_RECENT_POSTS_MAX_COUNT } from '@socialvault/platforms';
import type { LinkedInToolConfig } from '../config';
import { openLinkedIn } from '../linkedin-session';

export const GetRecentPostsInput = z.object({
  limit: limitField({
    max: LINKEDIN_RECENT_POSTS_MAX_COUNT,
    defaultValue: 10,
    description: `How many posts to return, newest first, 1-${LINKEDIN_RECENT_POSTS_MAX_COUNT} (default 10).`,
  }),
  start: z.coerce
    .number()
    .int()
    .min(0)
    .max(10_000)
    .optional()
    .describe(
      'Paging offset: the next_start of the previous call, to read older posts. Omit for the newest.',
    ),
});

const PostOutput = z.object({
  post_urn: z.string().describe('Post id, urn:li:share:… or urn:li:ugcPost:…'),
  post_url: z.string().describe('Public URL of the post'),
  text: z.string().describe('The post text as readers see it'),
  visibility: z.string().describe('PUBLIC, CONNECTIONS, LOGGED_IN or CONTAINER'),
  lifecycle_state: z.string().describe('PUBLISHED, DRAFT, …'),
  created_at: z.string().optional().describe('Creation time, ISO-8601 UTC'),
  published_at: z.string().optional().describe('Publication time, ISO-8601 UTC'),
  image_urn: z.string().optional().describe('Attached image, urn:li:image:…'),
  reactions: z.number().int().optional().describe('All reactions (likes, celebrates, …) together'),
  reactions_by_type: z
    .record(z.string(), z.number().int())
    .optional()
    .describe(
      'Reactions per type: LIKE, PRAISE (celebrate), EMPATHY (love), INTEREST (insightful), APPRECIATION (support), ENTERTAINMENT (funny)',
    ),
  comments: z.number().int().optional().describe('Comments'),
});

export const GetRecentPostsOutput = z.object({
  author_urn: z.string().describe('The member whose posts these are'),
  posts: z.array(PostOutput).describe('Posts, newest first'),
  count: z.number().int().describe('Number of posts returned'),
  next_start: z
    .number()
    .int()
    .nullable()
    .describe('Pass as start to read older posts; null when there are no more'),
  not_available: z.string().describe('What LinkedIn does not give this token, in one sentence'),
});

const NOT_AVAILABLE =
  'Impressions, reach, clicks and other post analytics are not available to a member token; only reaction and comment counts are.';

/** The get_recent_posts tool. */
export function getRecentPostsTool(): McpTool<LinkedInToolConfig> {
  return defineTool({
    name: 'get_recent_posts',
    title: 'List recent LinkedIn posts',
    description:
      "Lists the connected member's own LinkedIn posts, newest first: text, visibility, time, image, and the " +
      'reaction and comment counts. Not available: impressions, reach, clicks and other analytics (LinkedIn ' +
      'gives them to member tokens not at all). Reading posts needs the r_member_social permission, which ' +
      'LinkedIn grants only to approved partner apps: with a plain "Share on LinkedIn" app this tool answers ' +
      'platform_error saying so, while publish_post still works.',
    inputSchema: GetRecentPostsInput,
    outputSchema: GetRecentPostsOutput,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    handler: async (args, ctx: ToolContext<LinkedInToolConfig>) => {
      const session = await openLinkedIn(ctx);
      const author = await session.authorUrn();
      const page = await session.li.getRecentPosts(author, { count: args.limit, start: args.start });
      return {
        author_urn: author,
        posts: page.posts.map((post) => ({
          post_urn: post.postUrn,
          post_url: post.postUrl,
          text: post.text,
          visibility: post.visibility,
          lifecycle_state: post.lifecycleState,
          ...(post.createdAt ? { created_at: post.createdAt } : {}),
          ...(post.publishedAt ? { published_at: post.publishedAt } : {}),
          ...(post.imageUrn ? { image_urn: post.imageUrn } : {}),
          ...(post.engagement
            ? {
                reactions: post.engagement.totalReactions,
                reactions_by_type: post.engagement.reactions,
                comments: post.engagement.comments,
              }
            : {}),
        })),
        count: page.posts.length,
        next_start: page.nextStart,
        not_available: NOT_AVAILABLE,
      };
    },
  });
}
