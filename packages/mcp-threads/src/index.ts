// Public API of @socialvault/mcp-threads: the server spec, its configuration, and each tool with its schemas.
export { threadsServerSpec } from './server';
export { threadsEnvSchema } from './config';
export type { ThreadsConfig, ThreadsToolConfig } from './config';
export { openThreads } from './threads-session';
export type { ThreadsSession } from './threads-session';
export * from './tools';
