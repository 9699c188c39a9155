// POST /mcp in its JSON-RPC form: the MCP SDK's Streamable HTTP transport and a protocol server per request.
import type { Request, Response } from 'express';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createProtocolServer } from '../protocol-server';
import type { McpRuntime } from '../runtime';
import { jsonRpcError } from './errors';

/**
 * Answers one JSON-RPC request (or batch) in stateless mode: a new SDK server and transport, both closed
 * when the response closes. A failure before the SDK answered is a JSON-RPC -32603 with HTTP 500.
 */
export async function handleMcpJsonRpc(runtime: McpRuntime, req: Request, res: Response): Promise<void> {
  const server = createProtocolServer(runtime, 'http');
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  try {
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  } catch (error) {
    runtime.logger.error('MCP request failed', { error });
    if (!res.headersSent) res.status(500).json(jsonRpcError(-32603, 'Internal server error'));
  }
}
