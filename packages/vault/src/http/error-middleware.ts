// The one place expected failures become HTTP: AppError codes → statuses, `{"detail":{"message","hint"}}`, audit for rejections.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Pool } from 'pg';
import {
  AppError,
  bodyReadError,
  createLogger,
  httpErrorBody,
  httpStatusOf,
  isAppError,
} from '@socialvault/common';
import { recordAudit } from '../db/audit-log';
import type { VaultMetrics } from '../metrics';

const log = createLogger('vault', 'http');

/** Which listener an app serves; used in logs and metrics. */
export type ListenerName = 'ingress' | 'internal';

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
        ? (bodyReadError(error, { maxBodyBytes: deps.maxBodyBytes }) ?? fromDatabaseOutage(error))
        : undefined;
    const databaseDown = appError?.details?.databaseDown === true;
    const status = appError ? httpStatusOf(appError) : 500;
    const message = appError ? appError.message : 'Internal error';
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
    const choices = appError?.details?.choices;
    // Machine-readable cause for clients: `credential_changed` tells an MCP server to drop its cached copy.
    const reason = appError?.details?.reason;
    if (status === 401) res.set('WWW-Authenticate', deps.listener === 'internal' ? 'Bearer' : 'X-API-Key');
    if (appError?.retryAfterS !== undefined) res.set('Retry-After', String(appError.retryAfterS));
    res.status(status).json(
      httpErrorBody(appError, 'The vault logged the cause; try again or check its logs.', {
        ...(Array.isArray(choices) ? { choices } : {}),
        ...(typeof reason === 'string' ? { reason } : {}),
      }),
    );
  };
}
