// What `pnpm start` runs: the vault, the platform simulator and every MCP server, with their ports.

/** One MCP server of the stack; the vault knows it by `serviceName` and scopes it to `platform`. */
export interface McpServerEntry {
  /** Workspace package directory under packages/. */
  packageDir: string;
  /** Vault service identity (SPEC "MCP servers" table). */
  serviceName: string;
  platform: 'instagram' | 'threads' | 'x' | 'linkedin' | 'mastodon';
  /** Default `PORT`. */
  port: number;
  /**
   * The platform's base URL variables; when every one is unset the simulator serves the platform,
   * and `simPath` is appended to the simulator URL for each. Empty for Mastodon: each credential names
   * its instance (`extra.instance_url`), so Mastodon never decides whether the simulator runs; when it
   * runs (for another platform) it also hosts Mastodon instances under `/mastodon/<name>` (the demo
   * creates `/mastodon/demo`).
   */
  baseUrlVars: Record<string, string>;
}

/** The MCP servers that exist in this checkout (later issues add Threads, X, LinkedIn, Mastodon). */
export const MCP_SERVERS: McpServerEntry[] = [
  {
    packageDir: 'mcp-instagram',
    serviceName: 'instagram-mcp',
    platform: 'instagram',
    port: 3005,
    baseUrlVars: { META_GRAPH_URL: '/v25.0', INSTAGRAM_GRAPH_URL: '/instagram' },
  },
  {
    packageDir: 'mcp-threads',
    serviceName: 'threads-mcp',
    platform: 'threads',
    port: 3011,
    baseUrlVars: { THREADS_API_URL: '/threads/v1.0' },
  },
  {
    packageDir: 'mcp-x',
    serviceName: 'x-mcp',
    platform: 'x',
    port: 3012,
    baseUrlVars: { X_API_URL: '/x' },
  },
  {
    packageDir: 'mcp-linkedin',
    serviceName: 'linkedin-mcp',
    platform: 'linkedin',
    port: 3013,
    // LINKEDIN_OAUTH_URL: where the vault refreshes LinkedIn tokens (the simulator's token endpoint).
    baseUrlVars: { LINKEDIN_API_URL: '/linkedin', LINKEDIN_OAUTH_URL: '/linkedin-oauth/oauth/v2' },
  },
  {
    packageDir: 'mcp-mastodon',
    serviceName: 'mastodon-mcp',
    platform: 'mastodon',
    port: 3014,
    baseUrlVars: {},
  },
];

export const DEFAULT_PORTS = {
  vaultIngress: 3006,
  vaultInternal: 3007,
  simulator: 3020,
} as const;
