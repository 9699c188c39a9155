// What `pnpm start` runs: the vault, the platform simulator, the broker and every MCP server, with their ports.
import { DEFAULT_PORTS } from '@socialvault/common';
import { META_GRAPH_VERSION, THREADS_API_VERSION } from '@socialvault/vault-api';
import type { Platform } from '@socialvault/vault-api';

/**
 * One provider app of a platform's connect flow: the simulator endpoint it is registered on
 * (`/_sim/oauth/apps`) and the variables that carry its credentials to the vault and the broker.
 */
export interface ConnectApp {
  simEndpoint: 'facebook' | 'instagram' | 'threads' | 'x' | 'linkedin';
  idVar: string;
  secretVar: string;
  /** The admin API's `login` of this app's start link (Instagram: `facebook` or `instagram`). */
  login?: 'facebook' | 'instagram';
}

/** One MCP server of the stack; the vault knows it by `serviceName` and scopes it to `platform`. */
export interface McpServerEntry {
  /** Workspace package directory under packages/. */
  packageDir: string;
  /** Vault service identity (SPEC "MCP servers" table). */
  serviceName: string;
  platform: Platform;
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
  /**
   * The broker's own URL variables of this platform (authorize pages, Instagram Login's code exchange
   * host); when the platform is simulated they get the simulator's values (`simProviderEnv`).
   */
  connectUrlVars: string[];
  /** The platform's provider apps; empty for Mastodon (the broker registers an app per instance). */
  apps: ConnectApp[];
}

/** The MCP servers that exist in this checkout (later issues add Threads, X, LinkedIn, Mastodon). */
export const MCP_SERVERS: McpServerEntry[] = [
  {
    packageDir: 'mcp-instagram',
    serviceName: 'instagram-mcp',
    platform: 'instagram',
    port: DEFAULT_PORTS.mcp.instagram,
    baseUrlVars: { META_GRAPH_URL: `/${META_GRAPH_VERSION}`, INSTAGRAM_GRAPH_URL: '/instagram' },
    connectUrlVars: ['META_OAUTH_DIALOG_URL', 'INSTAGRAM_OAUTH_URL', 'INSTAGRAM_API_URL'],
    apps: [
      { simEndpoint: 'facebook', idVar: 'META_APP_ID', secretVar: 'META_APP_SECRET', login: 'facebook' },
      {
        simEndpoint: 'instagram',
        idVar: 'INSTAGRAM_APP_ID',
        secretVar: 'INSTAGRAM_APP_SECRET',
        login: 'instagram',
      },
    ],
  },
  {
    packageDir: 'mcp-threads',
    serviceName: 'threads-mcp',
    platform: 'threads',
    port: DEFAULT_PORTS.mcp.threads,
    baseUrlVars: { THREADS_API_URL: `/threads/${THREADS_API_VERSION}` },
    connectUrlVars: ['THREADS_OAUTH_URL'],
    apps: [{ simEndpoint: 'threads', idVar: 'THREADS_APP_ID', secretVar: 'THREADS_APP_SECRET' }],
  },
  {
    packageDir: 'mcp-x',
    serviceName: 'x-mcp',
    platform: 'x',
    port: DEFAULT_PORTS.mcp.x,
    baseUrlVars: { X_API_URL: '/x' },
    connectUrlVars: ['X_OAUTH_AUTHORIZE_URL'],
    apps: [{ simEndpoint: 'x', idVar: 'X_CLIENT_ID', secretVar: 'X_CLIENT_SECRET' }],
  },
  {
    packageDir: 'mcp-linkedin',
    serviceName: 'linkedin-mcp',
    platform: 'linkedin',
    port: DEFAULT_PORTS.mcp.linkedin,
    // LINKEDIN_OAUTH_URL: where the vault refreshes LinkedIn tokens (the simulator's token endpoint).
    // LINKEDIN_OAUTH_URL is also the broker's: /authorization (browser) and /accessToken.
    baseUrlVars: { LINKEDIN_API_URL: '/linkedin', LINKEDIN_OAUTH_URL: '/linkedin-oauth/oauth/v2' },
    connectUrlVars: [],
    apps: [{ simEndpoint: 'linkedin', idVar: 'LINKEDIN_CLIENT_ID', secretVar: 'LINKEDIN_CLIENT_SECRET' }],
  },
  {
    packageDir: 'mcp-mastodon',
    serviceName: 'mastodon-mcp',
    platform: 'mastodon',
    port: DEFAULT_PORTS.mcp.mastodon,
    baseUrlVars: {},
    connectUrlVars: [],
    apps: [],
  },
];
