// Public API of @socialvault/mcp-mastodon: the server spec, its configuration, and each tool with its schemas.
export { mastodonServerSpec } from './server';
export { mastodonEnvSchema } from './config';
export type { MastodonConfig, MastodonToolConfig } from './config';
export { openMastodon, instanceUrlOf } from './mastodon-session';
export type { MastodonSession } from './mastodon-session';
export * from './tools';
