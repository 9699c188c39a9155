// Every tool of mcp-linkedin, built once from the server configuration.
import type { McpTool } from '@socialvault/mcp-kit';
import type { LinkedInToolConfig } from '../config';
import { getAccountTool } from './get-account';
import { getPostInsightsTool } from './get-post-insights';
import { getRecentPostsTool } from './get-recent-posts';
import { publishPostTool } from './publish-post';

/** The LinkedIn tools: the SPEC's three, publishing first, and get_post_insights (issue 17). */
export function linkedinTools(config: LinkedInToolConfig): McpTool<LinkedInToolConfig>[] {
  return [publishPostTool(config), getRecentPostsTool(), getPostInsightsTool(), getAccountTool()];
}

export { publishPostTool, publishPostInput, PublishPostOutput } from './publish-post';
export { getRecentPostsTool, GetRecentPostsInput, GetRecentPostsOutput } from './get-recent-posts';
export { getAccountTool, GetAccountInput, GetAccountOutput } from './get-account';
export { getPostInsightsTool, GetPostInsightsInput, GetPostInsightsOutput } from './get-post-insights';
