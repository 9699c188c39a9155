// Public API of @socialvault/mcp-linkedin: the server spec, its configuration, and each tool with its schemas.
export { linkedinServerSpec } from './server';
export { linkedinEnvSchema } from './config';
export type { LinkedInConfig, LinkedInToolConfig } from './config';
export { openLinkedIn } from './linkedin-session';
export type { LinkedInSession } from './linkedin-session';
export * from './tools';
