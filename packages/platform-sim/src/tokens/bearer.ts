// The `Authorization: Bearer` token of a request, for the APIs that take no token in the query (X, LinkedIn, Mastodon).
import type { Request } from 'express';

/** The token of `Authorization: Bearer <token>` (scheme case-insensitive); undefined for any other header or none. */
export function bearerTokenOf(req: Request): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '')?.[1];
}
