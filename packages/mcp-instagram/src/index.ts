// Public API of @socialvault/mcp-instagram: the server spec, its configuration, and each tool with its schemas.
export { instagramServerSpec } from './server';
export { instagramEnvSchema } from './config';
export type { InstagramConfig, InstagramToolConfig } from './config';
export { igUserIdOf, openInstagram } from './instagram-client';
export type { InstagramSession } from './instagram-client';
export { checkMetrics, metricList, metricsField } from './metrics';
export * from './tools';
