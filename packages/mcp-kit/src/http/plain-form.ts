// The seed's plain form of POST /mcp: {"method":"<tool>","params":{…}} → the tool's JSON, or {"error":{…}} with a status.
import type { Response } from 'express';
import { AppError } from '@socialvault/common';
import { invokeTool } from '../invoke-tool';
import type { McpRuntime } from '../runtime';
import { sendPlainError } from './errors';

/** Method name that lists the tools in the plain form (same name as the MCP method). */
export const PLAIN_LIST_METHOD = 'tools/list';
/** `{"method":"tools/call","params":{"name","arguments"}}` without `jsonrpc` is also accepted. */
export const PLAIN_CALL_METHOD = 'tools/call';

function toolNames(runtime: McpRuntime): string {
  return [...runtime.tools.keys()].join(', ');
}

/**
 * Answers a plain-form body (any JSON object without `jsonrpc`). `params` may be omitted.
 * 200 with the tool's result (its structuredContent); `{"method":"tools/list"}` → 200 `{tools:[…]}`;
 * `{"method":"tools/call","params":{"name","arguments"}}` (MCP's call shape without JSON-RPC) works too;
 * a tool is named with or without `MCP_TOOL_PREFIX` (one URL is one server, so both are unambiguous);
 * unknown method → 404 not_found naming the tools; tool errors → their status (400/401/404/409/429/502/503).
 */
export async function handlePlainForm(runtime: McpRuntime, body: object, res: Response): Promise<void> {
  let { method, params } = body as { method?: unknown; params?: unknown };
  if (method === PLAIN_CALL_METHOD && params && typeof params === 'object') {
    ({ name: method, arguments: params } = params as { name?: unknown; arguments?: unknown });
  }
  if (typeof method !== 'string' || method === '') {
    sendPlainError(
      res,
      new AppError('invalid_input', 'The body has no "method"', {
        hint: `Send {"method": "<tool>", "params": {…}} (tools: ${toolNames(runtime)}) or an MCP JSON-RPC message.`,
        details: { field: 'method' },
      }),
    );
    return;
  }
  if (params !== undefined && params !== null && (typeof params !== 'object' || Array.isArray(params))) {
    sendPlainError(
      res,
      new AppError('invalid_input', '"params" must be an object of tool arguments', {
        hint: `Send {"method": "${method}", "params": {"<argument>": …}}.`,
        details: { field: 'params' },
      }),
    );
    return;
  }
  if (method === PLAIN_LIST_METHOD) {
    res.status(200).json({ tools: runtime.listing });
    return;
  }
  const tool = runtime.findTool(method);
  if (!tool) {
    sendPlainError(
      res,
      new AppError('not_found', `Unknown method "${method}"`, {
        hint: `Use one of: ${toolNames(runtime)} (or "${PLAIN_LIST_METHOD}" for their schemas).`,
      }),
    );
    return;
  }
  const abort = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  const outcome = await invokeTool(runtime, tool, params ?? {}, { transport: 'plain', signal: abort.signal });
  if (outcome.ok) res.status(200).json(outcome.result);
  else sendPlainError(res, outcome.error);
}
