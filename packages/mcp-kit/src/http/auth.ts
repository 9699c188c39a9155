// Optional bearer check on /mcp (MCP_AUTH_TOKEN), compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '@socialvault/common';
import { sendPlainError } from './errors';

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** True when `header` is `Bearer <expected>`; hashing first makes the comparison length-independent. */
export function bearerMatches(header: string | undefined, expected: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  const presented = match?.[1]?.trim() ?? '';
  return timingSafeEqual(digest(presented), digest(expected)) && presented.length > 0;
}

/** Middleware: 401 `unauthorized` unless the request carries `Authorization: Bearer <token>`; no-op without a token. */
export function requireBearer(token: string | undefined) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (token === undefined || bearerMatches(req.headers.authorization, token)) {
      next();
      return;
    }
    res.setHeader('WWW-Authenticate', 'Bearer realm="mcp"');
    sendPlainError(
      res,
      new AppError('unauthorized', 'Missing or wrong MCP auth token', {
        hint: 'Send Authorization: Bearer <MCP_AUTH_TOKEN> (the token this server was started with).',
      }),
    );
  };
}
