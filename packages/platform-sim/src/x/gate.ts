// What every simulated X call passes first: bearer token, rate-limit window, injected faults, scopes.
import type { RequestHandler, Response } from 'express';
import type { FaultQueue } from '../faults';
import { bearerTokenOf } from '../tokens/bearer';
import type { TokenRefusals } from '../tokens/token-book';
import { forbidden, serviceUnavailable, tooManyRequests, unauthorized } from './errors';
import type { XEndpoint } from './rate-limits';
import type { SimXToken, SimXUser, XSimState } from './state';

/** What `xGate` leaves in `res.locals.x`. */
export interface XCaller {
  user: SimXUser;
  token: SimXToken;
}

/** X answers every unusable token with the same 401. */
const X_REFUSALS: TokenRefusals = { unknown: unauthorized, revoked: unauthorized, expired: unauthorized };

export const callerOf = (res: Response): XCaller => res.locals.x as XCaller;

/**
 * `Authorization: Bearer <user token>` only (X takes no token in the query): none, unknown, revoked or
 * expired → 401. Then the endpoint's rate-limit window (429 with x-rate-limit-* once used up; every answer
 * carries the headers), then injected faults (`rate_limit` → 429 resetting `regain_access_minutes`
 * ahead, `server_error` → 503), then the scopes the endpoint needs (403).
 * @see https://docs.x.com/resources/fundamentals/authentication/oauth-2-0/authorization-code
 */
export function xGate(
  state: XSimState,
  faults: FaultQueue,
  endpoint: XEndpoint,
  scopes: readonly string[],
): RequestHandler {
  return (req, res, next) => {
    const presented = bearerTokenOf(req);
    if (!presented) throw unauthorized();
    const token = state.tokens.use(presented, X_REFUSALS);
    const user = state.users.get(token.userId);
    if (!user) throw unauthorized();
    const decision = state.rateLimits.take(user.id, endpoint);
    res.set(decision.headers);
    if (decision.limited) throw tooManyRequests(decision.headers);
    const fault = faults.take('x', 'rate_limit');
    if (fault) {
      const reset = Math.ceil(Date.now() / 1000) + fault.regainAccessMinutes * 60;
      throw tooManyRequests({
        ...decision.headers,
        'x-rate-limit-remaining': '0',
        'x-rate-limit-reset': String(reset),
      });
    }
    if (faults.take('x', 'server_error')) throw serviceUnavailable();
    if (!scopes.every((scope) => token.scopes.includes(scope))) throw forbidden();
    res.locals.x = { user, token } satisfies XCaller;
    next();
  };
}
