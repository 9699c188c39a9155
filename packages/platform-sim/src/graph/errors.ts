// Graph-shaped failures (`{"error":{message,type,code,error_subcode,fbtrace_id}}`) for every Meta host.
// @see https://developers.facebook.com/docs/graph-api/guides/error-handling
import crypto from 'node:crypto';
import type { ErrorRequestHandler, Response } from 'express';

export interface GraphErrorFields {
  message: string;
  type?: string;
  code: number;
  error_subcode?: number;
  error_user_title?: string;
  error_user_msg?: string;
  is_transient?: boolean;
}

/** Thrown by route handlers; the Graph error middleware writes it as Graph does. */
export class GraphError extends Error {
  readonly status: number;
  readonly fields: GraphErrorFields;
  readonly headers: Record<string, string>;

  constructor(status: number, fields: GraphErrorFields, headers: Record<string, string> = {}) {
    super(fields.message);
    this.status = status;
    this.fields = fields;
    this.headers = headers;
  }
}

/** A fresh support id like Graph's (`AbC12-dEf…`). */
export function fbtraceId(): string {
  return crypto.randomBytes(9).toString('base64url');
}

/** Writes `error` as Graph's JSON error body, with its headers. */
export function sendGraphError(res: Response, error: GraphError): void {
  res.set(error.headers);
  res.status(error.status).json({
    error: { ...error.fields, type: error.fields.type ?? 'OAuthException', fbtrace_id: fbtraceId() },
  });
}

/** Express error middleware for Graph routes: GraphErrors as Graph writes them, anything else as code 1. */
export const graphErrorHandler: ErrorRequestHandler = (error, _req, res, next) => {
  if (res.headersSent) return next(error);
  if (error instanceof GraphError) return sendGraphError(res, error);
  // Malformed JSON or form bodies.
  if ((error as { type?: string }).type === 'entity.parse.failed') {
    return sendGraphError(res, invalidParameter('(#100) The request body could not be parsed'));
  }
  sendGraphError(
    res,
    new GraphError(500, {
      message: 'An unknown error occurred',
      type: 'OAuthException',
      code: 1,
      is_transient: true,
    }),
  );
};

// --- Builders for the errors the simulator answers with. Wording marked "verified" was checked against
// Graph responses quoted in public issues or the docs; the rest follows Graph's style.

/** No token at all (verified: code 104, "An access token is required to request this resource."). */
export const missingToken = () =>
  new GraphError(400, {
    message: 'An access token is required to request this resource.',
    type: 'OAuthException',
    code: 104,
  });

/** A token the platform does not know (verified wording). */
export const invalidToken = () =>
  new GraphError(400, {
    message: 'Invalid OAuth access token - Cannot parse access token',
    type: 'OAuthException',
    code: 190,
  });

/** An expired token: code 190, subcode 463 (verified wording). */
export function expiredToken(expiredAt: Date, now = new Date()): GraphError {
  const fmt = (d: Date) => d.toUTCString().replace(' GMT', ' UTC');
  return new GraphError(400, {
    message: `Error validating access token: Session has expired on ${fmt(expiredAt)}. The current time is ${fmt(now)}.`,
    type: 'OAuthException',
    code: 190,
    error_subcode: 463,
  });
}

/** An id that does not exist or that this token may not see (verified: code 100, subcode 33). */
export function unsupportedRequest(method: string, id: string): GraphError {
  return new GraphError(400, {
    message: `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    type: 'GraphMethodException',
    code: 100,
    error_subcode: 33,
  });
}

/** A field or edge the node type does not have (verified style). */
export function nonexistingField(field: string, nodeType: string): GraphError {
  return new GraphError(400, {
    message: `(#100) Tried accessing nonexisting field (${field}) on node type (${nodeType})`,
    type: 'OAuthException',
    code: 100,
  });
}

/** A required parameter is absent (Graph style: "(#100) The parameter x is required"). */
export const missingParameter = (name: string) =>
  new GraphError(400, {
    message: `(#100) The parameter ${name} is required`,
    type: 'OAuthException',
    code: 100,
  });

/** Any other invalid parameter, code 100 (optionally with an end-user title and message). */
export function invalidParameter(message: string, user?: { title: string; msg: string }): GraphError {
  return new GraphError(400, {
    message,
    type: 'OAuthException',
    code: 100,
    ...(user ? { error_user_title: user.title, error_user_msg: user.msg } : {}),
  });
}

/** A path Graph does not route (code 2500 "Unknown path components"). */
export const unknownPath = (path: string) =>
  new GraphError(400, { message: `Unknown path components: ${path}`, type: 'OAuthException', code: 2500 });

/** A Graph API version other than the one simulated. */
export function unsupportedVersion(version: string, served: string): GraphError {
  return new GraphError(400, {
    message: `(#2635) You are calling a deprecated or unknown version of the Graph API (${version}). Please update to the latest version: ${served}.`,
    type: 'OAuthException',
    code: 2635,
  });
}

/** Throttling messages per code (verified wording for 4, 17, 32, 613, 80002). */
export const RATE_LIMIT_MESSAGES: Record<number, string> = {
  4: '(#4) Application request limit reached',
  17: '(#17) User request limit reached',
  32: '(#32) Page request limit reached',
  613: '(#613) Calls to this api have exceeded the rate limit.',
  80002: '(#80002) There have been too many calls to this Instagram account. Wait a bit and try again.',
};

/**
 * A throttled call: HTTP 403, the code's message, and `X-Business-Use-Case-Usage` whose
 * `estimated_time_to_regain_access` (minutes) tells the client when to retry.
 * @see https://developers.facebook.com/docs/graph-api/overview/rate-limiting/
 */
export function rateLimited(code: number, businessId: string, regainAccessMinutes: number): GraphError {
  const usage = {
    [businessId]: [
      {
        type: 'instagram',
        call_count: 100,
        total_cputime: 34,
        total_time: 41,
        estimated_time_to_regain_access: regainAccessMinutes,
      },
    ],
  };
  return new GraphError(
    403,
    {
      message: RATE_LIMIT_MESSAGES[code] ?? RATE_LIMIT_MESSAGES[4]!,
      type: 'OAuthException',
      code,
      is_transient: true,
    },
    { 'X-Business-Use-Case-Usage': JSON.stringify(usage) },
  );
}

/** A transient server failure (code 2, HTTP 500). */
export const serverError = () =>
  new GraphError(500, {
    message: 'An unexpected error has occurred. Please retry your request later.',
    type: 'OAuthException',
    code: 2,
    is_transient: true,
  });
