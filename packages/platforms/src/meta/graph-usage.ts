// Reads Graph's usage headers (X-App-Usage, X-Business-Use-Case-Usage) on any answer: is the budget used up?
// @see https://developers.facebook.com/docs/graph-api/overview/rate-limiting/
import { DEFAULT_RATE_LIMIT_RETRY_S, retryAfterFromHeaders } from './graph-errors';
import { headerValue } from '../rate-limit';

const PERCENT_FIELDS = ['call_count', 'total_cputime', 'total_time', 'acc_id_util_pct'] as const;

/** Every usage object of both headers: X-App-Usage is one object, BUC maps business ids to arrays of them. */
function usageEntries(headers: Record<string, unknown> | undefined): Record<string, unknown>[] {
  const entries: Record<string, unknown>[] = [];
  for (const name of ['x-app-usage', 'x-business-use-case-usage']) {
    const raw = headerValue(headers, name);
    if (!raw) continue;
    try {
      const parsed = JSON.parse(raw) as unknown;
      if (!parsed || typeof parsed !== 'object') continue;
      entries.push(parsed as Record<string, unknown>);
      for (const value of Object.values(parsed)) {
        if (Array.isArray(value)) {
          for (const item of value)
            if (item && typeof item === 'object') entries.push(item as Record<string, unknown>);
        }
      }
    } catch {
      // A malformed usage header says nothing; the call's own answer still counts.
    }
  }
  return entries;
}

/**
 * Seconds until Graph lets this token call again when its usage headers report a budget used up (any
 * percentage at 100 or more, or an `estimated_time_to_regain_access` above 0); undefined otherwise. The wait is
 * the regain time, else `Retry-After`, else DEFAULT_RATE_LIMIT_RETRY_S.
 */
export function graphUsageSpentForS(headers: Record<string, unknown> | undefined): number | undefined {
  const spent = usageEntries(headers).some(
    (entry) =>
      PERCENT_FIELDS.some((field) => typeof entry[field] === 'number' && (entry[field] as number) >= 100) ||
      (typeof entry.estimated_time_to_regain_access === 'number' &&
        entry.estimated_time_to_regain_access > 0),
  );
  if (!spent) return undefined;
  return retryAfterFromHeaders(headers) ?? DEFAULT_RATE_LIMIT_RETRY_S;
}
