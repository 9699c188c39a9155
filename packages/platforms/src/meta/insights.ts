// Graph insight rows (Instagram and Threads share the shape) and their reduction to one number per metric.
// @see https://developers.facebook.com/docs/instagram-platform/api-reference/instagram-user/insights
// @see https://developers.facebook.com/docs/threads/insights
import { AppError } from '@socialvault/common';

/** One metric as Graph returns it: a lifetime/daily `values` series or a `total_value`. */
export interface GraphInsight {
  name: string;
  period: string;
  title?: string;
  description?: string;
  id?: string;
  values?: { value: number | Record<string, number>; end_time?: string }[];
  total_value?: { value: number; breakdowns?: unknown[] };
}

/**
 * Insights read back: `totals` maps each returned metric to one number (its total_value, the single
 * lifetime value, or the sum of a daily series); `data` is Graph's answer as is. A metric Graph has no
 * data for is absent from `totals` (Graph returns nothing rather than 0).
 */
export interface InsightsResult {
  totals: Record<string, number>;
  data: GraphInsight[];
}

/** One number per metric: total_value, else the sum of the series (a lifetime series has one value). */
export function insightTotal(insight: GraphInsight): number | undefined {
  if (typeof insight.total_value?.value === 'number') return insight.total_value.value;
  const numbers = (insight.values ?? [])
    .map((v) => v.value)
    .filter((v): v is number => typeof v === 'number');
  return numbers.length > 0 ? numbers.reduce((sum, v) => sum + v, 0) : undefined;
}

/** Graph's rows with their totals by metric name. */
export function toInsightsResult(data: GraphInsight[]): InsightsResult {
  const totals: Record<string, number> = {};
  for (const insight of data) {
    const total = insightTotal(insight);
    if (total !== undefined) totals[insight.name] = total;
  }
  return { totals, data };
}

/**
 * Unix seconds from unix seconds (number or digits) or ISO-8601.
 * @throws AppError invalid_input naming `field` when it is neither.
 */
export function toUnixSeconds(value: string | number, field: string): number {
  const seconds = typeof value === 'number' || /^\d+$/.test(value) ? Number(value) : Date.parse(value) / 1000;
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new AppError(
      'invalid_input',
      `${field} must be ISO-8601 or unix seconds, got ${JSON.stringify(value)}`,
      {
        hint: 'Pass e.g. 2025-05-01T00:00:00Z.',
        details: { field },
      },
    );
  }
  return Math.floor(seconds);
}
