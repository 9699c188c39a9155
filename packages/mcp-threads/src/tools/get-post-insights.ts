// get_post_insights: lifetime metrics of one Threads post by name (views, likes, replies, reposts, quotes, shares).
import { z } from 'zod';
import { defineTool, metricList, metricsField, type McpTool, type ToolContext } from '@socialvault/mcp-kit';
import {
  assertThreadsMetrics,
  DEFAULT_THREADS_POST_METRICS,
  THREADS_POST_METRICS,
} from '@socialvault/platforms';
import type { ThreadsToolConfig } from '../config';
import { openThreads } from '../session';
import { threadsMetricValuesShape } from './shared';

export const GetPostInsightsInput = z.object({
  post_id: z
    .string()
    .trim()
    .regex(/^[0-9]{1,40}$/, { error: 'must be a Threads post id (digits only)' })
    .describe('Id of a post of this profile, as returned by get_recent_posts or publish_post.'),
  metrics: metricsField(
    `Metrics to read, as an array or a comma-separated string. Default and choices: ${THREADS_POST_METRICS.join(', ')}.`,
  ),
});

export const GetPostInsightsOutput = z.object({
  post_id: z.string().describe('The post the metrics belong to'),
  ...threadsMetricValuesShape(THREADS_POST_METRICS),
});

/** The get_post_insights tool. */
export function getPostInsightsTool(): McpTool<ThreadsToolConfig> {
  return defineTool({
    name: 'get_post_insights',
    title: 'Read insights of one Threads post',
    description:
      'Reads lifetime metrics of one post of the connected Threads profile and returns each as a number under ' +
      'its own name, e.g. {"post_id": "…", "views": 1520, "likes": 64, "replies": 3, "reposts": 2, "quotes": 1, ' +
      '"shares": 0}. Metrics do not include nested replies. Unknown metric names are refused with invalid_input ' +
      '(Threads calls impressions "views").',
    inputSchema: GetPostInsightsInput,
    outputSchema: GetPostInsightsOutput,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    handler: async (args, ctx: ToolContext<ThreadsToolConfig>) => {
      const requested = metricList(args.metrics);
      const metrics = assertThreadsMetrics('post', requested ?? DEFAULT_THREADS_POST_METRICS);
      const { threads } = await openThreads(ctx);
      const insights = await threads.getPostInsights(args.post_id, metrics);
      return { post_id: args.post_id, ...insights.totals };
    },
  });
}
