// Every tool of mcp-instagram, built once from the server configuration.
import type { McpTool } from '@socialvault/mcp-kit';
import type { InstagramToolConfig } from '../config';
import { getAccountTool } from './get-account';
import { getAccountInsightsTool } from './get-account-insights';
import { getMediaInsightsTool } from './get-media-insights';
import { getRecentMediaTool } from './get-recent-media';
import { publishCarouselTool } from './publish-carousel';
import { publishPostTool } from './publish-post';
import { publishReelTool } from './publish-reel';

/** The seven Instagram tools of the SPEC's table, publishing first. */
export function instagramTools(config: InstagramToolConfig): McpTool<InstagramToolConfig>[] {
  return [
    publishPostTool(config),
    publishCarouselTool(config),
    publishReelTool(config),
    getAccountInsightsTool(),
    getRecentMediaTool(),
    getMediaInsightsTool(),
    getAccountTool(),
  ];
}

export { publishPostTool, publishPostInput, PublishPostOutput } from './publish-post';
export { publishCarouselTool, publishCarouselInput, PublishCarouselOutput } from './publish-carousel';
export { publishReelTool, publishReelInput, PublishReelOutput } from './publish-reel';
export {
  getAccountInsightsTool,
  GetAccountInsightsInput,
  GetAccountInsightsOutput,
} from './get-account-insights';
export { getRecentMediaTool, GetRecentMediaInput, GetRecentMediaOutput } from './get-recent-media';
export { getMediaInsightsTool, GetMediaInsightsInput, GetMediaInsightsOutput } from './get-media-insights';
export { getAccountTool, GetAccountInput, GetAccountOutput } from './get-account';
