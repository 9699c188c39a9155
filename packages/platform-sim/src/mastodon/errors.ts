// Mastodon-shaped failures (`{"error": "…"}`) for the simulated instances.
// @see https://docs.joinmastodon.org/entities/Error/
import type { ErrorRequestHandler, Response } from 'express';

/** Thrown by route handlers; the Mastodon error middleware writes `{error}` with the status and headers. */
export class MastodonError extends Error {
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor(status: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.headers = headers;
  }
}

export function sendMastodonError(res: Response, error: MastodonError): void {
  res.set(error.headers);
  res.status(error.status).json({ error: error.message });
}

/** Error middleware for instance routes. */
export const mastodonErrorHandler: ErrorRequestHandler = (error, _req, res, next) => {
  if (res.headersSent) return next(error);
  if (error instanceof MastodonError) return sendMastodonError(res, error);
  const type = (error as { type?: string }).type;
  if (type === 'entity.parse.failed') return sendMastodonError(res, new MastodonError(400, 'Bad Request'));
  if (type === 'entity.too.large') return sendMastodonError(res, new MastodonError(413, 'Payload Too Large'));
  sendMastodonError(res, new MastodonError(500, 'We are sorry, but something went wrong on our end.'));
};

// Doorkeeper's answers for bad tokens (verified wording).
export const invalidToken = () => new MastodonError(401, 'The access token is invalid');
export const revokedToken = () => new MastodonError(401, 'The access token was revoked');
export const expiredToken = () => new MastodonError(401, 'The access token expired');
export const outsideScopes = () => new MastodonError(403, 'This action is outside the authorized scopes');
export const recordNotFound = () => new MastodonError(404, 'Record not found');
/** Status validation failures: 422 "Validation failed: …" (verified for the character limit). */
export const validationFailed = (detail: string) => new MastodonError(422, `Validation failed: ${detail}`);
/** Posting media still being processed (verified wording). */
export const mediaNotProcessed = () =>
  new MastodonError(422, 'Cannot attach files that have not finished processing. Try again in a moment!');
