// The mcp-threads server spec: identity, port 3011, vault platform `threads`, its own config and five tools.
import { DEFAULT_PORTS } from '@socialvault/common';
import { defineMcpServer } from '@socialvault/mcp-kit';
import { threadsEnvSchema } from './config';
import { threadsTools } from './tools';

/**
 * mcp-threads for `runMcpServer` (see main.ts), or `startMcpHttpServer` in tests.
 * Its tools read the token of the `threads` platform from the vault (service `threads-mcp`).
 * @example
 * const config = loadMcpConfig(threadsServerSpec, { VAULT_URL, VAULT_TOKEN, THREADS_API_URL: sim.threadsUrl });
 * const server = await startMcpHttpServer(threadsServerSpec, { config });
 */
export const threadsServerSpec = defineMcpServer({
  name: 'socialvault-threads',
  version: '0.1.0',
  title: 'Threads (socialvault)',
  platform: 'threads',
  defaultPort: DEFAULT_PORTS.mcp.threads,
  defaultMediaPort: DEFAULT_PORTS.media.threads,
  accountIdForm:
    'the Threads user id the vault stores (digits, e.g. 25000000000000001; get_account returns it)',
  configSchema: threadsEnvSchema,
  instructions:
    'Publishes to and reads insights of the Threads profiles connected to socialvault. The server fetches ' +
    'its own access token; never ask the user for one. Posts are text (at most 500 characters, each emoji ' +
    'counting as its UTF-8 bytes) with an optional image: a public URL that Threads downloads itself, or bytes you hold (image: base64 ' +
    'or a data: URL), which the server hosts briefly for Threads. ' +
    'publish_post posts immediately and publicly; it is safe to retry: the same idempotency_key (or identical ' +
    'arguments within 24 h) returns the earlier post with deduplicated: true, resuming a call cut off midway. ' +
    'A profile may publish 250 posts and 1,000 replies per 24 h through the API. ' +
    'When several profiles are connected, pass account_id. Errors carry a code: reconnect_required means a ' +
    'human must reconnect the account; rate_limited says how long to wait in retry_after_s.',
  tools: (config) => threadsTools(config),
});
