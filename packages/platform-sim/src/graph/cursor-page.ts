// One page of a Graph edge (Instagram `/{ig-user-id}/media`, Threads `/{user-id}/threads`): limit, after cursor, paging.
// @see https://developers.facebook.com/docs/graph-api/results
import { invalidParameter } from './errors';

const DEFAULT_PAGE = 25;
const MAX_PAGE = 100;

export interface PageOptions<T> {
  /** The cursor prefix (`media`, `threads`): a cursor is base64url of `<prefix>:<id>`. */
  cursorPrefix: string;
  /** Origin and path of the edge, for the `next` URL. */
  origin: string;
  path: string;
  /** How one item reads on the page. */
  render: (item: T) => unknown;
}

/**
 * The page of `items` (newest first) that `params.limit` (default 25, capped at 100) and `params.after`
 * select: `{data, paging: {cursors: {before, after}, next?}}`, with `next` (carrying `fields`, never a
 * token) only when more items follow; `{data: []}` past the end. Throws Graph 100 for a limit that is
 * not a positive integer or an unknown cursor.
 */
export function cursorPage<T extends { id: string }>(
  items: T[],
  params: Record<string, string>,
  options: PageOptions<T>,
): unknown {
  const limitRaw = params.limit ?? String(DEFAULT_PAGE);
  if (!/^\d+$/.test(limitRaw) || Number(limitRaw) < 1)
    throw invalidParameter('(#100) Param limit must be a positive integer');
  const limit = Math.min(Number(limitRaw), MAX_PAGE);
  const cursorOf = (item: T) => Buffer.from(`${options.cursorPrefix}:${item.id}`).toString('base64url');
  const start = params.after ? positionAfter(items, params.after, options.cursorPrefix) : 0;
  const page = items.slice(start, start + limit);
  if (page.length === 0) return { data: [] };
  const next = new URLSearchParams({
    ...(params.fields ? { fields: params.fields } : {}),
    limit: String(limit),
    after: cursorOf(page[page.length - 1]!),
  });
  return {
    data: page.map(options.render),
    paging: {
      cursors: { before: cursorOf(page[0]!), after: cursorOf(page[page.length - 1]!) },
      ...(start + limit < items.length
        ? { next: `${options.origin}${options.path}?${next.toString()}` }
        : {}),
    },
  };
}

function positionAfter<T extends { id: string }>(items: T[], cursor: string, prefix: string): number {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = decoded.startsWith(`${prefix}:`) ? decoded.slice(prefix.length + 1) : decoded;
  const index = items.findIndex((item) => item.id === id);
  if (index < 0) throw invalidParameter('(#100) The after cursor is invalid');
  return index + 1;
}
