// The wrapper every simulated token and revocation endpoint runs in: counting, recording, injected faults, error writing.
import type { Request, RequestHandler } from 'express';
import { GraphError } from '../graph/errors';
import {
  invalidGrantError,
  OAuth2Error,
  rateLimitedError,
  RawTokenError,
  sendTokenError,
  unavailableError,
} from './errors';
import type { LoggedEndpoint } from './endpoints';
import type { OAuthSimState } from './state';

/**
 * Validates a request and returns the step that issues the tokens (or throws an OAuth2Error or
 * GraphError). Splitting the two lets an injected `invalid_grant` fire only for a request that is
 * otherwise exactly right.
 */
export type TokenHandler = (req: Request) => () => Record<string, unknown>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A query or form parameter: undefined when absent; a repeated parameter is a client error. */
export function singleParam(source: unknown, name: string): string | undefined {
  const value = (source as Record<string, unknown> | undefined)?.[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw new OAuth2Error(400, 'invalid_request', `Parameter "${name}" must be given exactly once`);
  }
  return value;
}

/**
 * Express handler for one token endpoint: records the call and counts it in flight until the
 * response closes; applies `slow` (delay, then drop the call if the client hung up),
 * `unavailable` and `rate_limited` before validation and `invalid_grant` after it.
 */
export function tokenEndpoint(
  state: OAuthSimState,
  endpoint: LoggedEndpoint,
  handle: TokenHandler,
): RequestHandler {
  return async (req, res) => {
    const done = state.log.track({
      endpoint,
      step: 'token',
      method: req.method,
      path: req.originalUrl.split('?')[0]!,
      query: { ...(req.query as Record<string, unknown>) },
      form: req.body && typeof req.body === 'object' ? { ...(req.body as Record<string, unknown>) } : {},
      ...(req.get('content-type') ? { contentType: req.get('content-type') } : {}),
      ...(req.get('authorization') ? { authorization: req.get('authorization') } : {}),
    });
    // 499: the client closed the connection before an answer (nginx's convention).
    res.on('close', () => done(res.writableFinished ? res.statusCode : 499));
    try {
      const slow = state.faults.take(endpoint, ['slow']);
      if (slow) {
        await sleep(slow.delayMs);
        if (res.destroyed || req.socket.destroyed) return;
      }
      if (state.faults.take(endpoint, ['unavailable'])) throw unavailableError(endpoint);
      if (state.faults.take(endpoint, ['rate_limited'])) throw rateLimitedError(endpoint);
      const issue = handle(req);
      if (state.faults.take(endpoint, ['invalid_grant'])) throw invalidGrantError(endpoint);
      res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' });
      res.json(issue());
    } catch (error) {
      if (error instanceof OAuth2Error || error instanceof GraphError || error instanceof RawTokenError) {
        return sendTokenError(res, error);
      }
      throw error;
    }
  };
}
