// get_media_insights: one post's metrics (views, reach, likes, …) by name.
import { z } from 'zod';
import { defineTool, metricList, metricsField, type McpTool, type ToolContext } from '@socialvault/mcp-kit';
import { DEFAULT_INSTAGRAM_MEDIA_METRICS, INSTAGRAM_MEDIA_METRICS } from '@socialvault/platforms';
import type { InstagramToolConfig } from '../config';
import { openInstagram } from '../session';
import { checkMetrics, GraphInsightOutput, instagramMetricValuesShape } from './shared';

export const GetMediaInsightsInput = z.object({
  media_id: z
    .string()
    .trim()
    .regex(/^[0-9]{1,40}$/, { error: 'must be a numeric Instagram media id' })
    .describe(
      'Id of a post of this account, as returned by get_recent_media or a publish tool (digits only).',
    ),
  metrics: metricsField(
    `Metrics to read, as an array or a comma-separated string. Default: ` +
      `${DEFAULT_INSTAGRAM_MEDIA_METRICS.join(', ')} (valid for posts, carousels and reels). ` +
      `Current: ${INSTAGRAM_MEDIA_METRICS.join(', ')}. impressions, plays and video_views no longer exist (use views).`,
  ),
});

export const GetMediaInsightsOutput = z.object({
  media_id: z.string().describe('The post the metrics belong to'),
  ...instagramMetricValuesShape('media'),
  data: z.array(GraphInsightOutput).describe("Graph's insight rows as returned"),
});

/** The get_media_insights tool. */
export function getMediaInsightsTool(): McpTool<InstagramToolConfig> {
  return defineTool({
    name: 'get_media_insights',
    title: 'Read insights of one Instagram post',
    description:
      'Reads lifetime insights of one post, carousel or reel of the connected Instagram business account and ' +
      'returns each metric as a number under its own name, e.g. {"media_id": "…", "views": 1520, "reach": 980, ' +
      '"likes": 64, …}, plus the raw Graph rows in data. Some metrics exist only for some media types ' +
      '(ig_reels_* for reels, replies and navigation for stories); Instagram refuses the others. ' +
      'Deprecated metrics (impressions, plays, video_views, …) are refused with invalid_input naming their replacement.',
    inputSchema: GetMediaInsightsInput,
    outputSchema: GetMediaInsightsOutput,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    handler: async (args, ctx: ToolContext<InstagramToolConfig>) => {
      const requested = metricList(args.metrics);
      const metrics = requested === undefined ? undefined : checkMetrics('media', requested);
      const { ig } = await openInstagram(ctx);
      const insights = await ig.getMediaInsights(args.media_id, metrics);
      return { media_id: args.media_id, ...insights.totals, data: insights.data };
    },
  });
}
