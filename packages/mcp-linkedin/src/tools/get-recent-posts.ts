// get_recent_posts: the member's own posts, newest first, with reaction and comment counts where LinkedIn allows.
import { z } from 'zod';
import {
  defineTool,
  isoInstantOrNull,
  postMetrics,
  recentPostsLimitField,
  recentPostOutput,
  recentPostsOutput,
  type McpTool,
  type ToolContext,
} from '@socialvault/mcp-kit';
import { LINKEDIN_RECENT_POSTS_MAX_COUNT, type LinkedInPost } from '@socialvault/platforms';
import type { LinkedInToolConfig } from '../config';
import { openLinkedIn } from '../session';
import { notAvailableField } from './shared';

export const GetRecentPostsInput = z.object({
  limit: recentPostsLimitField(LINKEDIN_RECENT_POSTS_MAX_COUNT),
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

/** One post: the common core (`id` is the post URN; reactions are `metrics.likes`). */
const PostOutput = recentPostOutput({
  visibility: z.string().describe('PUBLIC, CONNECTIONS, LOGGED_IN or CONTAINER'),
  lifecycle_state: z.string().describe('PUBLISHED, DRAFT, …'),
  image_urn: z.string().optional().describe('Attached image, urn:li:image:…'),
  reactions_by_type: z
    .record(z.string(), z.number().int())
    .optional()
    .describe(
      'Reactions per type: LIKE, PRAISE (celebrate), EMPATHY (love), INTEREST (insightful), APPRECIATION (support), ENTERTAINMENT (funny)',
    ),
});

export const GetRecentPostsOutput = recentPostsOutput(PostOutput, {
  author_urn: z.string().describe('The member whose posts these are, urn:li:person:…'),
  next_start: z
    .number()
    .int()
    .nullable()
    .describe('Pass as start to read older posts; null when there are no more'),
  not_available: notAvailableField,
});

/** A LinkedIn post in the shape every get_recent_* result shares. */
function toPost(post: LinkedInPost, accountId: string): z.input<typeof PostOutput> {
  return {
    id: post.postUrn,
    url: post.postUrl,
    created_at: isoInstantOrNull(post.publishedAt ?? post.createdAt),
    text: post.text,
    account_id: accountId,
    metrics: postMetrics({ likes: post.engagement?.totalReactions, comments: post.engagement?.comments }),
    visibility: post.visibility,
    lifecycle_state: post.lifecycleState,
    ...(post.imageUrn ? { image_urn: post.imageUrn } : {}),
    ...(post.engagement ? { reactions_by_type: post.engagement.reactions } : {}),
  };
}

const NOT_AVAILABLE =
  'Impressions, reach, clicks and other post analytics are not available to a member token; only reaction and comment counts are.';

/** The get_recent_posts tool. */
export function getRecentPostsTool(): McpTool<LinkedInToolConfig> {
  return defineTool({
    name: 'get_recent_posts',
    title: 'List recent LinkedIn posts',
    description:
      "Lists the connected member's own LinkedIn posts, newest first: id (the post URN), url, created_at, " +
      'text, account_id, metrics (likes = all reactions, comments), visibility and image. Not available: impressions, reach, clicks and other analytics (LinkedIn ' +
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
        account_id: session.credential.accountId,
        author_urn: author,
        posts: page.posts.map((post) => toPost(post, session.credential.accountId)),
        count: page.posts.length,
        next_start: page.nextStart,
        not_available: NOT_AVAILABLE,
      };
    },
  });
}
