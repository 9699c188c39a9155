// The checks every simulated LinkedIn call passes first: token, scopes, required /rest headers, faults.
import type { Request, RequestHandler, Response } from 'express';
import type { FaultQueue } from '../faults';
import { bearerTokenOf } from '../tokens/bearer';
import type { TokenRefusals } from '../tokens/token-book';
import {
  accessDenied,
  emptyToken,
  expiredToken,
  illegalArgument,
  invalidToken,
  revokedToken,
  serverError,
  throttled,
  versionMissing,
  versionNotActive,
} from './errors';
import type { LinkedInSimState, SimLinkedInMember, SimLinkedInToken } from './state';
import { isLiveLinkedInVersion } from './versions';

/** What `authenticate` leaves in `res.locals.linkedin`. */
export interface LinkedInCaller {
  member: SimLinkedInMember;
  token: SimLinkedInToken;
}

const LINKEDIN_REFUSALS: TokenRefusals = {
  unknown: invalidToken,
  revoked: revokedToken,
  expired: expiredToken,
};

/**
 * `Authorization: Bearer <token>` only (LinkedIn takes no token in the query): none → 401 empty,
 * unknown → 65600, revoked → 65601, expired → 65602. The caller lands in `res.locals.linkedin`.
 */
export function authenticate(state: LinkedInSimState): RequestHandler {
  return (req, res, next) => {
    const presented = bearerTokenOf(req);
    if (!presented) throw emptyToken();
    const token = state.tokens.use(presented, LINKEDIN_REFUSALS);
    const member = state.members.get(token.sub);
    if (!member) throw invalidToken();
    res.locals.linkedin = { member, token } satisfies LinkedInCaller;
    next();
  };
}

export const callerOf = (res: Response): LinkedInCaller => res.locals.linkedin as LinkedInCaller;

/** Throws 403 unless the caller's token carries one of `scopes`; `resource` names the denied resource. */
export function requireScope(res: Response, scopes: readonly string[], resource: string): void {
  const granted = callerOf(res).token.scopes;
  if (!scopes.some((scope) => granted.includes(scope))) throw accessDenied(resource);
}

/**
 * Versioned (/rest) calls need `LinkedIn-Version: YYYYMM` of a live version (missing → 400
 * VERSION_MISSING, sunset or unknown → 426 NONEXISTENT_VERSION) and `X-Restli-Protocol-Version: 2.0.0`.
 * @see https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api
 * ("All APIs require the request header LinkedIn-Version … All APIs require the request header
 * X-Restli-Protocol-Version: 2.0.0"). The wording of the protocol-version error is the simulator's own.
 */
export function requireVersionHeaders(now: () => Date = () => new Date()): RequestHandler {
  return (req, _res, next) => {
    const version = req.get('linkedin-version')?.trim();
    if (!version) throw versionMissing();
    if (!isLiveLinkedInVersion(version, now())) throw versionNotActive(version);
    const protocol = req.get('x-restli-protocol-version')?.trim();
    if (protocol !== '2.0.0') {
      throw illegalArgument(
        `Rest.li protocol version ${protocol ? `${protocol} is not supported` : 'header X-Restli-Protocol-Version is missing'}; send X-Restli-Protocol-Version: 2.0.0`,
      );
    }
    next();
  };
}

/** Injected throttling and server failures, consumed once per authenticated call. */
export function applyLinkedInFaults(faults: FaultQueue): RequestHandler {
  return (_req, _res, next) => {
    if (faults.take('linkedin', 'rate_limit')) throw throttled();
    if (faults.take('linkedin', 'server_error')) throw serverError();
    next();
  };
}

/**
 * Rest.li 2.0 wants URNs in query parameters URL-encoded (`urn%3Ali%3Aperson%3A…`); a raw `urn:li:`
 * in the query string is rejected.
 * @see https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/protocol-version
 */
export function assertEncodedQuery(req: Request): void {
  const query = req.originalUrl.split('?')[1] ?? '';
  if (/urn:li:/i.test(query)) {
    throw illegalArgument(
      'Invalid query parameter: URNs in query parameters must be URL-encoded under Rest.li protocol 2.0.0',
    );
  }
}
