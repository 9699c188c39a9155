// The five MCP servers as the n8n workflows reach them on the compose network, and what each workflow asks them.
import { DEFAULT_PORTS } from '@socialvault/common';
import type { Platform } from '@socialvault/vault-api';

/** One MCP server: its compose service and port (SPEC "MCP servers"), and the daily workflow's calls to it. */
export interface McpTarget {
  platform: Platform;
  /** Human name used in node names. */
  label: string;
  /** docker-compose service name, also the vault service identity. */
  service: string;
  port: number;
  /** Account-level numbers: get_account_insights where the server has it, else get_account (followers). */
  insights: { tool: 'get_account_insights' | 'get_account'; params: Record<string, unknown> };
  /** The account's recent posts with their counts. */
  posts: { tool: 'get_recent_media' | 'get_recent_posts'; params: Record<string, unknown> };
}

export const MCP_TARGETS: readonly McpTarget[] = [
  {
    platform: 'instagram',
    label: 'Instagram',
    service: 'instagram-mcp',
    port: DEFAULT_PORTS.mcp.instagram,
    // The seed's call, with today's metric names (views replaced impressions; profile_views was retired).
    insights: {
      tool: 'get_account_insights',
      params: { period: 'day', metrics: ['reach', 'views', 'accounts_engaged', 'total_interactions'] },
    },
    posts: { tool: 'get_recent_media', params: { limit: 25 } },
  },
  {
    platform: 'threads',
    label: 'Threads',
    service: 'threads-mcp',
    port: DEFAULT_PORTS.mcp.threads,
    insights: { tool: 'get_account_insights', params: {} },
    posts: { tool: 'get_recent_posts', params: { limit: 25 } },
  },
  {
    platform: 'x',
    label: 'X',
    service: 'x-mcp',
    port: DEFAULT_PORTS.mcp.x,
    insights: { tool: 'get_account', params: {} },
    posts: { tool: 'get_recent_posts', params: { limit: 25 } },
  },
  {
    platform: 'linkedin',
    label: 'LinkedIn',
    service: 'linkedin-mcp',
    port: DEFAULT_PORTS.mcp.linkedin,
    insights: { tool: 'get_account', params: {} },
    posts: { tool: 'get_recent_posts', params: { limit: 25 } },
  },
  {
    platform: 'mastodon',
    label: 'Mastodon',
    service: 'mastodon-mcp',
    port: DEFAULT_PORTS.mcp.mastodon,
    insights: { tool: 'get_account', params: {} },
    posts: { tool: 'get_recent_posts', params: { limit: 25 } },
  },
];

/**
 * The vault's metadata list (`GET /api/credentials`, internal listener) as n8n reaches it on the compose network,
 * with the metadata-only `n8n` identity: the daily workflow reads which accounts are connected from it.
 */
export const VAULT_CREDENTIALS_URL = `http://vault:${DEFAULT_PORTS.vaultInternal}/api/credentials`;

/** `http://<service>:<port>/mcp`, the address n8n uses inside the compose network. */
export const mcpUrl = (target: McpTarget): string => `http://${target.service}:${target.port}/mcp`;

/**
 * Platforms whose publish_post takes `idempotency_key` (SPEC "MCP servers"); the calendar workflow sends
 * `content_calendar-<row Id>-<platform>` to those. Since the idempotency ledger (issue 8) every server does:
 * a retried or re-run row returns the earlier post (`deduplicated: true`) instead of posting twice; the
 * calendar's `publishing` status, set before any call, still keeps overlapping runs apart.
 * test/workflows-publish.test.ts compares this list with each server's real input schema, so it fails,
 * saying what to change, the day a server starts (or stops) taking it.
 */
export const IDEMPOTENCY_KEY_PLATFORMS: readonly Platform[] = [
  'instagram',
  'threads',
  'x',
  'linkedin',
  'mastodon',
];
