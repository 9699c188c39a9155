// The mcp-instagram server spec: identity, port 3005, vault platform `instagram`, its own config and seven tools.
import { DEFAULT_PORTS } from '@socialvault/common';
import { defineMcpServer } from '@socialvault/mcp-kit';
import { instagramEnvSchema } from './config';
import { instagramTools } from './tools';

/**
 * mcp-instagram for `runMcpServer` (see main.ts), or `startMcpHttpServer` in tests.
 * Its tools read the token of the `instagram` platform from the vault (service `instagram-mcp`).
 * @example
 * const config = loadMcpConfig(instagramServerSpec, { VAULT_URL, VAULT_TOKEN, META_GRAPH_URL: sim.graphUrl });
 * const server = await startMcpHttpServer(instagramServerSpec, { config });
 */
export const instagramServerSpec = defineMcpServer({
  name: 'socialvault-instagram',
  version: '0.1.0',
  title: 'Instagram (socialvault)',
  platform: 'instagram',
  defaultPort: DEFAULT_PORTS.mcp.instagram,
  defaultMediaPort: DEFAULT_PORTS.media.instagram,
  accountIdForm:
    'the Instagram business account id the vault stores (digits, e.g. 17841400000000001; get_account returns it)',
  configSchema: instagramEnvSchema,
  renamedEnv: { INSTAGRAM_GRAPH_TIMEOUT_MS: 'INSTAGRAM_TIMEOUT_MS' },
  instructions:
    'Publishes to and reads insights of the Instagram business accounts connected to socialvault. ' +
    'The server fetches its own access token; never ask the user for one. Media is a public https URL ' +
    'that Instagram downloads itself, or an image you hold as bytes (image / images: base64 or a data: URL), ' +
    'which the server hosts briefly for Instagram. Publishing tools post immediately and publicly; they are safe to retry: ' +
    'pass the same idempotency_key (or identical arguments within 24 h) and a repeat returns the earlier post ' +
    'with deduplicated: true, resuming a publish that was cut off midway. When several accounts are ' +
    'connected, pass account_id (get_account shows the current one). Errors carry a code: reconnect_required ' +
    'means a human must reconnect the account; rate_limited says how long to wait in retry_after_s.',
  tools: (config) => instagramTools(config),
});
