// Production base URLs of the platform APIs: the defaults of each MCP server's config (tests and `pnpm start`
// point the servers at platform-sim instead).

/** Production Graph host and the API version this client is written against. */
export const DEFAULT_META_GRAPH_URL = 'https://graph.facebook.com/v25.0';

/** Production Threads host and API version (SPEC "Platform API base URLs": THREADS_API_URL). */
export const DEFAULT_THREADS_API_URL = 'https://graph.threads.net/v1.0';

/** Production X API origin (SPEC "Platform API base URLs": X_API_URL); paths start with /2/. */
export const DEFAULT_X_API_URL = 'https://api.x.com';
