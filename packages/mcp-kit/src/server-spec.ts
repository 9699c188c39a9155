// The description of one MCP server package: identity, platform, default port, own config, tools.
import type { z } from 'zod';
import type { McpServerConfig, ToolConfig } from './config';
import type { RenamedEnv } from './renamed-env';
import type { Platform } from '@socialvault/vault-api';
import type { McpTool } from './tool';

/**
 * Everything the kit needs to run a server; a server package exports one and its `main.ts` calls
 * `runMcpServer(spec)`.
 *
 * `P` is the type of the server's own configuration (the output of `configSchema`), merged into
 * the base configuration that tools see as `ctx.config` and the `tools` factory receives.
 *
 * @example
 * // packages/mcp-instagram/src/server.ts (shortened)
 * export const instagramServerSpec = defineMcpServer({
 *   name: 'socialvault-instagram',
 *   version: '0.1.0',
 *   title: 'Instagram (socialvault)',
 *   platform: 'instagram',
 *   defaultPort: 3005,
 *   accountIdForm: 'the Instagram business account id (digits, e.g. 17841400000000001)',
 *   configSchema: instagramEnvSchema,
 *   instructions: 'Publishes to and reads insights of the connected Instagram business accounts.',
 *   tools: (config) => instagramTools(config),
 * });
 *
 * // packages/mcp-instagram/src/main.ts
 * void runMcpServer(instagramServerSpec);
 */
export interface McpServerSpec<P extends object = object> {
  /** MCP implementation name, e.g. `socialvault-instagram`; also the logger's service name. */
  name: string;
  /** Semver of the server package. */
  version: string;
  /** Human title shown by MCP clients. */
  title?: string;
  /** The vault platform key whose tokens this server reads. */
  platform: Platform;
  /** `PORT` when unset (SPEC "MCP servers": instagram 3005, threads 3011, x 3012, linkedin 3013, mastodon 3014). */
  defaultPort: number;
  /**
   * Set on servers whose platform downloads media from a URL (Instagram 3015, Threads 3016): they host
   * inline media in a media store, and this is the built-in store's `MEDIA_PORT` when no bucket is set.
   */
  defaultMediaPort?: number;
  /** zod schema over the environment for the server's own variables (e.g. `META_GRAPH_URL`). */
  configSchema?: z.ZodType<P>;
  /**
   * Deprecated variable names this server still reads, old → new (`{ INSTAGRAM_GRAPH_TIMEOUT_MS:
   * 'INSTAGRAM_TIMEOUT_MS' }`): an old name sets the new variable when that is unset, with one warning.
   */
  renamedEnv?: RenamedEnv;
  /**
   * What `account_id` is on this platform, with an example, for its description in every tool
   * (`the Mastodon account as user@instance, e.g. alice@mastodon.social`).
   */
  accountIdForm: string;
  /** Text for the MCP `initialize` answer: how an agent should use these tools. */
  instructions?: string;
  /** Builds the tools once at start; receives the configuration without the service's secrets. */
  tools: (config: ToolConfig<McpServerConfig<P>>) => readonly McpTool<ToolConfig<McpServerConfig<P>>>[];
}

/** Identity helper that infers `P` from `configSchema`, so `tools(config)` is typed. */
export function defineMcpServer<P extends object = object>(spec: McpServerSpec<P>): McpServerSpec<P> {
  return spec;
}
