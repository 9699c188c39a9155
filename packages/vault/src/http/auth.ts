// Authentication of both listeners: the broker's X-API-Key on ingress, service bearer tokens on internal,
// both behind the listener's brute-force limiter (failed attempts per client address: `req.ip`, which is the
// socket's peer unless the listener trusts a proxy, VAULT_TRUST_PROXY).
import type { Request, RequestHandler, Response } from 'express';
import { AppError, createLogger } from '@socialvault/common';
import { findIdentityBySecret, secretsEqual, type ServiceIdentity } from '../service-identities';
import type { AuthFailureLimiter } from './auth-failure-limiter';

const log = createLogger('vault', 'auth');

/** The listener's limiter (set on `app.locals` by createIngressApp/createInternalApp), if any. */
function limiterOf(req: Request): AuthFailureLimiter | undefined {
  return req.app.locals.authFailureLimiter as AuthFailureLimiter | undefined;
}

/**
 * Refuses a source that failed too often, before its key is even compared (so a refusal never tells a
 * right key from a wrong one). Only the first refusal of a lockout is audited; the rest are counted.
 * @throws AppError `rate_limited` (429, `retryAfterS`)
 */
function refuseLockedOut(req: Request, res: Response, header: string): void {
  const limiter = limiterOf(req);
  // `req.ip` walks the trust-proxy chain: skip it while no address has failed at all (every request, normally).
  if (!limiter || limiter.idle) return;
  const waitMs = limiter.retryAfterMs(req.ip);
  if (waitMs <= 0) return;
  if (!limiter.firstRefusal(req.ip)) res.locals.auditAction = undefined;
  const retryAfterS = Math.ceil(waitMs / 1000);
  throw new AppError('rate_limited', 'Too many failed authentication attempts from this address', {
    hint: `Wait ${retryAfterS} s, then send the right ${header}; every attempt until then is refused.`,
    retryAfterS,
    details: { field: header },
  });
}

/** Counts a failed attempt; logs a warning when it locks the source out. */
function countFailure(req: Request, header: string): void {
  const verdict = limiterOf(req)?.recordFailure(req.ip);
  if (verdict?.lockedOut) {
    log.warn(`Too many wrong ${header} values from ${req.ip}: refusing it for a while`, {
      source: req.ip,
      route: `${req.method} ${req.path}`,
    });
  }
}

/** Requires `X-API-Key` equal to the broker key (constant-time); sets `res.locals.actor = 'broker'`. */
export function requireBrokerKey(brokerApiKey: string): RequestHandler {
  return (req, res, next) => {
    refuseLockedOut(req, res, 'X-API-Key');
    const given = req.get('x-api-key');
    if (!given || !secretsEqual(given, brokerApiKey)) {
      countFailure(req, 'X-API-Key');
      throw new AppError('unauthorized', given ? 'X-API-Key is wrong' : 'X-API-Key header is missing', {
        hint: 'Send the vault BROKER_API_KEY in the X-API-Key header.',
        details: { field: 'X-API-Key' },
      });
    }
    res.locals.actor = 'broker';
    next();
  };
}

/** Requires `Authorization: Bearer <service secret>`; sets `res.locals.identity` and `res.locals.actor`. */
export function requireServiceIdentity(identities: ServiceIdentity[]): RequestHandler {
  return (req, res, next) => {
    refuseLockedOut(req, res, 'Authorization');
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const identity = match?.[1] ? findIdentityBySecret(identities, match[1]) : undefined;
    if (!identity) {
      countFailure(req, 'Authorization');
      throw new AppError(
        'unauthorized',
        header ? 'The bearer token is not a configured service token' : 'Authorization header is missing',
        {
          hint: 'Send Authorization: Bearer <secret> with the service secret from VAULT_SERVICE_TOKENS.',
          details: { field: 'Authorization' },
        },
      );
    }
    res.locals.identity = identity;
    res.locals.actor = identity.name;
    next();
  };
}
