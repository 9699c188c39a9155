// Reads Instagram and Threads share: cursor pages, insight rows, since/until ranges, the publishing-limit row.
// @see https://developers.facebook.com/docs/graph-api/results
// @see https://developers.facebook.com/docs/threads/insights
import { AppError } from '@socialvault/common';
import type { ContainerPollOptions } from './containers';
import { GraphHttp, type GraphParams } from './graph-http';
import { toInsightsResult, toUnixSeconds, type GraphInsight, type InsightsResult } from './insights';
import type { AxiosInstance } from 'axios';
import type { RequestPolicy } from '../request-guard';

/** Options both Meta clients take; each platform's type names its own credential and base URL. */
export interface MetaClientOptions<Credential extends { accessToken: string }> {
  /** Versioned base URL (Graph or graph.threads.net). */
  baseUrl: string;
  credential: Credential;
  /** Per-request timeout; default 15 000 ms. */
  timeoutMs?: number;
  /** First wait between container status reads; default 1 500 ms, growing ×1.5 up to 15 000 ms. */
  pollIntervalMs?: number;
  /** Container status reads before giving up; default 20. */
  maxPollAttempts?: number;
  http?: AxiosInstance;
  /** Rate-limit memory and read retries on 5xx (see RequestPolicy); defaults shared by every client. */
  policy?: RequestPolicy;
  /** Injected for tests: replaces setTimeout between status reads. */
  sleep?: ContainerPollOptions['sleep'];
}

/**
 * The Graph transport and container polling a Meta client's operations run on.
 * @throws AppError reconnect_required when the token is empty (no call is made)
 */
export function metaTransport(
  options: MetaClientOptions<{ accessToken: string }>,
  platform: 'Instagram' | 'Threads',
): { http: GraphHttp; poll: ContainerPollOptions } {
  return {
    http: new GraphHttp({
      baseUrl: options.baseUrl,
      accessToken: options.credential.accessToken,
      platform,
      timeoutMs: options.timeoutMs,
      http: options.http,
      policy: options.policy,
    }),
    poll: {
      pollIntervalMs: options.pollIntervalMs,
      maxPollAttempts: options.maxPollAttempts,
      ...(options.sleep ? { sleep: options.sleep } : {}),
    },
  };
}

/** One page of an edge, newest first; `after` is present only when a next page exists. */
export interface CursorPage<T> {
  data: T[];
  paging: { before?: string; after?: string };
}

/**
 * The page size asked of a listing edge: `limit` (default 10) checked against `max`.
 * @throws AppError invalid_input naming `limit` when it is not an integer from 1 to `max`
 */
export function pageLimit(limit: number | undefined, max: number): number {
  const value = limit ?? 10;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new AppError('invalid_input', `limit must be an integer from 1 to ${max}, got ${value}`, {
      hint: `Pass a limit between 1 and ${max}; page with the returned after cursor.`,
      details: { field: 'limit' },
    });
  }
  return value;
}

/**
 * `GET {path}` of a cursor-paged edge. Graph's `next` URL is dropped: only the cursor is needed, and
 * URLs can carry credentials.
 */
export async function getCursorPage<T>(
  http: GraphHttp,
  path: string,
  params: GraphParams,
  operation: string,
): Promise<CursorPage<T>> {
  const body = await http.get<{
    data?: T[];
    paging?: { cursors?: { before?: string; after?: string }; next?: string };
  }>(path, params, operation);
  const cursors = body.paging?.cursors ?? {};
  return {
    data: body.data ?? [],
    paging: {
      ...(cursors.before ? { before: cursors.before } : {}),
      ...(body.paging?.next && cursors.after ? { after: cursors.after } : {}),
    },
  };
}

/** `GET {path}` of an insights edge: Graph's rows as returned (none when Graph has no data). */
export async function getInsightRows(
  http: GraphHttp,
  path: string,
  params: GraphParams,
  operation: string,
): Promise<GraphInsight[]> {
  const body = await http.get<{ data?: GraphInsight[] }>(path, params, operation);
  return body.data ?? [];
}

/** `GET {objectId}/insights?metric=…` of one media object or post, with totals by metric. */
export async function getObjectInsights(
  http: GraphHttp,
  objectId: string,
  metrics: readonly string[],
  operation: string,
): Promise<InsightsResult> {
  return toInsightsResult(
    await getInsightRows(http, `${objectId}/insights`, { metric: metrics.join(',') }, operation),
  );
}

/**
 * A given since/until as unix seconds: `until` defaults to `nowS`, `since` to a day before `until`.
 * Platform limits (Instagram's 30 days, Threads' earliest day) are checked by the caller.
 * @throws AppError invalid_input naming the field when a bound is unreadable or since is not before until
 */
export function insightsRange(
  query: { since?: string | number; until?: string | number },
  nowS: number,
): { since: number; until: number } {
  const until = query.until !== undefined ? toUnixSeconds(query.until, 'until') : nowS;
  const since = query.since !== undefined ? toUnixSeconds(query.since, 'since') : until - 86_400;
  if (since >= until) {
    throw new AppError('invalid_input', 'since must be before until', {
      hint: 'Swap or fix the range.',
      details: { field: 'since' },
    });
  }
  return { since, until };
}

/** The range sent, as ISO-8601 UTC fields of an insights result (none when no range was sent). */
export function rangeAsIso(range: { since?: number; until?: number }): { since?: string; until?: string } {
  if (range.since === undefined || range.until === undefined) return {};
  const iso = (s: number) => new Date(s * 1000).toISOString();
  return { since: iso(range.since), until: iso(range.until) };
}

/**
 * The single row of a `…publishing_limit` edge.
 * @throws AppError platform_error when the platform returns no row
 */
export async function getPublishingLimitRow<T>(http: GraphHttp, path: string, fields: string): Promise<T> {
  const body = await http.get<{ data?: T[] }>(path, { fields }, 'read the publishing limit');
  const first = body.data?.[0];
  if (!first) {
    throw new AppError('platform_error', `${http.platform} returned no publishing limit`, {
      hint: 'Retry later.',
    });
  }
  return first;
}
