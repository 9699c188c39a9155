// The one place where AppErrors become HTTP answers: `{"error":{code,message,hint,retry_after_s?}}` with its status.
import type { NextFunction, Request, Response } from 'express';
import { type AppError, bodyReadError, httpStatusOf } from '@socialvault/common';
import type { Logger } from 'winston';
import { toErrorBody } from '../tool-errors';

/**
 * Sends `{"error": {...}}` with the error's status (`httpStatusOf`: its code's, or the `details.httpStatus`
 * of a transport-level answer such as 413/415) unless `status` is given, and `Retry-After` for rate limits.
 */
export function sendPlainError(res: Response, error: AppError, status?: number): void {
  const body = toErrorBody(error);
  if (body.retry_after_s !== undefined) res.setHeader('Retry-After', String(body.retry_after_s));
  res.status(status ?? httpStatusOf(error)).json({ error: body });
}

/**
 * The JSON-RPC error body the Streamable HTTP transport uses for transport-level refusals; `hint` (what the
 * caller can do) goes into the error's `data`.
 */
export function jsonRpcError(code: number, message: string, hint?: string): Record<string, unknown> {
  return { jsonrpc: '2.0', error: { code, message, ...(hint ? { data: { hint } } : {}) }, id: null };
}

/** JSON-RPC 2.0 "Parse error". */
const JSON_RPC_PARSE_ERROR = -32700;

/**
 * Whether a body that did not parse came from an MCP (JSON-RPC) client rather than the plain form: the
 * Streamable HTTP transport requires clients to accept `text/event-stream` (an n8n HTTP Request node or
 * curl does not send it), and a body that starts like a JSON-RPC message (`{"jsonrpc"` or a batch `[`)
 * is one whatever its headers.
 */
export function isJsonRpcClient(req: Request, rawBody: unknown): boolean {
  if (/\btext\/event-stream\b/i.test(req.get('accept') ?? '')) return true;
  return typeof rawBody === 'string' && /^\s*(\[|\{\s*"jsonrpc"\s*:)/.test(rawBody);
}

/** Express error middleware: body-parser failures get their own status; anything else is a 500 without details. */
export function httpErrorHandler(logger: Logger, maxBodyBytes: number) {
  // What POST /mcp carries: inline media travels as base64 inside the JSON.
  const bodyHints = {
    tooLarge: `Send at most ${Math.round(maxBodyBytes / 1024 / 1024)} MiB of JSON (inline media counts as base64).`,
    notJson: 'Send a JSON object: an MCP JSON-RPC message or {"method": "<tool>", "params": {…}}.',
  };
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const type = (error as { type?: unknown } | null)?.type;
    if (type === 'entity.parse.failed' && isJsonRpcClient(req, (error as { body?: unknown }).body)) {
      res
        .status(400)
        .json(
          jsonRpcError(
            JSON_RPC_PARSE_ERROR,
            'Parse error: the body is not valid JSON',
            'Send one JSON-RPC 2.0 message (or a batch) as UTF-8 JSON.',
          ),
        );
      return;
    }
    const bodyError = bodyReadError(error, { maxBodyBytes, hints: bodyHints });
    if (bodyError) {
      sendPlainError(res, bodyError);
      return;
    }
    logger.error('unhandled error in HTTP request', { error });
    res.status(500).json(jsonRpcError(-32603, 'Internal server error'));
  };
}
