// Shape limits on a parsed /mcp body, checked before either form runs anything: nesting depth and batch size.
import type { NextFunction, Request, Response } from 'express';
import { AppError, formatJsonPath, MAX_JSON_DEPTH, tooDeepPath } from '@socialvault/common';
import { jsonRpcError, sendPlainError } from './errors';

/** A JSON-RPC message or batch goes to the MCP transport; any other object is the plain form. */
export function isJsonRpc(body: unknown): boolean {
  return Array.isArray(body) || (typeof body === 'object' && body !== null && 'jsonrpc' in body);
}

/** JSON-RPC 2.0 "Invalid Request". */
const INVALID_REQUEST = -32600;

/**
 * Middleware after the JSON parser. A body nested deeper than MAX_JSON_DEPTH levels → 400 naming the
 * field (a JSON-RPC Invalid Request for a JSON-RPC body, `invalid_input` for the plain form); a JSON-RPC
 * batch of more than `maxBatch` messages (`MCP_MAX_BATCH`) → 400 JSON-RPC Invalid Request, and none of its
 * messages runs.
 */
export function limitBodyShape(maxBatch: number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const body: unknown = req.body;
    const deep = tooDeepPath(body, MAX_JSON_DEPTH);
    if (deep) {
      const field = formatJsonPath(deep);
      const message = `${field} is nested deeper than ${MAX_JSON_DEPTH} levels`;
      const hint = `Send JSON nested at most ${MAX_JSON_DEPTH} levels deep; tool arguments never need more.`;
      if (isJsonRpc(body))
        res.status(400).json(jsonRpcError(INVALID_REQUEST, `Invalid Request: ${message}`, hint));
      else sendPlainError(res, new AppError('invalid_input', message, { hint, details: { field } }));
      return;
    }
    if (Array.isArray(body) && body.length > maxBatch) {
      res
        .status(400)
        .json(
          jsonRpcError(
            INVALID_REQUEST,
            `Invalid Request: a batch holds at most ${maxBatch} messages (got ${body.length}); none was run`,
            `Send at most ${maxBatch} messages per batch (MCP_MAX_BATCH on the server), or one request per call.`,
          ),
        );
      return;
    }
    next();
  };
}
