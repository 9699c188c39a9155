// DNS-rebinding protection of /mcp (SPEC "MCP servers"): the Host must be one of ours, a present Origin one we allow.
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '@socialvault/common';
import { sendPlainError } from './errors';

/** Hostnames `/mcp` answers by default, each with the port the server listens on. */
const LOOPBACK_HOSTNAMES = ['localhost', '127.0.0.1', '[::1]'];

/** What the check compares against. */
export interface AllowedCallers {
  /** `MCP_ALLOWED_HOSTS` (`host[:port]`, lower case); undefined → the defaults with the listening port. */
  allowedHosts: readonly string[] | undefined;
  /** `MCP_ALLOWED_ORIGINS` (`scheme://host[:port]`, lower case); empty → any request with an Origin is refused. */
  allowedOrigins: readonly string[];
  /** The compose service name, allowed by default next to the loopback names (e.g. `instagram-mcp`). */
  serviceName: string;
}

/** The default `MCP_ALLOWED_HOSTS` for a server listening on `port`. */
export function defaultAllowedHosts(serviceName: string, port: number): string[] {
  return [...LOOPBACK_HOSTNAMES, serviceName].map((hostname) => `${hostname}:${port}`);
}

/** A header value shown in an error: bounded, printable. */
function shown(value: string): string {
  const printable = value.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > 100 ? `${printable.slice(0, 100)}…` : printable;
}

/** Answers 403 forbidden naming the refused `header` and its (shortened) value. */
function refuse(res: Response, header: 'Host' | 'Origin', value: string, hint: string): void {
  sendPlainError(
    res,
    new AppError('forbidden', `${header} "${shown(value)}" is not allowed`, { hint, details: { header } }),
  );
}

/**
 * Middleware for every `/mcp` request, both forms, before authentication: a page on another site that
 * rebinds its DNS name to this server's address sends its own name as `Host`, and a browser always sends
 * `Origin` on a cross-origin POST. Anything outside the lists gets 403 `forbidden` naming the header
 * (`details.header`) with a hint naming the variable to set.
 * @example app.use('/mcp', requireAllowedHostAndOrigin({ allowedHosts: undefined, allowedOrigins: [], serviceName: 'instagram-mcp' }));
 */
export function requireAllowedHostAndOrigin(callers: AllowedCallers) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const host = (req.headers.host ?? '').toLowerCase();
    const allowedHosts =
      callers.allowedHosts ?? defaultAllowedHosts(callers.serviceName, req.socket.localPort ?? 0);
    if (!allowedHosts.includes(host)) {
      refuse(
        res,
        'Host',
        host,
        'Call the server by a name it answers to; to add one, list it as host:port in MCP_ALLOWED_HOSTS ' +
          '(comma-separated) on the server.',
      );
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !callers.allowedOrigins.includes(origin.toLowerCase())) {
      refuse(
        res,
        'Origin',
        origin,
        'Requests from web pages are refused unless their origin is listed as scheme://host[:port] in ' +
          'MCP_ALLOWED_ORIGINS (comma-separated) on the server; other clients send no Origin header.',
      );
      return;
    }
    next();
  };
}
