// Public API of @socialvault/mcp-threads: the server spec (for `runMcpServer`, tests and the stack) and its configuration.
export { threadsServerSpec } from './server';
export type { ThreadsConfig, ThreadsToolConfig } from './config';
