// X-shaped failures: RFC 7807 problems (`title`, `detail`, `type`, `status`) and invalid-request `errors`.
// Wording marked "verified" matches X answers quoted in the docs or public issues; the rest follows their style.
// @see https://docs.x.com/x-api/fundamentals/response-codes-and-errors
import type { ErrorRequestHandler } from 'express';

/** Thrown by X route handlers; the error middleware writes it with its headers. */
export class XError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(String(body.detail ?? body.title ?? 'X error'));
  }
}

const problem = (status: number, title: string, detail: string, type = 'about:blank') =>
  new XError(status, { title, detail, type, status });

/** No, unknown or expired bearer token (verified shape). */
export const unauthorized = () => problem(401, 'Unauthorized', 'Unauthorized');

/** The token lacks a scope the endpoint needs (shape verified, wording generic). */
export const forbidden = () => problem(403, 'Forbidden', 'Forbidden');

/** Same text as a recent post of the author (verified wording). */
export const duplicateContent = () =>
  problem(403, 'Forbidden', 'You are not allowed to create a Tweet with duplicate content.');

/** Text over 280 weighted characters (wording not verified). */
export const textTooLong = () =>
  problem(
    403,
    'Forbidden',
    'Your Tweet text is too long. For more information on how X counts characters, see https://docs.x.com/resources/fundamentals/counting-characters.',
  );

/** Reply to a post that does not exist (verified wording). */
export const replyTargetMissing = () =>
  problem(403, 'Forbidden', 'You attempted to reply to a Tweet that is deleted or not visible to you.');

/** Too many requests in the window (verified shape); carries the x-rate-limit-* headers. */
export const tooManyRequests = (headers: Record<string, string>) =>
  new XError(
    429,
    { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
    headers,
  );

/** A transient failure. */
export const serviceUnavailable = () => problem(503, 'Service Unavailable', 'Service Unavailable');

/** A path X does not route. */
export const notFoundPath = () => problem(404, 'Not Found Error', 'The requested resource was not found.');

/** Invalid parameters (verified shape: errors[{parameters, message}] + title/detail/type). */
export function invalidRequest(parameter: string, values: unknown[], message: string): XError {
  return new XError(400, {
    errors: [{ parameters: { [parameter]: values.map(String) }, message }],
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: 'https://api.twitter.com/2/problems/invalid-request',
  });
}

/** A missing post or user: X answers 200 with `errors` and no `data` (verified shape). */
export function resourceNotFound(
  resource: 'tweet' | 'user',
  id: string,
  parameter = 'id',
): Record<string, unknown> {
  return {
    errors: [
      {
        value: id,
        detail: `Could not find ${resource} with ${parameter}: [${id}].`,
        title: 'Not Found Error',
        resource_type: resource,
        parameter,
        resource_id: id,
        type: 'https://api.twitter.com/2/problems/resource-not-found',
      },
    ],
  };
}

/** Writes XErrors as X does; malformed JSON bodies as invalid requests; anything else as 500. */
export const xErrorHandler: ErrorRequestHandler = (error, _req, res, next) => {
  if (res.headersSent) return next(error);
  if (error instanceof XError) {
    res.set(error.headers);
    return void res.status(error.status).type('application/problem+json').json(error.body);
  }
  if ((error as { type?: string }).type === 'entity.parse.failed') {
    const bad = invalidRequest('body', [], 'The request body is not valid JSON.');
    return void res.status(400).json(bad.body);
  }
  if ((error as { type?: string }).type === 'entity.too.large') {
    return void res
      .status(413)
      .json({ title: 'Payload Too Large', detail: 'Payload Too Large', type: 'about:blank', status: 413 });
  }
  res.status(500).json({
    title: 'Internal Server Error',
    detail: 'Internal Server Error',
    type: 'about:blank',
    status: 500,
  });
};
