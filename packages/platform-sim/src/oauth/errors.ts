// Error answers of the simulated token endpoints: Graph-shaped for Meta hosts, RFC 6749 JSON for X and LinkedIn.
// @see https://datatracker.ietf.org/doc/html/rfc6749#section-5.2
import type { Response } from 'express';
import { GraphError, sendGraphError } from '../graph/errors';
import type { LoggedEndpoint } from './endpoints';

/** An RFC 6749 token error: `{error, error_description}` with an HTTP status. */
export class OAuth2Error extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
  }
}

/** An error whose body a host writes in its own shape (api.instagram.com: `{error_type, code, error_message}`). */
export class RawTokenError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(JSON.stringify(body));
  }
}

/** Writes an OAuth2Error (X, LinkedIn, Mastodon), a GraphError (Facebook, Instagram, Threads) or a RawTokenError. */
export function sendTokenError(res: Response, error: OAuth2Error | GraphError | RawTokenError): void {
  if (error instanceof GraphError) return sendGraphError(res, error);
  if (error instanceof RawTokenError) {
    res.set('Cache-Control', 'no-store');
    return void res.status(error.status).json(error.body);
  }
  res.set({ ...error.headers, 'Cache-Control': 'no-store' });
  res.status(error.status).json({ error: error.error, error_description: error.description });
}

const isMeta = (endpoint: LoggedEndpoint) =>
  endpoint === 'facebook' ||
  endpoint === 'instagram' ||
  endpoint === 'threads' ||
  endpoint === 'meta_permissions';

/**
 * The permanent refusal each platform answers for a revoked or invalid grant. Graph: code 190,
 * subcode 460 (session invalidated, e.g. password changed). X answers `invalid_request` "Value passed
 * for the token was invalid." for a used or revoked refresh token (quoted in public issues of X API
 * client libraries). LinkedIn: `invalid_grant` (RFC 6749 wording; verify). Mastodon's revocation
 * endpoint refuses with its 403 `unauthorized_client`.
 */
export function invalidGrantError(endpoint: LoggedEndpoint): OAuth2Error | GraphError {
  if (isMeta(endpoint)) {
    return new GraphError(400, {
      message:
        'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
      type: 'OAuthException',
      code: 190,
      error_subcode: 460,
    });
  }
  if (endpoint === 'x' || endpoint === 'x_revoke') return xInvalidToken();
  if (endpoint === 'mastodon_revoke') return mastodonRevokeRefused();
  return new OAuth2Error(
    400,
    'invalid_grant',
    'The provided authorization grant or refresh token is invalid, expired or revoked.',
  );
}

/** HTTP 503 in each platform's shape (Graph code 2 is its "service temporarily unavailable"). */
export function unavailableError(endpoint: LoggedEndpoint): OAuth2Error | GraphError {
  if (isMeta(endpoint)) {
    return new GraphError(503, {
      message: 'Service temporarily unavailable',
      type: 'OAuthException',
      code: 2,
      is_transient: true,
    });
  }
  return new OAuth2Error(503, 'temporarily_unavailable', 'Service Unavailable', { 'Retry-After': '30' });
}

/** Throttling: Graph code 4 (HTTP 403), X and LinkedIn HTTP 429 with their rate-limit headers. */
export function rateLimitedError(endpoint: LoggedEndpoint): OAuth2Error | GraphError {
  if (isMeta(endpoint)) {
    return new GraphError(403, {
      message: '(#4) Application request limit reached',
      type: 'OAuthException',
      code: 4,
      is_transient: true,
    });
  }
  const resetS = Math.floor(Date.now() / 1000) + 900;
  const headers: Record<string, string> =
    endpoint === 'x' || endpoint === 'x_revoke'
      ? { 'x-rate-limit-limit': '300', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(resetS) }
      : { 'Retry-After': '60' };
  return new OAuth2Error(429, 'rate_limited', 'Too Many Requests', headers);
}

/** X's answer for an unknown, used or revoked refresh token. */
export const xInvalidToken = () =>
  new OAuth2Error(400, 'invalid_request', 'Value passed for the token was invalid.');

/** A required form parameter is absent (LinkedIn wording: `A required parameter "x" is missing`). */
export const missingFormParameter = (name: string) =>
  new OAuth2Error(400, 'invalid_request', `A required parameter "${name}" is missing`);

/**
 * Mastodon (Doorkeeper) `POST /oauth/revoke` without valid client credentials, or for a token issued to
 * another app: 403 (documented answer).
 * @see https://docs.joinmastodon.org/methods/oauth/#revoke
 */
export const mastodonRevokeRefused = () =>
  new OAuth2Error(403, 'unauthorized_client', 'You are not authorized to revoke this token');
