// Every tool of mcp-mastodon, built once from the server configuration, sharing one instance-limits cache.
import type { McpTool } from '@socialvault/mcp-kit';
import { MastodonInstanceCache } from '@socialvault/platforms';
import type { MastodonToolConfig } from '../config';
import { getAccountTool } from './get-account';
import { getRecentPostsTool } from './get-recent-posts';
import { publishPostTool } from './publish-post';

/** The three Mastodon tools of the SPEC's table, publishing first. */
export function mastodonTools(config: MastodonToolConfig): McpTool<MastodonToolConfig>[] {
  const instances = new MastodonInstanceCache({ ttlMs: config.instanceCacheTtlMs });
  return [publishPostTool(config, instances), getRecentPostsTool(instances), getAccountTool(instances)];
}

export { publishPostTool, publishPostInput, PublishPostOutput } from './publish-post';
export { getRecentPostsTool, GetRecentPostsInput, GetRecentPostsOutput } from './get-recent-posts';
export { getAccountTool, GetAccountInput, GetAccountOutput } from './get-account';
