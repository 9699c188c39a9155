// What the Instagram and Threads insights endpoints share: the `metric` list, its enum refusal, the row shape, ranges of days.
import { invalidParameter, missingParameter } from './errors';

/** The comma-separated `metric` parameter as names; missing → Graph 100. */
export function metricList(raw: string | undefined): string[] {
  if (!raw) throw missingParameter('metric');
  return raw
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);
}

/** Graph's enum error: `(#100) metric[2] must be one of the following values: …` (verified style). */
export const notOneOf = (index: number, allowed: readonly string[]) =>
  invalidParameter(`(#100) metric[${index}] must be one of the following values: ${allowed.join(', ')}`);

/** One row of an insights answer; `value` is `{values: […]}` or `{total_value: {value}}`. */
export function insightRow(
  nodeId: string,
  name: string,
  period: string,
  value: Record<string, unknown>,
  text: { title: string; description: string },
) {
  return { name, period, ...value, ...text, id: `${nodeId}/insights/${name}/${period}` };
}

export const DAY_S = 86_400;

/** The day-long spans `[startS, endS)` from `sinceS` to `untilS` (seconds), the last one cut at `untilS`. */
export function daySpans(sinceS: number, untilS: number): { startS: number; endS: number }[] {
  const spans: { startS: number; endS: number }[] = [];
  for (let startS = sinceS; startS < untilS; startS += DAY_S)
    spans.push({ startS, endS: Math.min(startS + DAY_S, untilS) });
  return spans;
}

/** The items whose `timestamp` falls in `[sinceS, untilS]` (seconds, both ends included). */
export function publishedWithin<T extends { timestamp: Date }>(
  items: T[],
  sinceS: number,
  untilS: number,
): T[] {
  return items.filter((item) => {
    const t = item.timestamp.getTime() / 1000;
    return t >= sinceS && t <= untilS;
  });
}
