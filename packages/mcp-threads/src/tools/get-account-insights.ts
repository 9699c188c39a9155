// get_account_insights: profile metrics (views, likes, replies, reposts, quotes, clicks, followers_count) over since/until.
import { z } from 'zod';
import {
  defineTool,
  instantField,
  metricList,
  metricsField,
  type McpTool,
  type ToolContext,
} from '@socialvault/mcp-kit';
import {
  assertThreadsMetrics,
  DEFAULT_THREADS_ACCOUNT_METRICS,
  THREADS_ACCOUNT_METRICS,
} from '@socialvault/platforms';
import type { ThreadsToolConfig } from '../config';
import { openThreads } from '../session';
import { threadsMetricValuesShape } from './shared';

export const GetAccountInsightsInput = z.object({
  metrics: metricsField(
    `Metrics to read, as an array or a comma-separated string ("views,likes"). Default: ` +
      `${DEFAULT_THREADS_ACCOUNT_METRICS.join(', ')}. Choices: ${THREADS_ACCOUNT_METRICS.join(', ')}.`,
  ),
  since: instantField(
    'Range start: ISO-8601 (2025-05-01 or 2025-05-01T00:00:00Z, UTC when no offset) or unix seconds; not before ' +
      '2024-04-13. Omit since and until for Threads\u2019 default range, yesterday through today.',
  ),
  until: instantField('Range end: ISO-8601 or unix seconds (default now when since is given).'),
});

export const GetAccountInsightsOutput = z.object({
  account_id: z
    .string()
    .describe('The account_id the vault knows the profile by (the one other tools accept)'),
  ...threadsMetricValuesShape(THREADS_ACCOUNT_METRICS),
  since: z
    .string()
    .optional()
    .describe('Start of the range read, ISO-8601 UTC (absent: Threads\u2019 default range)'),
  until: z.string().optional().describe('End of the range read, ISO-8601 UTC'),
  views_by_day: z
    .array(
      z.object({
        end_time: z.string().describe('End of the day, ISO-8601'),
        value: z.number().describe('Profile views that day'),
      }),
    )
    .optional()
    .describe('The daily profile views that views sums up (present when views was requested)'),
});

/** The get_account_insights tool. */
export function getAccountInsightsTool(): McpTool<ThreadsToolConfig> {
  return defineTool({
    name: 'get_account_insights',
    title: 'Read Threads profile insights',
    description:
      'Reads profile-level insights of the connected Threads profile and returns each metric as a number under ' +
      'its own name, e.g. {"views": 310, "likes": 95, "replies": 12, "reposts": 4, "quotes": 2, "followers_count": ' +
      '1280, "since": …, "until": …}. views counts profile views (also given per day in views_by_day); likes, ' +
      'replies, reposts, quotes and clicks are totals over the range; followers_count is the current total. ' +
      'Without since/until Threads reads yesterday through today. Data before 2024-04-13 does not exist.',
    inputSchema: GetAccountInsightsInput,
    outputSchema: GetAccountInsightsOutput,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    handler: async (args, ctx: ToolContext<ThreadsToolConfig>) => {
      const requested = metricList(args.metrics);
      const metrics = assertThreadsMetrics('account', requested ?? DEFAULT_THREADS_ACCOUNT_METRICS);
      const { threads, credential } = await openThreads(ctx);
      const insights = await threads.getAccountInsights({ metrics, since: args.since, until: args.until });
      const views = insights.data.find((row) => row.name === 'views');
      const byDay = (views?.values ?? []).flatMap((entry) =>
        typeof entry.value === 'number' && entry.end_time
          ? [{ end_time: entry.end_time, value: entry.value }]
          : [],
      );
      return {
        account_id: credential.accountId,
        ...insights.totals,
        ...(insights.since ? { since: insights.since, until: insights.until } : {}),
        ...(views ? { views_by_day: byDay } : {}),
      };
    },
  });
}
