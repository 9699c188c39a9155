// get_post_insights: lifetime analytics of one member post (impressions, members reached, reshares, reactions, comments).
import { z } from 'zod';
import { AppError } from '@socialvault/common';
import { defineTool, metricList, metricsField, type McpTool, type ToolContext } from '@socialvault/mcp-kit';
import { LINKEDIN_POST_METRICS, type LinkedInPostMetric } from '@socialvault/platforms';
import type { LinkedInToolConfig } from '../config';
import { openLinkedIn } from '../session';

const METRIC_NAMES = Object.keys(LINKEDIN_POST_METRICS) as LinkedInPostMetric[];

export const GetPostInsightsInput = z.object({
  post_urn: z
    .string()
    .trim()
    .regex(/^urn:li:(share|ugcPost):[0-9]{1,25}$/, {
      error: 'must be a post URN, urn:li:share:<digits> or urn:li:ugcPost:<digits>',
    })
    .describe(
      'The post, as publish_post or get_recent_posts return it: urn:li:share:<digits> or urn:li:ugcPost:<digits>.',
    ),
  metrics: metricsField(
    `Metrics to read, as an array or a comma-separated string. Default and choices: ${METRIC_NAMES.join(', ')}.`,
    METRIC_NAMES.length,
  ),
});

export const GetPostInsightsOutput = z.object({
  post_urn: z.string().describe('The post the metrics belong to'),
  account_id: z.string().describe('The account_id the vault knows the author by'),
  ...Object.fromEntries(
    METRIC_NAMES.map((name) => [
      name,
      z
        .number()
        .int()
        .min(0)
        .optional()
        .describe(`Lifetime ${name.replace('_', ' ')} (when asked for)`),
    ]),
  ),
});

/** The requested metric names, checked against the five LinkedIn reports. */
function checkMetrics(requested: string[] | undefined): LinkedInPostMetric[] {
  if (requested === undefined) return METRIC_NAMES;
  const unknown = requested.filter((name) => !(METRIC_NAMES as string[]).includes(name));
  if (unknown.length > 0) {
    throw new AppError(
      'invalid_input',
      `Unknown LinkedIn post metric${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`,
      {
        hint: `Use some of: ${METRIC_NAMES.join(', ')} (or omit metrics for all of them).`,
        details: { field: 'metrics' },
      },
    );
  }
  return [...new Set(requested as LinkedInPostMetric[])];
}

/** The get_post_insights tool. */
export function getPostInsightsTool(): McpTool<LinkedInToolConfig> {
  return defineTool({
    name: 'get_post_insights',
    title: 'Read analytics of one LinkedIn post',
    description:
      "Reads lifetime analytics of one of the connected member's own posts from LinkedIn's member post " +
      'analytics and returns each as a number under its own name, e.g. {"post_urn": "urn:li:share:…", ' +
      '"impressions": 154, "members_reached": 107, "reshares": 1, "reactions": 5, "comments": 2}. Needs the ' +
      'r_member_postAnalytics permission (LinkedIn grants it to approved apps): without it the call fails with ' +
      'platform_error saying so. Posts of other members are not_found.',
    inputSchema: GetPostInsightsInput,
    outputSchema: GetPostInsightsOutput,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    handler: async (args, ctx: ToolContext<LinkedInToolConfig>) => {
      const metrics = checkMetrics(metricList(args.metrics));
      const { li, credential } = await openLinkedIn(ctx);
      const totals = await li.getPostAnalytics(args.post_urn, metrics);
      return { post_urn: args.post_urn, account_id: credential.accountId, ...totals };
    },
  });
}
