// Every tool of mcp-threads, built once from the server configuration.
import type { McpTool } from '@socialvault/mcp-kit';
import type { ThreadsToolConfig } from '../config';
import { getAccountTool } from './get-account';
import { getAccountInsightsTool } from './get-account-insights';
import { getPostInsightsTool } from './get-post-insights';
import { getRecentPostsTool } from './get-recent-posts';
import { publishPostTool } from './publish-post';

/** The five Threads tools of the SPEC's table, publishing first. */
export function threadsTools(config: ThreadsToolConfig): McpTool<ThreadsToolConfig>[] {
  return [
    publishPostTool(config),
    getAccountInsightsTool(),
    getRecentPostsTool(),
    getPostInsightsTool(),
    getAccountTool(),
  ];
}

export { publishPostTool, publishPostInput, PublishPostOutput } from './publish-post';
export {
  getAccountInsightsTool,
  GetAccountInsightsInput,
  GetAccountInsightsOutput,
} from './get-account-insights';
export { getRecentPostsTool, GetRecentPostsInput, GetRecentPostsOutput } from './get-recent-posts';
export { getPostInsightsTool, GetPostInsightsInput, GetPostInsightsOutput } from './get-post-insights';
export { getAccountTool, GetAccountInput, GetAccountOutput } from './get-account';
