// JSON request bodies: Content-Type check (415), size limit (413), parse, nesting limit, no prototype-pollution keys.
import express, { type RequestHandler } from 'express';
import { AppError, formatJsonPath, MAX_JSON_DEPTH, tooDeepPath } from '@socialvault/common';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Path (`extra.__proto__`) of the first `__proto__`/`constructor`/`prototype` key anywhere in `value`. */
export function findForbiddenKey(value: unknown): string | undefined {
  // Iterative walk: a 64 KiB body can nest deeper than the call stack allows.
  const stack: { node: unknown; path: string }[] = [{ node: value, path: '' }];
  while (stack.length > 0) {
    const { node, path } = stack.pop() as { node: unknown; path: string };
    if (typeof node !== 'object' || node === null) continue;
    for (const key of Object.keys(node)) {
      const childPath = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) return childPath;
      stack.push({ node: (node as Record<string, unknown>)[key], path: childPath });
    }
  }
  return undefined;
}

const requireJsonContentType: RequestHandler = (req, _res, next) => {
  if (!req.is('application/json')) {
    // A transport-level answer: `invalid_input` with its own status (as bodyReadError's).
    throw new AppError('invalid_input', 'Content-Type must be application/json', {
      hint: 'Send the credential as a JSON body with Content-Type: application/json.',
      details: { field: 'Content-Type', httpStatus: 415 },
    });
  }
  next();
};

const rejectTooDeep: RequestHandler = (req, _res, next) => {
  const path = tooDeepPath(req.body, MAX_JSON_DEPTH);
  if (path !== undefined) {
    throw new AppError(
      'invalid_input',
      `${formatJsonPath(path)} is nested more than ${MAX_JSON_DEPTH} levels deep`,
      {
        hint: `Flatten the JSON: objects and arrays may nest at most ${MAX_JSON_DEPTH} levels, the body included.`,
        details: { field: String(path[0] ?? 'body') },
      },
    );
  }
  next();
};

const rejectForbiddenKeys: RequestHandler = (req, _res, next) => {
  const path = findForbiddenKey(req.body);
  if (path) {
    throw new AppError('invalid_input', `${path} is not an accepted key`, {
      hint: 'Remove __proto__, constructor and prototype keys from the body.',
      details: { field: path },
    });
  }
  next();
};

/**
 * Middlewares for a JSON body of at most `maxBytes`: 415 for another type, 413 when larger, 400 naming the
 * path when it nests more than MAX_JSON_DEPTH (32) levels or holds a `__proto__`/`constructor`/`prototype` key.
 */
export function jsonBody(maxBytes: number): RequestHandler[] {
  return [
    requireJsonContentType,
    express.json({ limit: maxBytes, strict: false }),
    rejectTooDeep,
    rejectForbiddenKeys,
  ];
}

/**
 * `jsonBody` for a route whose body is optional: a request without one (no Content-Length, or 0, and no
 * Transfer-Encoding) passes with `req.body` undefined; one with a body must be JSON of at most `maxBytes`.
 */
export function optionalJsonBody(maxBytes: number): RequestHandler[] {
  const [contentType, ...rest] = jsonBody(maxBytes);
  const checkIfBody: RequestHandler = (req, res, next) =>
    req.is('application/json') === null ? next() : contentType!(req, res, next);
  return [checkIfBody, ...rest];
}
