// Public API of @socialvault/mcp-x: the server spec, its configuration, and each tool with its schemas.
export { xServerSpec } from './server';
export { xEnvSchema } from './config';
export type { XConfig, XToolConfig } from './config';
export { openX, postUrl } from './x-session';
export type { XSession } from './x-session';
export * from './tools';
