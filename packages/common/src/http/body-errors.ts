// What a failed JSON body read (body-parser / express.json) means for the client: one mapping for every service.
import { AppError, HTTP_STATUS_BY_CODE } from '../errors';

/** What a service may say about its own bodies; the defaults speak of a plain JSON body. */
export interface BodyErrorHints {
  /** Hint of the 413 answer (default: `Send at most <limit> of JSON.`). */
  tooLarge?: string;
  /** Hint of the 400 answer to a body that is not JSON (default: a JSON body with its Content-Type). */
  notJson?: string;
}

/** `65536` → `64 KiB`, `16777216` → `16 MiB`. */
function describeBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return Number.isInteger(mib) ? `${mib} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

const transport = (httpStatus: 400 | 413 | 415, message: string, hint: string): AppError =>
  new AppError('invalid_input', message, { hint, details: { field: 'body', httpStatus } });

/**
 * Maps an error of the JSON body reader to an `invalid_input` AppError whose `details.httpStatus` is the
 * answer's status: 413 (larger than `maxBodyBytes`), 400 (not JSON, incomplete, or a Content-Encoding that
 * does not decompress), 415 (a charset or encoding it does not read). Never quotes the body.
 * @returns undefined when `error` is not a client error of the body reader (a bug: answer 500).
 * @example const appError = bodyReadError(error, { maxBodyBytes: 64 * 1024 }); res.status(httpStatusOf(appError))…
 */
export function bodyReadError(
  error: unknown,
  { maxBodyBytes, hints = {} }: { maxBodyBytes: number; hints?: BodyErrorHints },
): AppError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { type, status, expose } = error as { type?: unknown; status?: unknown; expose?: unknown };
  const limit = describeBytes(maxBodyBytes);
  switch (type) {
    case 'entity.too.large':
      return transport(
        413,
        `Request body is larger than ${limit}`,
        hints.tooLarge ?? `Send at most ${limit} of JSON.`,
      );
    case 'entity.parse.failed':
      return transport(
        400,
        'Request body is not valid JSON',
        hints.notJson ?? 'Send a JSON object with Content-Type: application/json.',
      );
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return transport(415, 'Unsupported body encoding', 'Send UTF-8 JSON without content encoding.');
    case 'request.aborted':
    case 'request.size.invalid':
      return transport(400, 'Request body was incomplete', 'Send the request again.');
  }
  // Any other client error the reader raises (http-errors with `expose` and a 4xx status), e.g. a body
  // labelled `Content-Encoding: gzip` that does not decompress: a 400, not an internal error.
  if (expose !== true || typeof status !== 'number' || status < 400 || status > 499) return undefined;
  return transport(
    status === 413 || status === 415 ? status : 400,
    'Request body could not be read',
    'Send UTF-8 JSON; when it is compressed, Content-Encoding must name the compression used.',
  );
}

/** The HTTP status of an AppError: its `details.httpStatus` when set (transport answers), else its code's. */
export function httpStatusOf(error: AppError): number {
  const override = error.details?.httpStatus;
  return typeof override === 'number' ? override : HTTP_STATUS_BY_CODE[error.code];
}
