// The one place expected failures become HTTP: AppError codes → statuses, `{"detail":{"message","hint"}}`, audit for rejections.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Pool } from 'pg';
import { AppError, createLogger, HTTP_STATUS_BY_CODE, isAppError } from '@socialvault/common';
import { recordAudit } from '../db/audit-log';
import type { VaultMetrics } from '../metrics';

const log = createLogger('vault', 'http');

/** Which listener an app serves; used in logs and metrics. */
export type ListenerName = 'ingress' | 'internal';

/**
 * Transport-level rejections have no code of their own in ERROR_CODES: they are `invalid_input`
 * AppErrors whose `details.httpStatus` says 413 or 415.
 */
export function transportError(
  httpStatus: 413 | 415 | 400,
  message: string,
  hint: string,
  field: string,
): AppError {
  return new AppError('invalid_input', message, { hint, details: { field, httpStatus } });
}

/** Maps body-parser's errors (they carry `type`) to AppErrors; never echoes the body. */
function fromBodyParser(
  error: { type?: unknown; status?: unknown; expose?: unknown },
  maxBodyBytes: number,
): AppError | undefined {
  switch (error.type) {
    case 'entity.too.large':
      return transportError(
        413,
        `Request body is larger than ${maxBodyBytes / 1024} KiB`,
        'Send a smaller JSON body.',
        'body',
      );
    case 'entity.parse.failed':
      return transportError(
        400,
        'Request body is not valid JSON',
        'Send a JSON object with Content-Type: application/json.',
        'body',
      );
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return transportError(
        415,
        'Request body encoding is not supported',
        'Send UTF-8 JSON without content encoding.',
        'body',
      );
    case 'request.aborted':
    case 'request.size.invalid':
      return transportError(400, 'Request body was incomplete', 'Send the request again.', 'body');
    default:
      return fromUnreadableBody(error);
  }
}

/**
 * Any other client error body-parser raises (http-errors with `expose` and a 4xx `status`), e.g. a body
 * labelled `Content-Encoding: gzip` or `br` that does not decompress: a 400, not an internal error.
 */
function fromUnreadableBody(error: { status?: unknown; expose?: unknown }): AppError | undefined {
  const { status, expose } = error;
  if (expose !== true || typeof status !== 'number' || status < 400 || status > 499) return undefined;
  return transportError(
    status === 413 || status === 415 ? status : 400,
    'Request body could not be read',
    'Send UTF-8 JSON; when it is compressed, Content-Encoding must name the compression used.',
    'body',
  );
}

/** SQLSTATEs that mean "the database is not there right now": connection exceptions and shutdowns. */
const DATABASE_DOWN_SQLSTATE = /^(08...|57P01|57P02|57P03|53300)$/;
const DATABASE_DOWN_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const DATABASE_DOWN_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly/i;

/**
 * A PostgreSQL outage (server stopped, restarting, unreachable, connection dropped mid-query) becomes
 * `vault_unavailable` (503, Retry-After) with a hint instead of a 500: nothing is wrong with the request.
 */
export function fromDatabaseOutage(error: unknown): AppError | undefined {
  for (let depth = 0, current = error; current && depth < 4; depth += 1) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    const down =
      (typeof code === 'string' && (DATABASE_DOWN_SQLSTATE.test(code) || DATABASE_DOWN_ERRNO.has(code))) ||
      (typeof message === 'string' && DATABASE_DOWN_MESSAGE.test(message));
    if (down) {
      return new AppError('vault_unavailable', 'The vault database is unavailable', {
        hint: 'PostgreSQL is not answering; the vault keeps running and serves again as soon as it is back. Retry in a few seconds.',
        retryAfterS: 5,
        details: { databaseDown: true },
      });
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function statusOf(error: AppError): number {
  const override = error.details?.httpStatus;
  return typeof override === 'number' ? override : HTTP_STATUS_BY_CODE[error.code];
}

export interface ErrorMiddlewareDeps {
  pool: Pool;
  listener: ListenerName;
  maxBodyBytes: number;
  metrics?: VaultMetrics;
}

/** Routes call this first so a rejection is audited under their action (`res.locals.auditAction`). */
export function auditAs(action: string): RequestHandler {
  return (_req, res, next) => {
    res.locals.auditAction = action;
    next();
  };
}

/** 404 for every path the listener does not serve (token routes on the ingress port, for one). */
export function notFound(routesHint: string): RequestHandler {
  return (req) => {
    throw new AppError('not_found', `No route ${req.method} ${req.path} on this listener`, {
      hint: routesHint,
    });
  };
}

/** The error middleware: status from the AppError code, body `{"detail":{"message","hint","code",field?,choices?,reason?}}`. */
export function errorMiddleware(deps: ErrorMiddlewareDeps): ErrorRequestHandler {
  return async (error: unknown, req, res, _next) => {
    const appError = isAppError(error)
      ? error
      : typeof error === 'object' && error !== null
        ? (fromBodyParser(error as { type?: unknown }, deps.maxBodyBytes) ?? fromDatabaseOutage(error))
        : undefined;
    const databaseDown = appError?.details?.databaseDown === true;
    const status = appError ? statusOf(appError) : 500;
    const message = appError ? appError.message : 'Internal error';
    const hint = appError ? appError.hint : 'The vault logged the cause; try again or check its logs.';
    const route = `${req.method} ${req.path}`;
    if (appError && status < 500) {
      log.info(`Rejected ${route}: ${status} ${message}`, { listener: deps.listener, status });
    } else if (databaseDown) {
      // Expected during an outage: one short line per request, the cause without a stack.
      log.warn(`Failed ${route}: ${status} ${message} (${(error as Error).message})`, {
        listener: deps.listener,
        status,
      });
    } else {
      log.error(`Failed ${route}: ${status} ${message}`, { listener: deps.listener, status, error });
    }
    deps.metrics?.requestsRejected.inc({ listener: deps.listener, status: String(status) });
    const action = res.locals.auditAction as string | undefined;
    // No audit row while the database is down: the write would fail too (the warning above records it).
    if (action && !databaseDown) {
      await recordAudit(deps.pool, {
        actor: (res.locals.actor as string | undefined) ?? 'anonymous',
        action,
        outcome: status < 500 ? 'rejected' : 'failure',
        detail: {
          status,
          code: appError?.code ?? 'internal',
          message,
          ...(req.ip ? { source: req.ip } : {}),
        },
      }).catch((auditError: unknown) => log.error('Could not write the audit row', { error: auditError }));
    }
    if (res.headersSent) return;
    const field = appError?.details?.field;
    const choices = appError?.details?.choices;
    // Machine-readable cause for clients: `credential_changed` tells an MCP server to drop its cached copy.
    const reason = appError?.details?.reason;
    if (status === 401) res.set('WWW-Authenticate', deps.listener === 'internal' ? 'Bearer' : 'X-API-Key');
    if (appError?.retryAfterS !== undefined) res.set('Retry-After', String(appError.retryAfterS));
    res.status(status).json({
      detail: {
        message,
        hint,
        code: appError?.code ?? 'internal',
        ...(typeof field === 'string' ? { field } : {}),
        ...(Array.isArray(choices) ? { choices } : {}),
        ...(typeof reason === 'string' ? { reason } : {}),
      },
    });
  };
}
