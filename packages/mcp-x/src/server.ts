// The mcp-x server spec: identity, port 3012, vault platform `x`, its own config and four tools.
import { DEFAULT_PORTS } from '@socialvault/common';
import { defineMcpServer } from '@socialvault/mcp-kit';
import { xEnvSchema } from './config';
import { xTools } from './tools';

/**
 * mcp-x for `runMcpServer` (see main.ts), or `startMcpHttpServer` in tests.
 * Its tools read the token of the `x` platform from the vault (service `x-mcp`).
 * @example
 * const config = loadMcpConfig(xServerSpec, { VAULT_URL, VAULT_TOKEN, X_API_URL: sim.xUrl });
 * const server = await startMcpHttpServer(xServerSpec, { config });
 */
export const xServerSpec = defineMcpServer({
  name: 'socialvault-x',
  version: '0.1.0',
  title: 'X (socialvault)',
  platform: 'x',
  defaultPort: DEFAULT_PORTS.mcp.x,
  accountIdForm:
    'the numeric X user id the vault stores, not the @handle (e.g. 1500000000000000001; get_account returns it)',
  configSchema: xEnvSchema,
  renamedEnv: { X_MEDIA_FETCH_TIMEOUT_MS: 'MEDIA_FETCH_TIMEOUT_MS' },
  instructions:
    'Publishes to and reads public metrics of the X accounts connected to socialvault. The server fetches its ' +
    'own access token; never ask the user for one. Post text is at most 280 characters as X counts them (every ' +
    'URL counts 23, emoji and CJK characters 2). Up to 4 images may be attached by public URL: the server ' +
    'downloads and uploads them. publish_post posts immediately and publicly; it is safe to retry: the same ' +
    'idempotency_key (or identical arguments within 24 h) returns the earlier post with deduplicated: true. ' +
    'When an earlier attempt stopped without an answer from X, a retry with the same key first looks for that ' +
    'post among the recent ones and returns it instead of posting again. When several ' +
    'accounts are connected, pass account_id. Errors carry a code: reconnect_required means a human must ' +
    'reconnect the account; rate_limited says how long to wait in retry_after_s.',
  tools: (config) => xTools(config),
});
