// Public API of @socialvault/mcp-instagram: the server spec (for `runMcpServer`, tests and the stack) and its configuration.
export { instagramServerSpec } from './server';
export type { InstagramConfig, InstagramToolConfig } from './config';
