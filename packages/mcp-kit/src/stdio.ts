// The same tools over the SDK's stdio transport, for desktop agents (`--stdio`); stdout carries only the protocol.
import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createLogger, sendConsoleLogsToStderr } from '@socialvault/common';
import { openMediaStore } from './media/open-media-store';
import { createProtocolServer } from './protocol-server';
import { createMcpRuntime, type McpDeps } from './runtime';
import type { McpServerSpec } from './server-spec';

/** A server connected to stdio. */
export interface RunningMcpStdioServer {
  close: () => Promise<void>;
}

/**
 * Serves the spec's tools over stdin/stdout (or the given streams). Moves every console log line to
 * stderr first, since stdout is the protocol channel.
 */
export async function startMcpStdioServer<P extends object>(
  spec: McpServerSpec<P>,
  deps: McpDeps<P>,
  streams: { stdin?: Readable; stdout?: Writable } = {},
): Promise<RunningMcpStdioServer> {
  sendConsoleLogsToStderr();
  const mediaStore =
    deps.mediaStore ??
    (await openMediaStore(spec, deps.config, deps.logger ?? createLogger(spec.name, 'media')));
  const runtime = createMcpRuntime(spec, { ...deps, mediaStore });
  const server = createProtocolServer(runtime, 'stdio');
  await server.connect(new StdioServerTransport(streams.stdin, streams.stdout));
  return {
    close: async () => {
      await server.close();
      if (!deps.mediaStore) await mediaStore?.close();
    },
  };
}
