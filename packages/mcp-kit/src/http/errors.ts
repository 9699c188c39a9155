// The one place where AppErrors become HTTP answers: `{"error":{code,message,hint,retry_after_s?}}` with its status.
import type { NextFunction, Request, Response } from 'express';
import { AppError, HTTP_STATUS_BY_CODE } from '@socialvault/common';
import type { Logger } from 'winston';
import { toErrorBody } from '../tool-errors';

/**
 * Sends `{"error": {...}}` with the status of HTTP_STATUS_BY_CODE (or `status` for transport-level
 * answers such as 413/415), and `Retry-After` for rate limits.
 */
export function sendPlainError(res: Response, error: AppError, status?: number): void {
  const body = toErrorBody(error);
  if (body.retry_after_s !== undefined) res.setHeader('Retry-After', String(body.retry_after_s));
  res.status(status ?? HTTP_STATUS_BY_CODE[error.code]).json({ error: body });
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
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const type = (error as { type?: unknown } | null)?.type;
    if (type === 'entity.too.large') {
      sendPlainError(
        res,
        new AppError('invalid_input', 'Request body is too large', {
          hint: `Send at most ${Math.round(maxBodyBytes / 1024 / 1024)} MiB of JSON (inline media counts as base64).`,
        }),
        413,
      );
      return;
    }
    if (type === 'entity.parse.failed') {
      if (isJsonRpcClient(req, (error as { body?: unknown }).body)) {
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
      sendPlainError(
        res,
        new AppError('invalid_input', 'Request body is not valid JSON', {
          hint: 'Send a JSON object: an MCP JSON-RPC message or {"method": "<tool>", "params": {…}}.',
        }),
      );
      return;
    }
    if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
      sendPlainError(
        res,
        new AppError('invalid_input', 'Unsupported body encoding', { hint: 'Send UTF-8 JSON.' }),
        415,
      );
      return;
    }
    // Any other client error body-parser raises (e.g. Content-Encoding: gzip on a body that does not
    // decompress): a 400, not an internal error.
    const { status, expose } = (error ?? {}) as { status?: unknown; expose?: unknown };
    if (expose === true && typeof status === 'number' && status >= 400 && status < 500) {
      sendPlainError(
        res,
        new AppError('invalid_input', 'Request body could not be read', {
          hint: 'Send UTF-8 JSON; when it is compressed, Content-Encoding must name the compression used.',
        }),
        status === 413 || status === 415 ? status : 400,
      );
      return;
    }
    logger.error('unhandled error in HTTP request', { error });
    res.status(500).json(jsonRpcError(-32603, 'Internal server error'));
  };
}
