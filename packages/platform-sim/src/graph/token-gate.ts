// The Graph-style check of a request's access token, shared by the Instagram, Threads and permissions routes.
import type { Request } from 'express';
import { extractToken } from '../request-log';
import type { BookedToken, TokenBook, TokenRefusals } from '../tokens/token-book';
import { expiredToken, invalidToken, missingToken } from './errors';

/**
 * The usable token a Graph request carries (`Authorization` header or `access_token` parameter), looked
 * up in `tokens`. Throws GraphError: none → 104; unknown or revoked → 190 (Graph answers a withdrawn
 * token as an invalid one); expired → 190/463.
 * @see https://developers.facebook.com/docs/graph-api/guides/error-handling
 */
export function graphTokenOf<H extends object>(req: Request, tokens: TokenBook<H>): BookedToken<H> {
  const found = extractToken(req);
  if (!found) throw missingToken();
  return tokens.use(found.token, GRAPH_REFUSALS);
}

const GRAPH_REFUSALS: TokenRefusals = {
  unknown: invalidToken,
  revoked: invalidToken,
  expired: expiredToken,
};
