// Public API of @socialvault/mcp-mastodon: the server spec (for `runMcpServer`, tests and the stack) and its configuration.
export { mastodonServerSpec } from './server';
export type { MastodonConfig, MastodonToolConfig } from './config';
