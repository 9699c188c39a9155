// Public API of @socialvault/mcp-linkedin: the server spec (for `runMcpServer`, tests and the stack) and its configuration.
export { linkedinServerSpec } from './server';
export type { LinkedInConfig, LinkedInToolConfig } from './config';
