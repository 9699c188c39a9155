// The one place failures become answers: JSON `{"detail":{…}}` under /admin and /health, an HTML page elsewhere.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, createLogger, HTTP_STATUS_BY_CODE, httpErrorBody, isAppError } from '@socialvault/common';
import { PageError, renderResult } from './pages';

const log = createLogger('broker', 'http');

const isApiPath = (path: string) => path.startsWith('/admin') || path === '/health';

/** 404 for every unserved path. */
export const notFound: RequestHandler = (req) => {
  throw new AppError('not_found', `No route ${req.method} ${req.path}`, {
    hint: 'The broker serves /auth/<platform>, /callback/<platform>, /admin/… and /health.',
  });
};

/** Maps PageError, AppError, CSRF and body-parser failures; anything else is a logged 500 without details. */
export const errorMiddleware: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const route = `${req.method} ${req.path}`;
  if (error instanceof PageError) {
    log.info(`Refused ${route}: ${error.status} ${error.page.code}`);
    if (!res.headersSent) renderResult(res, error.status, error.page);
    return;
  }
  const record = (error ?? {}) as { code?: unknown; status?: unknown; type?: unknown };
  let appError: AppError | undefined = isAppError(error) ? error : undefined;
  let status = appError
    ? ((appError.details?.httpStatus as number | undefined) ?? HTTP_STATUS_BY_CODE[appError.code])
    : 500;
  let pageCode = appError?.code ?? 'internal';
  if (record.code === 'EBADCSRFTOKEN') {
    status = 403;
    pageCode = 'csrf_refused';
    appError = new AppError(
      'forbidden',
      'The form’s security token is missing or does not belong to this browser session',
      {
        hint: 'Reload the page that showed the form and submit it again, in the same browser.',
      },
    );
  } else if (
    !appError &&
    typeof record.type === 'string' &&
    typeof record.status === 'number' &&
    record.status < 500
  ) {
    status = record.status;
    pageCode = 'bad_request';
    appError = new AppError('invalid_input', 'The request body could not be read', {
      hint: 'Send JSON (admin API) or a form (pages) of normal size.',
      details: { field: 'body' },
    });
  }
  if (appError && status < 500) log.info(`Refused ${route}: ${status} ${appError.message}`);
  else log.error(`Failed ${route}: ${status}`, { error });
  if (res.headersSent) return;
  const { detail } = httpErrorBody(
    appError,
    'The broker logged the cause; try again or ask its operator to check the logs.',
  );
  if (isApiPath(req.path)) {
    if (status === 401) res.set('WWW-Authenticate', 'Bearer');
    res.status(status).json({ detail });
    return;
  }
  renderResult(res, status, {
    code: pageCode,
    title: status === 404 ? 'Not found' : 'Something went wrong',
    message: detail.message,
    hint: detail.hint,
  });
};
