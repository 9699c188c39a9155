// LinkedIn-shaped failures (`{status, serviceErrorCode?, code?, message}`) for the simulated api.linkedin.com.
// @see https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/error-handling
import type { ErrorRequestHandler, Response } from 'express';

export interface LinkedInErrorBody {
  status: number;
  serviceErrorCode?: number;
  code?: string;
  message: string;
}

/** Thrown by route handlers; the LinkedIn error middleware writes it as LinkedIn does. */
export class LinkedInError extends Error {
  readonly body: LinkedInErrorBody;
  readonly headers: Record<string, string>;

  constructor(body: LinkedInErrorBody, headers: Record<string, string> = {}) {
    super(body.message);
    this.body = body;
    this.headers = headers;
  }
}

export function sendLinkedInError(res: Response, error: LinkedInError): void {
  res.set(error.headers);
  res.status(error.body.status).json(error.body);
}

/** Error middleware for LinkedIn routes: LinkedInErrors as they are, anything else as a 500. */
export const linkedinErrorHandler: ErrorRequestHandler = (error, _req, res, next) => {
  if (res.headersSent) return next(error);
  if (error instanceof LinkedInError) return sendLinkedInError(res, error);
  if ((error as { type?: string }).type === 'entity.parse.failed') {
    // Observed wording for a body that is not JSON.
    return sendLinkedInError(res, illegalArgument('Request body could not be converted to data map'));
  }
  if ((error as { type?: string }).type === 'entity.too.large') {
    return sendLinkedInError(res, new LinkedInError({ status: 413, message: 'Request Entity Too Large' }));
  }
  sendLinkedInError(res, serverError());
};

// --- Builders. "Verified" wording was seen in LinkedIn answers quoted in public issues or the docs.

/** No Authorization header (verified: the docs' sample error). */
export const emptyToken = () =>
  new LinkedInError({ status: 401, serviceErrorCode: 401, message: 'Empty oauth2_access_token' });

/** A token LinkedIn does not know (verified: serviceErrorCode 65600). */
export const invalidToken = () =>
  new LinkedInError({
    status: 401,
    serviceErrorCode: 65600,
    code: 'INVALID_ACCESS_TOKEN',
    message: 'Invalid access token',
  });

/** A revoked token (verified: serviceErrorCode 65601). */
export const revokedToken = () =>
  new LinkedInError({
    status: 401,
    serviceErrorCode: 65601,
    code: 'REVOKED_ACCESS_TOKEN',
    message: 'The token used in the request has been revoked by the user',
  });

/** An expired token (serviceErrorCode 65602, LinkedIn's numbering next to 65601). */
export const expiredToken = () =>
  new LinkedInError({
    status: 401,
    serviceErrorCode: 65602,
    code: 'EXPIRED_ACCESS_TOKEN',
    message: 'The token used in the request has expired',
  });

/** No LinkedIn-Version header on a /rest call (verified wording). */
export const versionMissing = () =>
  new LinkedInError({
    status: 400,
    code: 'VERSION_MISSING',
    message: 'A version must be present. Please specify a version by adding the LinkedIn-Version header.',
  });

/**
 * A sunset, future or malformed version (verified: HTTP 426, and LinkedIn prints `YYYYMM` as `YYYYMM01`).
 * @see https://learn.microsoft.com/en-us/linkedin/marketing/versioning
 */
export const versionNotActive = (version: string) =>
  new LinkedInError({
    status: 426,
    code: 'NONEXISTENT_VERSION',
    message: `Requested version ${/^\d{6}$/.test(version) ? `${version}01` : version} is not active`,
  });

/** Bad syntax or a value LinkedIn cannot use (verified code; messages follow LinkedIn's style). */
export const illegalArgument = (message: string) =>
  new LinkedInError({ status: 400, code: 'ILLEGAL_ARGUMENT', message });

/**
 * Schema validation of a create body (verified format:
 * `ERROR :: /author :: field is required but not found and has no default value\n`, HTTP 422).
 */
export const schemaErrors = (lines: readonly string[]) =>
  new LinkedInError({ status: 422, message: lines.map((line) => `ERROR :: ${line}\n`).join('') });

/** The token lacks the permission the resource needs (verified shape: 403 ACCESS_DENIED, code 100). */
export const accessDenied = (resource: string) =>
  new LinkedInError({
    status: 403,
    serviceErrorCode: 100,
    code: 'ACCESS_DENIED',
    message: `Not enough permissions to access: ${resource}`,
  });

export const notFound = (message: string) =>
  new LinkedInError({ status: 404, serviceErrorCode: 0, code: 'NOT_FOUND', message });

/**
 * Throttled (verified: 429, serviceErrorCode 101, "Resource level throttle … limit … is reached.").
 * LinkedIn sends no Retry-After; daily limits reset at midnight UTC.
 * @see https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/rate-limits
 */
export const throttled = () =>
  new LinkedInError({
    status: 429,
    serviceErrorCode: 101,
    code: 'TOO_MANY_REQUESTS',
    message: 'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.',
  });

export const serverError = () =>
  new LinkedInError({ status: 500, code: 'INTERNAL_SERVER_ERROR', message: 'Internal Server Error' });
