// Platform endpoint facts: the production base URLs (SPEC "Platform API base URLs"), the defaults of the vault's
// refresh, the broker's connect flows and the MCP servers (tests and `pnpm start` point them at platform-sim), and
// the endpoints the vault and the broker both derive from the same configured base URL.

/** The Meta Graph API version every client, the broker and the simulator speak. */
export const META_GRAPH_VERSION = 'v25.0';

/** The Threads API version (`THREADS_API_URL`'s last segment). */
export const THREADS_API_VERSION = 'v1.0';

/** `META_GRAPH_URL`: the Graph host with its version. */
export const DEFAULT_META_GRAPH_URL = `https://graph.facebook.com/${META_GRAPH_VERSION}`;

/** `META_OAUTH_DIALOG_URL`: the Facebook Login dialog. */
export const DEFAULT_META_OAUTH_DIALOG_URL = `https://www.facebook.com/${META_GRAPH_VERSION}/dialog/oauth`;

/** `INSTAGRAM_GRAPH_URL`: Instagram Login's Graph host (long-lived exchange, refresh, `/me`). */
export const DEFAULT_INSTAGRAM_GRAPH_URL = 'https://graph.instagram.com';

/** `THREADS_API_URL`: the Threads host with its version. */
export const DEFAULT_THREADS_API_URL = `https://graph.threads.net/${THREADS_API_VERSION}`;

/** `X_API_URL`: the X API origin; paths start with /2/. */
export const DEFAULT_X_API_URL = 'https://api.x.com';

/** `LINKEDIN_OAUTH_URL`: LinkedIn's OAuth base (`/authorization`, `/accessToken`). */
export const DEFAULT_LINKEDIN_OAUTH_URL = 'https://www.linkedin.com/oauth/v2';

/** `LINKEDIN_API_URL`: the LinkedIn API origin. */
export const DEFAULT_LINKEDIN_API_URL = 'https://api.linkedin.com';

/**
 * Where Threads' token endpoints (`/oauth/access_token`, `/access_token`, `/refresh_access_token`) sit:
 * `THREADS_API_URL` without its version segment (SPEC "Platform API base URLs").
 * @example threadsTokenUrlOf('https://graph.threads.net/v1.0') // → 'https://graph.threads.net'
 * @see https://developers.facebook.com/docs/threads/get-started/long-lived-tokens
 */
export function threadsTokenUrlOf(threadsApiUrl: string): string {
  return threadsApiUrl.replace(/\/v\d+(\.\d+)?$/, '');
}
