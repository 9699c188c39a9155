// Insight metric arguments: accepted as an array or a comma-separated string, checked against Graph's current metrics.
import { metricList, metricsField } from '@socialvault/mcp-kit';
import { AppError } from '@socialvault/common';
import {
  checkInstagramMetrics,
  currentInstagramMetrics,
  normalizeMetricName,
  type DeprecatedMetric,
  type InsightsKind,
} from '@socialvault/platforms';

// `metrics` as an array or a comma-separated string: shared with the Threads server through the kit.
export { metricList, metricsField };

function replacementText(kind: InsightsKind, deprecated: DeprecatedMetric): string {
  if (deprecated.replacement && currentInstagramMetrics(kind).includes(deprecated.replacement)) {
    return `${deprecated.metric} → ${deprecated.replacement}`;
  }
  if (deprecated.metric === 'profile_views' && kind === 'account') {
    return 'profile_views → no account-level replacement (get_media_insights has profile_visits per post)';
  }
  return deprecated.replacement
    ? `${deprecated.metric} → ${deprecated.replacement} (not served by this tool)`
    : `${deprecated.metric} → no replacement`;
}

/** The request rewritten with current metrics: replacements in place of deprecated names, duplicates dropped. */
function suggestedMetrics(kind: InsightsKind, requested: readonly string[]): string[] {
  const current = currentInstagramMetrics(kind);
  const { deprecated } = checkInstagramMetrics(kind, requested);
  const suggestion = requested.map(normalizeMetricName).flatMap((name) => {
    const old = deprecated.find((entry) => entry.metric === name);
    if (!old) return current.includes(name) ? [name] : [];
    return old.replacement && current.includes(old.replacement) ? [old.replacement] : [];
  });
  return [...new Set(suggestion)];
}

/**
 * Checks requested metric names before any Graph call and returns them normalised (trimmed,
 * lower-case, de-duplicated).
 * @throws AppError invalid_input when a metric is deprecated (the hint names what replaces each one and
 *   suggests a corrected `metrics` value) or unknown (the hint lists the current metrics).
 * @see https://developers.facebook.com/docs/instagram-platform/api-reference/instagram-user/insights
 * @example checkMetrics('account', ['impressions', 'reach', 'profile_views'])
 *   // throws: hint "impressions → views; profile_views → no account-level replacement (…). Ask for ["views","reach"] instead. …"
 */
export function checkMetrics(kind: InsightsKind, requested: readonly string[]): string[] {
  const current = currentInstagramMetrics(kind);
  const { deprecated, unknown } = checkInstagramMetrics(kind, requested);
  const currentList = `Current ${kind} metrics: ${current.join(', ')}.`;
  if (requested.length === 0) {
    throw new AppError('invalid_input', `No ${kind} metrics were named`, {
      hint: `Omit metrics for the defaults, or name one or more. ${currentList}`,
      details: { field: 'metrics' },
    });
  }
  if (deprecated.length > 0) {
    const suggestion = suggestedMetrics(kind, requested);
    const names = deprecated.map((entry) => entry.metric).join(', ');
    throw new AppError(
      'invalid_input',
      `Instagram no longer serves the ${kind} metric${deprecated.length > 1 ? 's' : ''} ${names}: ` +
        `Meta retired ${deprecated.length > 1 ? 'them' : 'it'} from the Graph API`,
      {
        hint:
          `Replace them: ${deprecated.map((entry) => replacementText(kind, entry)).join('; ')}. ` +
          (suggestion.length > 0 ? `Ask for metrics ${JSON.stringify(suggestion)} instead. ` : '') +
          currentList,
        details: { field: 'metrics', deprecated: deprecated.map((entry) => entry.metric) },
      },
    );
  }
  if (unknown.length > 0) {
    throw new AppError(
      'invalid_input',
      `Unknown Instagram ${kind} metric${unknown.length > 1 ? 's' : ''}: ${unknown.map((name) => JSON.stringify(name.slice(0, 64))).join(', ')}`,
      { hint: currentList, details: { field: 'metrics' } },
    );
  }
  return [...new Set(requested.map(normalizeMetricName))];
}
