// The Express app of an MCP server: POST /mcp (Streamable HTTP, stateless, JSON responses; or the plain form), GET /health.
import express, { type Express, type Request, type Response } from 'express';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { AppError } from '@socialvault/common';
import { createProtocolServer } from '../protocol-server';
import { createMcpRuntime, type McpDeps, type McpRuntime } from '../runtime';
import type { McpServerSpec } from '../server-spec';
import { requireBearer } from './auth';
import { isJsonRpc, limitBodyShape } from './body-limits';
import { requireAllowedHostAndOrigin } from './dns-rebinding';
import { httpErrorHandler, jsonRpcError, sendPlainError } from './errors';
import { handlePlainForm } from './plain-form';

/** `GET /health` answer; never holds a secret. */
export interface McpHealth {
  /** `ok`, or `degraded` when the vault is unreachable (the server itself is up: still HTTP 200). */
  status: 'ok' | 'degraded';
  server: string;
  version: string;
  platform: string;
  tools: number;
  vault: { reachable: boolean };
}

async function handleMcp(runtime: McpRuntime, req: Request, res: Response): Promise<void> {
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

/**
 * Builds the HTTP app of a server. Routes:
 * - `POST /mcp`: MCP Streamable HTTP (a new SDK server and transport per request, both closed when the
 *   response closes), or the plain form when the body has no `jsonrpc` (see handlePlainForm).
 *   In this order: a Host outside `MCP_ALLOWED_HOSTS` or an Origin outside `MCP_ALLOWED_ORIGINS` → 403;
 *   `MCP_AUTH_TOKEN` (when set) is required as a bearer token; non-JSON → 415; over `MCP_MAX_BODY_MIB` → 413; nested
 *   deeper than MAX_JSON_DEPTH or a batch over `MCP_MAX_BATCH` → 400 (see limitBodyShape).
 * - `GET`/`DELETE /mcp` → 405 (stateless: no SSE stream, no session).
 * - `GET /health` → 200 McpHealth, also when the vault is down (status `degraded`): restarting this
 *   server would not bring the vault back, so a container health check should not fail on it.
 * - `GET /metrics` → Prometheus text (McpMetrics: tool calls, their latency, platform API errors).
 *
 * @example
 * const app = createMcpApp(spec, { config: loadMcpConfig(spec) });
 * app.listen(3005);
 */
export function createMcpApp<P extends object>(spec: McpServerSpec<P>, deps: McpDeps<P>): Express {
  const runtime = createMcpRuntime(spec, deps);
  const app = express();
  app.disable('x-powered-by');
  // No ETag: answers to POST /mcp are never revalidated, and hashing each body cost every call.
  app.set('etag', false);

  app.get('/health', async (_req, res) => {
    const vault = await runtime.vault.health();
    const health: McpHealth = {
      status: vault.reachable ? 'ok' : 'degraded',
      server: spec.name,
      version: spec.version,
      platform: spec.platform,
      tools: runtime.tools.size,
      vault,
    };
    res.status(200).json(health);
  });

  // Prometheus text: counts and latencies only (no secret, no account id), unauthenticated like /health.
  app.get('/metrics', async (_req, res) => {
    res.set('Content-Type', runtime.metrics.registry.contentType);
    res.send(await runtime.metrics.registry.metrics());
  });

  const methodNotAllowed = (_req: Request, res: Response): void => {
    res.setHeader('Allow', 'POST');
    res
      .status(405)
      .json(jsonRpcError(-32000, 'Method not allowed: this stateless server only accepts POST /mcp.'));
  };
  app.use(
    '/mcp',
    requireAllowedHostAndOrigin({
      allowedHosts: runtime.config.allowedHosts,
      allowedOrigins: runtime.config.allowedOrigins,
      serviceName: `${spec.platform}-mcp`,
    }),
  );
  app.get('/mcp', methodNotAllowed);
  app.delete('/mcp', methodNotAllowed);

  app.post(
    '/mcp',
    requireBearer(runtime.config.mcpAuthToken),
    (req, res, next) => {
      if (req.is('application/json')) {
        next();
        return;
      }
      sendPlainError(
        res,
        new AppError('invalid_input', 'Content-Type must be application/json', {
          hint: 'Send the body as JSON with Content-Type: application/json.',
        }),
        415,
      );
    },
    express.json({ limit: runtime.config.maxBodyBytes, strict: false }),
    limitBodyShape(runtime.config.maxBatch),
    async (req, res) => {
      const body: unknown = req.body;
      if (isJsonRpc(body)) {
        await handleMcp(runtime, req, res);
        return;
      }
      if (typeof body !== 'object' || body === null) {
        sendPlainError(
          res,
          new AppError('invalid_input', 'The body must be a JSON object', {
            hint: 'Send {"method": "<tool>", "params": {…}} or an MCP JSON-RPC message.',
          }),
        );
        return;
      }
      await handlePlainForm(runtime, body, res);
    },
  );

  app.use((_req, res) => {
    sendPlainError(
      res,
      new AppError('not_found', 'No such route', {
        hint: 'Use POST /mcp for tools, GET /health for status and GET /metrics for Prometheus.',
      }),
    );
  });
  app.use(httpErrorHandler(runtime.logger, runtime.config.maxBodyBytes));
  return app;
}
