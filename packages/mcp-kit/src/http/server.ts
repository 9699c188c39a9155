// Starts the HTTP app on a port and stops it gracefully.
import { createLogger, listen, type CloseOptions } from '@socialvault/common';
import { createMcpApp } from './app';
import { openMediaStore } from '../media/open-media-store';
import type { McpDeps } from '../runtime';
import type { McpServerSpec } from '../server-spec';

/** A listening MCP server. */
export interface RunningMcpHttpServer {
  /** Base URL, e.g. `http://127.0.0.1:3005` (a wildcard host is shown as 127.0.0.1). */
  url: string;
  /** The MCP endpoint, `${url}/mcp`. */
  mcpUrl: string;
  port: number;
  /** The built-in media store's own URL (`http://127.0.0.1:3015`), on servers that run one. */
  mediaUrl?: string;
  /**
   * Stops accepting connections, lets requests in flight finish (`Listener.close`: CLOSE_GRACE_MS unless
   * `graceMs` says otherwise), then closes what is left and the built-in media store. `drain` (what SIGTERM
   * does) first keeps accepting until the listen queue is quiet (≤ 4 s), so no request already sent is reset.
   */
  close: (options?: CloseOptions) => Promise<void>;
}

/**
 * Listens on `deps.config.host`:`deps.config.port` (0 picks a free port) with createMcpApp.
 * @example
 * const server = await startMcpHttpServer(spec, { config: { ...config, host: '127.0.0.1', port: 0 } });
 * const transport = new StreamableHTTPClientTransport(new URL(server.mcpUrl));
 * await server.close();
 */
export async function startMcpHttpServer<P extends object>(
  spec: McpServerSpec<P>,
  deps: McpDeps<P>,
): Promise<RunningMcpHttpServer> {
  const mediaStore =
    deps.mediaStore ??
    (await openMediaStore(spec, deps.config, deps.logger ?? createLogger(spec.name, 'media')));
  const app = createMcpApp(spec, { ...deps, mediaStore });
  const { host, port } = deps.config;
  const listener = await listen(app, { host, port }).catch(async (error: unknown) => {
    if (!deps.mediaStore) await mediaStore?.close();
    throw error;
  });
  return {
    url: listener.url,
    mcpUrl: `${listener.url}/mcp`,
    port: listener.port,
    ...(mediaStore?.listenUrl ? { mediaUrl: mediaStore.listenUrl } : {}),
    close: async (options = {}) => {
      await listener.close(options);
      // After the MCP listener: calls in flight may still need their hosted media fetched.
      if (!deps.mediaStore) await mediaStore?.close();
    },
  };
}
