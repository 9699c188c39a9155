// What the simulator received on its platform routes, so tests can assert on what crossed the wire.
import type { RequestHandler } from 'express';
import type { SimPlatform } from './faults';

/** Where a request carried its access token. */
export type TokenSource = 'header' | 'query' | 'body';

/** One received platform request. The full token is kept: the simulator is a test double. */
export interface RecordedRequest {
  id: number;
  /** ISO-8601 UTC receive time. */
  at: string;
  platform: SimPlatform;
  method: string;
  /** Path without the query string, e.g. `/v25.0/17841400000000001/media`. */
  path: string;
  query: Record<string, unknown>;
  body: unknown;
  token?: string;
  tokenSource?: TokenSource;
  /** HTTP status answered (set when the response finished). */
  status?: number;
  /** The request headers the recorder was asked to keep (lower-case names), e.g. `linkedin-version`. */
  headers?: Record<string, string>;
}

/** Extracts the access token Graph-style: `Authorization: Bearer|OAuth …`, then `access_token` in query or body. */
export function extractToken(req: {
  headers: Record<string, unknown>;
  query: unknown;
  body: unknown;
}): { token: string; source: TokenSource } | undefined {
  const header = req.headers.authorization;
  if (typeof header === 'string') {
    const match = /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(header);
    if (match) return { token: match[1]!, source: 'header' };
  }
  const fromQuery = (req.query as Record<string, unknown> | undefined)?.access_token;
  if (typeof fromQuery === 'string' && fromQuery) return { token: fromQuery, source: 'query' };
  const fromBody = (req.body as Record<string, unknown> | undefined)?.access_token;
  if (typeof fromBody === 'string' && fromBody) return { token: fromBody, source: 'body' };
  return undefined;
}

export class RequestLog {
  private entries: RecordedRequest[] = [];
  private nextId = 1;
  /** Oldest entries are dropped beyond this, so a long demo run stays small. */
  private readonly maxEntries = 5_000;

  /**
   * Middleware recording every request of `platform` (mount after the body parsers). `keepHeaders`
   * names request headers to keep in the entry (e.g. `['linkedin-version', 'idempotency-key']`).
   */
  recorder(platform: SimPlatform, keepHeaders: readonly string[] = []): RequestHandler {
    return (req, res, next) => {
      const found = extractToken(req);
      const kept: Record<string, string> = {};
      for (const name of keepHeaders) {
        const value = req.get(name);
        if (value !== undefined) kept[name.toLowerCase()] = value;
      }
      const entry: RecordedRequest = {
        id: this.nextId++,
        at: new Date().toISOString(),
        platform,
        method: req.method,
        path: req.originalUrl.split('?')[0]!,
        query: { ...(req.query as Record<string, unknown>) },
        body: req.body && typeof req.body === 'object' ? { ...req.body } : (req.body ?? null),
        ...(found ? { token: found.token, tokenSource: found.source } : {}),
        ...(keepHeaders.length > 0 ? { headers: kept } : {}),
      };
      this.entries.push(entry);
      if (this.entries.length > this.maxEntries) this.entries.shift();
      res.on('finish', () => {
        entry.status = res.statusCode;
      });
      next();
    };
  }

  /** Copies of the recorded requests, oldest first, optionally of one platform. */
  list(platform?: SimPlatform): RecordedRequest[] {
    return this.entries.filter((e) => !platform || e.platform === platform).map((e) => ({ ...e }));
  }

  clear(): void {
    this.entries = [];
  }
}
