// The main of every MCP server package: read config once, pick HTTP or stdio from argv, log where it listens, stop gracefully.
import { ConfigError, createLogger, loadDotEnv, sendConsoleLogsToStderr } from '@socialvault/common';
import { loadMcpConfig, type McpServerConfig } from './config';
import { startMcpHttpServer } from './http/server';
import type { McpServerSpec } from './server-spec';

export interface RunMcpServerOptions {
  /** Command-line arguments (default `process.argv.slice(2)`); `--stdio` selects the stdio transport. */
  argv?: readonly string[];
  /** Environment (default `process.env`, after loading `.env` from the working directory). */
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs a server as its process's main: loads `.env`, parses the configuration once (a bad or missing
 * variable logs one line naming it and sets exit code 1), then serves over HTTP (`POST /mcp`,
 * `GET /health`, logging the URL) or, with `--stdio`, over stdin/stdout with logs on stderr.
 * SIGINT/SIGTERM (and stdin closing in stdio mode) stop it: requests in flight get up to 10 s.
 *
 * @example
 * // packages/mcp-instagram/src/main.ts
 * import { runMcpServer } from '@socialvault/mcp-kit';
 * import { instagramServerSpec } from './server';
 *
 * void runMcpServer(instagramServerSpec);
 */
export async function runMcpServer<P extends object>(
  spec: McpServerSpec<P>,
  options: RunMcpServerOptions = {},
): Promise<void> {
  const stdio = (options.argv ?? process.argv.slice(2)).includes('--stdio');
  if (stdio) sendConsoleLogsToStderr();
  if (!options.env) loadDotEnv();
  const logger = createLogger(spec.name, 'main');

  let config: McpServerConfig<P>;
  try {
    config = loadMcpConfig(spec, options.env ?? process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    logger.error(error.message);
    process.exitCode = 1;
    return;
  }

  const about = { server: spec.name, version: spec.version, platform: spec.platform };
  let close: () => Promise<void>;
  try {
    if (stdio) {
      // Loaded only in stdio mode: it brings the MCP SDK, which an HTTP server loads on its first JSON-RPC call.
      const { startMcpStdioServer } = await import('./stdio');
      const running = await startMcpStdioServer(spec, { config });
      close = running.close;
      logger.info('MCP server ready on stdio', about);
      process.stdin.once('end', () => void shutdown('stdin closed'));
    } else {
      const running = await startMcpHttpServer(spec, { config });
      close = () => running.close({ drain: true });
      logger.info(`MCP server listening on ${running.mcpUrl}`, {
        ...about,
        url: running.mcpUrl,
        health_url: `${running.url}/health`,
        bound_to: `${config.host}:${running.port}`,
        auth_required: config.mcpAuthToken !== undefined,
      });
    }
  } catch (error) {
    logger.error(`${spec.name} could not start`, { error });
    process.exitCode = 1;
    return;
  }

  let stopping = false;
  async function shutdown(reason: string): Promise<void> {
    if (stopping) return;
    stopping = true;
    logger.info('MCP server stopping', { ...about, reason });
    try {
      await close();
    } catch (error) {
      logger.error('error while stopping', { error });
    }
    process.exit(process.exitCode ?? 0);
  }
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
