// Every tool of mcp-linkedin, built once from the server configuration.
import type { McpTool } from '@socialvault/mcp-kit';
import type { LinkedInToolConfig } from '../config';
import { getAccountTool } from './get-account';
import { getRecentPostsTool } from './get-recent-posts';
import { publishPostTool } from './publish-post';

/** The three LinkedIn tools of the SPEC's table, publishing first. */
export function linkedinTools(config: LinkedInToolConfig): McpTool<LinkedInToolConfig>[] {
  return [publishPostTool(config), getRecentPostsTool(), getAccountTool()];
}

export { publishPostTool, publishPostInput, PublishPostOutput } from './publish-post';
export { getRecentPostsTool, GetRecentPostsInput, GetRecentPostsOutput } from './get-recent-posts';
export { getAccountTool, GetAccountInput, GetAccountOutput } from './get-account';
