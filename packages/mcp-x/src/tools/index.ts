// Every tool of mcp-x, built once from the server configuration.
import type { McpTool } from '@socialvault/mcp-kit';
import type { XToolConfig } from '../config';
import { getAccountTool } from './get-account';
import { getPostMetricsTool } from './get-post-metrics';
import { getRecentPostsTool } from './get-recent-posts';
import { publishPostTool } from './publish-post';

/** The four X tools of the SPEC's table, publishing first. */
export function xTools(config: XToolConfig): McpTool<XToolConfig>[] {
  return [publishPostTool(config), getRecentPostsTool(), getPostMetricsTool(), getAccountTool()];
}

export { publishPostTool, publishPostInput, PublishPostOutput } from './publish-post';
export { getRecentPostsTool, GetRecentPostsInput, GetRecentPostsOutput } from './get-recent-posts';
export { getPostMetricsTool, GetPostMetricsInput, GetPostMetricsOutput } from './get-post-metrics';
export { getAccountTool, GetAccountInput, GetAccountOutput } from './get-account';
