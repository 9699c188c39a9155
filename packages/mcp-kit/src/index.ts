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
  instantField,
  toUnixSeconds,
  metricsField,
  metricList,
  metricValuesShape,
} from './fields';
export {
  recentPostOutput,
  recentPostsOutput,
  recentPostsLimitField,
  pagingCursorField,
  nextPageField,
  isoInstantOrNull,
  postMetrics,
} from './recent-posts';
export { accountOutput, vaultAccountOf } from './account-output';
export { loadMcpConfig, toToolConfig } from './config';
export type { McpServerConfig, ToolConfig } from './config';
export type { RenamedEnv } from './renamed-env';
export { withIdempotency, deduplicatedField, RETRY_SAFE_NOTE } from './ledger/with-idempotency';
export type { PublishedPost } from './ledger/with-idempotency';
export { withResumableIdempotency } from './ledger/resumable-publish';
export type { PublishResumePoint } from './ledger/resumable-publish';
export type { ReconcileLookup } from './ledger/reconcile';
export { requestHash } from './ledger/request-key';
export type { Credential } from './credential';
export { startMcpHttpServer } from './http/server';
export type { RunningMcpHttpServer } from './http/server';
export { assertPublicMediaUrl } from './media/public-url';
export { mediaItemField, pickMedia, pickMediaList } from './media/media-item';
export type { ImageRules } from './media/normalize-image';
