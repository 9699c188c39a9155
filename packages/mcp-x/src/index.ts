// Public API of @socialvault/mcp-x: the server spec (for `runMcpServer`, tests and the stack) and its configuration.
export { xServerSpec } from './server';
export type { XConfig, XToolConfig } from './config';
