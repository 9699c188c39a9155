// get_post_metrics: the public metrics of one post (likes, reposts, replies, quotes, bookmarks, impressions).
import { z } from 'zod';
import { defineTool, type McpTool, type ToolContext } from '@socialvault/mcp-kit';
import type { XToolConfig } from '../config';
import { openX, postUrl } from '../session';
import { publicMetricsShape } from './shared';

export const GetPostMetricsInput = z.object({
  post_id: z
    .string()
    .trim()
    .regex(/^[0-9]{1,19}$/, { error: 'must be an X post id (digits only)' })
    .describe('Id of the post, as returned by get_recent_posts or publish_post (the number in its URL).'),
});

export const GetPostMetricsOutput = z.object({
  post_id: z.string().describe('The post the metrics belong to'),
  text: z.string().describe('Text of the post'),
  created_at: z.string().optional().describe('Publication time, ISO-8601 UTC'),
  url: z.string().describe('Public URL of the post'),
  ...publicMetricsShape,
});

/** The get_post_metrics tool. */
export function getPostMetricsTool(): McpTool<XToolConfig> {
  return defineTool({
    name: 'get_post_metrics',
    title: 'Read the metrics of one post on X',
    description:
      'Reads the public metrics of one post and returns each as a number under its own name, e.g. ' +
      '{"post_id": "…", "like_count": 64, "retweet_count": 5, "reply_count": 3, "quote_count": 1, ' +
      '"bookmark_count": 2, "impression_count": 1520}. Works for any visible post; not_found when it does not ' +
      'exist or was deleted.',
    inputSchema: GetPostMetricsInput,
    outputSchema: GetPostMetricsOutput,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    handler: async (args, ctx: ToolContext<XToolConfig>) => {
      const { x, credential } = await openX(ctx);
      const post = await x.getPost(args.post_id);
      const metrics = post.public_metrics ?? {
        like_count: 0,
        retweet_count: 0,
        reply_count: 0,
        quote_count: 0,
      };
      return {
        post_id: post.id,
        text: post.text,
        ...(post.created_at ? { created_at: post.created_at } : {}),
        url: postUrl(credential.username, post.id),
        ...metrics,
      };
    },
  });
}
