// Public API of @socialvault/mcp-kit: what the five MCP server packages share (vault client, tools, transports, main).
export { runMcpServer } from './run';
export { defineMcpServer } from './server-spec';
export type { McpServerSpec } from './server-spec';
export { defineTool } from './tool';
export type { McpTool, ToolContext } from './tool';
export {
  accountIdField,
  idempotencyKeyField,
  httpsUrlField,
  textField,
  limitField,
  TEXT_LIMITS,
  instantField,
  toUnixSeconds,
  metricsField,
  metricList,
} from './fields';
export { recentPostOutput, recentPostsOutput, isoInstantOrNull, postMetrics } from './recent-posts';
export { loadMcpConfig, toToolConfig } from './config';
export type { McpServerConfig, ToolConfig } from './config';
export { withIdempotency, deduplicatedField, RETRY_SAFE_NOTE } from './ledger/with-idempotency';
export type { PublishedPost } from './ledger/with-idempotency';
export type { ReconcileLookup } from './ledger/reconcile';
export { requestHash } from './ledger/request-key';
export type { Credential } from './credential';
export { startMcpHttpServer } from './http/server';
export type { RunningMcpHttpServer } from './http/server';
export { assertPublicMediaUrl } from './media/public-url';
export { mediaItemField, pickMedia, pickMediaList } from './media/media-item';
export type { ImageRules } from './media/normalize-image';
