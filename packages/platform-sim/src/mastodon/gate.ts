// What every call to a simulated instance passes: token, scopes, per-account rate limits (with headers), faults.
// @see https://docs.joinmastodon.org/api/rate-limits/ (300 requests per account per 5 minutes, media
// uploads 30 per 30 minutes; X-RateLimit-Limit/-Remaining/-Reset, the reset as an ISO-8601 timestamp)
import type { RequestHandler, Response } from 'express';
import type { FaultQueue } from '../faults';
import { bearerTokenOf } from '../tokens/bearer';
import type { TokenRefusals } from '../tokens/token-book';
import { MastodonError, expiredToken, invalidToken, outsideScopes, revokedToken } from './errors';
import type { SimMastodonAccount, SimMastodonInstance, SimMastodonToken } from './instance';

/** What `authenticate` leaves in `res.locals.mastodon`. */
export interface MastodonCaller {
  account: SimMastodonAccount;
  token: SimMastodonToken;
}

export const instanceOf = (res: Response): SimMastodonInstance =>
  res.locals.mastodonInstance as SimMastodonInstance;
export const callerOf = (res: Response): MastodonCaller => res.locals.mastodon as MastodonCaller;
export const optionalCallerOf = (res: Response): MastodonCaller | undefined =>
  res.locals.mastodon as MastodonCaller | undefined;

/** Doorkeeper's three messages. */
const MASTODON_REFUSALS: TokenRefusals = {
  unknown: invalidToken,
  revoked: revokedToken,
  expired: expiredToken,
};

/**
 * `Authorization: Bearer`: unknown token → 401 "The access token is invalid", revoked/expired → their
 * Doorkeeper messages. With `required: false`, a request without a token passes as anonymous (public
 * reads), but a bad token still fails, as Mastodon does.
 */
export function authenticate(required: boolean): RequestHandler {
  return (req, res, next) => {
    const presented = bearerTokenOf(req);
    if (!presented) {
      if (required) throw invalidToken();
      return next();
    }
    const instance = instanceOf(res);
    const token = instance.tokens.use(presented, MASTODON_REFUSALS);
    const account = instance.accounts.get(token.accountId);
    if (!account) throw invalidToken();
    res.locals.mastodon = { account, token } satisfies MastodonCaller;
    next();
  };
}

/** True when `granted` covers `needed` (`write` covers `write:statuses`). */
export function scopeCovers(granted: readonly string[], needed: string): boolean {
  return granted.includes(needed) || granted.includes(needed.split(':')[0]!);
}

/** 403 unless the caller's token covers `needed` (e.g. `write:statuses`). */
export function requireScope(needed: string): RequestHandler {
  return (_req, res, next) => {
    if (!scopeCovers(callerOf(res).token.scopes, needed)) throw outsideScopes();
    next();
  };
}

const FIVE_MINUTES_MS = 5 * 60 * 1000;
const THIRTY_MINUTES_MS = 30 * 60 * 1000;

/**
 * Counts the call against the caller's window (`bucket` `api`: `rate_limit` per 5 minutes; `media`:
 * `media_rate_limit` per 30 minutes), sets the X-RateLimit headers, and answers 429 "Too many requests"
 * once the window is used up. Windows start on multiples of their length, like Rack::Attack's.
 */
export function rateLimit(bucket: 'api' | 'media'): RequestHandler {
  return (_req, res, next) => {
    const instance = instanceOf(res);
    const caller = optionalCallerOf(res);
    if (!caller) return next();
    const periodMs = bucket === 'api' ? FIVE_MINUTES_MS : THIRTY_MINUTES_MS;
    const limit = bucket === 'api' ? instance.settings.rate_limit : instance.settings.media_rate_limit;
    const now = Date.now();
    const windowStart = Math.floor(now / periodMs) * periodMs;
    const key = `${bucket}:${caller.account.id}:${windowStart}`;
    const used = (instance.counters.get(key) ?? 0) + 1;
    instance.counters.set(key, used);
    const headers = {
      'X-RateLimit-Limit': String(limit),
      'X-RateLimit-Remaining': String(Math.max(0, limit - used)),
      'X-RateLimit-Reset': new Date(windowStart + periodMs).toISOString(),
    };
    res.set(headers);
    if (used > limit) throw new MastodonError(429, 'Too many requests', headers);
    next();
  };
}

/** Injected failures for authenticated calls: `rate_limit` → 429 with headers, `server_error` → 503. */
export function applyMastodonFaults(faults: FaultQueue): RequestHandler {
  return (_req, res, next) => {
    if (!optionalCallerOf(res)) return next();
    const limit = faults.take('mastodon', 'rate_limit');
    if (limit) {
      throw new MastodonError(429, 'Too many requests', {
        'X-RateLimit-Limit': String(instanceOf(res).settings.rate_limit),
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': new Date(Date.now() + limit.regainAccessMinutes * 60_000).toISOString(),
      });
    }
    if (faults.take('mastodon', 'server_error')) throw new MastodonError(503, 'Service Unavailable');
    next();
  };
}
