// get_account_insights: account metrics (reach, views, …) by name over a day, a week, 28 days or a since/until range.
import { z } from 'zod';
import {
  defineTool,
  instantField,
  metricList,
  metricsField,
  type McpTool,
  type ToolContext,
} from '@socialvault/mcp-kit';
import { DEFAULT_INSTAGRAM_ACCOUNT_METRICS, INSTAGRAM_ACCOUNT_METRICS } from '@socialvault/platforms';
import type { InstagramToolConfig } from '../config';
import { openInstagram } from '../session';
import { checkMetrics, GraphInsightOutput, instagramMetricValuesShape } from './shared';

export const GetAccountInsightsInput = z.object({
  metrics: metricsField(
    `Metrics to read, as an array or a comma-separated string ("reach,views"). Default: ` +
      `${DEFAULT_INSTAGRAM_ACCOUNT_METRICS.join(', ')}. Current: ${INSTAGRAM_ACCOUNT_METRICS.join(', ')}. ` +
      'impressions and profile_views no longer exist (use views).',
  ),
  period: z
    .enum(['day', 'week', 'days_28'])
    .default('day')
    .describe(
      'Window to total over when since/until are not given: day = last 24 h, week = last 7 days, ' +
        'days_28 = last 28 days (default day). With since/until, the totals cover that range instead.',
    ),
  since: instantField(
    'Range start: ISO-8601 (2025-05-01 or 2025-05-01T00:00:00Z, UTC when no offset) or unix seconds. ' +
      'At most 30 days before until; data can lag up to 48 h.',
  ),
  until: instantField('Range end: ISO-8601 or unix seconds (default now).'),
});

export const GetAccountInsightsOutput = z.object({
  account_id: z
    .string()
    .describe('The account_id the vault knows the account by (the one other tools accept)'),
  ...instagramMetricValuesShape('account'),
  period: z.enum(['day', 'week', 'days_28']).describe('The period argument used'),
  since: z.string().optional().describe('Start of the range read, ISO-8601 UTC'),
  until: z.string().optional().describe('End of the range read, ISO-8601 UTC'),
  data: z
    .array(GraphInsightOutput)
    .describe("Graph's insight rows as returned, for detail beyond the totals"),
});

/** The get_account_insights tool. */
export function getAccountInsightsTool(): McpTool<InstagramToolConfig> {
  return defineTool({
    name: 'get_account_insights',
    title: 'Read Instagram account insights',
    description:
      'Reads account-level insights of the connected Instagram business account and returns each metric as a ' +
      'number under its own name, e.g. {"reach": 8921, "views": 12543, "period": "day", "since": …, "until": …}, ' +
      "plus Graph's raw rows in data. Totals cover the last day, week or 28 days (period), or the since/until " +
      'range (at most 30 days). A metric Instagram has no data for is left out. Deprecated metrics ' +
      '(impressions, profile_views, website_clicks, …) are refused with invalid_input naming their replacement.',
    inputSchema: GetAccountInsightsInput,
    outputSchema: GetAccountInsightsOutput,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    handler: async (args, ctx: ToolContext<InstagramToolConfig>) => {
      const requested = metricList(args.metrics);
      const metrics = requested === undefined ? undefined : checkMetrics('account', requested);
      const { ig, credential } = await openInstagram(ctx);
      const insights = await ig.getAccountInsights({
        metrics,
        period: args.period,
        since: args.since,
        until: args.until,
      });
      return {
        account_id: credential.accountId,
        ...insights.totals,
        period: insights.period,
        ...(insights.since ? { since: insights.since } : {}),
        ...(insights.until ? { until: insights.until } : {}),
        data: insights.data,
      };
    },
  });
}
