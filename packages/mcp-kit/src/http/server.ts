// Starts the HTTP app on a port and stops it gracefully.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@socialvault/common';
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
   * Stops accepting connections, lets requests in flight finish for up to `graceMs`
   * (default 10 000), then closes what is left. `drain` (what SIGTERM does) first keeps accepting
   * until the listen queue is quiet (≤ 4 s), so no request already sent is reset by the close.
   */
  close: (options?: { graceMs?: number; drain?: boolean }) => Promise<void>;
}

/** A stopping server keeps accepting until no connection came for this long (at most DRAIN_MAX_MS). */
const DRAIN_QUIET_MS = 500;
const DRAIN_MAX_MS = 4_000;

/**
 * Keeps accepting until the listen queue is quiet: connections the kernel already took wait there until
 * the event loop accepts them (one per loop turn on a busy machine), and closing the listener would reset
 * each one with its request unanswered.
 */
async function drainListenQueue(server: Server): Promise<void> {
  const startedAt = Date.now();
  let lastConnectionAt = startedAt;
  const seen = () => (lastConnectionAt = Date.now());
  server.on('connection', seen);
  while (Date.now() - lastConnectionAt < DRAIN_QUIET_MS && Date.now() - startedAt < DRAIN_MAX_MS) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  server.off('connection', seen);
  // One more poll phase reads what the last accepted connections sent, so they count as in flight.
  await new Promise((resolve) => setImmediate(resolve));
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
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(listening)));
  }).catch(async (error: unknown) => {
    if (!deps.mediaStore) await mediaStore?.close();
    throw error;
  });
  const address = server.address() as AddressInfo;
  const shownHost =
    host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${address.port}`;
  return {
    url,
    mcpUrl: `${url}/mcp`,
    port: address.port,
    ...(mediaStore?.listenUrl ? { mediaUrl: mediaStore.listenUrl } : {}),
    close: async ({ graceMs = 10_000, drain = false } = {}) => {
      // Every response from now on closes its connection: keep-alive clients send nothing more on it.
      server.prependListener('request', (_req, res) => res.setHeader('Connection', 'close'));
      if (drain) await drainListenQueue(server);
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
      // After the MCP listener: calls in flight may still need their hosted media fetched.
      if (!deps.mediaStore) await mediaStore?.close();
    },
  };
}
