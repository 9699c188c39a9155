// Public API of @socialvault/mcp-kit: what the five MCP server packages share (vault client, tools, transports, main).
export { runMcpServer } from './run';
export type { RunMcpServerOptions } from './run';
export { defineMcpServer } from './server-spec';
export type { McpServerSpec } from './server-spec';
export { defineTool } from './tool';
export type {
  McpTool,
  ToolSpec,
  ToolContext,
  ToolAnnotationHints,
  ToolTransport,
  AccountIdArgument,
} from './tool';
export {
  accountIdField,
  idempotencyKeyField,
  httpsUrlField,
  textField,
  limitField,
  countCharacters,
  TEXT_LIMITS,
  instantField,
  toUnixSeconds,
  metricsField,
  metricList,
} from './fields';
export {
  PostMetricsOutput,
  recentPostCoreShape,
  recentPostOutput,
  recentPostsOutput,
  isoInstantOrNull,
  postMetrics,
} from './recent-posts';
export type { PostMetrics } from './recent-posts';
export { loadMcpConfig, mcpBaseEnvSchema, toToolConfig } from './config';
export type { McpBaseConfig, McpServerConfig, ToolConfig } from './config';
export { VaultClient, createVaultClient } from './vault-client';
export { LedgerClient, isLeaseLost } from './ledger/ledger-client';
export type {
  LedgerClientOptions,
  Publication,
  PublicationStatus,
  Reservation,
  ReserveInput,
} from './ledger/ledger-client';
export { withIdempotency, deduplicatedField, RETRY_SAFE_NOTE } from './ledger/with-idempotency';
export type { IdempotentPublish, PublishAttempt, PublishedPost } from './ledger/with-idempotency';
export type { ReconcileLookup } from './ledger/reconcile';
export { canonicalJson, requestHash, derivedKey, DERIVED_KEY_WINDOW_MS } from './ledger/request-key';
export type { VaultClientOptions, VaultHealth } from './vault-client';
export type { Credential, McpPlatform } from './credential';
export { createMcpApp } from './http/app';
export type { McpHealth } from './http/app';
export { startMcpHttpServer } from './http/server';
export type { RunningMcpHttpServer } from './http/server';
export { startMcpStdioServer } from './stdio';
export type { RunningMcpStdioServer } from './stdio';
export type { McpDeps } from './runtime';
export { McpMetrics } from './metrics';
export { toErrorBody } from './tool-errors';
export type { ToolErrorBody } from './tool-errors';
export type { FetchedMedia } from './media/fetch-media';
export type { CallMediaOptions } from './media/media-budget';
export { assertPublicMediaUrl } from './media/public-url';
export { mediaItemField, pickMedia, pickMediaList } from './media/media-item';
export type { MediaSource, PickedMedia } from './media/media-item';
export type { MediaInput } from './media/media-budget';
export type { HostedMedia, HostMediaOptions } from './media/host-media';
export type { ImageRules } from './media/normalize-image';
export type { MediaStore, StoredMedia } from './media/media-store';
export type { MediaStoreConfig, S3StoreConfig } from './media/media-config';
