// The mcp-mastodon server spec: identity, port 3014, vault platform `mastodon`, its own config and three tools.
import { DEFAULT_PORTS } from '@socialvault/common';
import { defineMcpServer } from '@socialvault/mcp-kit';
import { mastodonEnvSchema } from './config';
import { mastodonTools } from './tools';

/**
 * mcp-mastodon for `runMcpServer` (see main.ts), or `startMcpHttpServer` in tests.
 * Its tools read the token of the `mastodon` platform from the vault (service `mastodon-mcp`); each
 * credential carries its instance in `extra.instance_url`, so one server serves accounts on many instances.
 * @example
 * const config = loadMcpConfig(mastodonServerSpec, { VAULT_URL, VAULT_TOKEN });
 * const server = await startMcpHttpServer(mastodonServerSpec, { config });
 */
export const mastodonServerSpec = defineMcpServer({
  name: 'socialvault-mastodon',
  version: '0.1.0',
  title: 'Mastodon (socialvault)',
  platform: 'mastodon',
  defaultPort: DEFAULT_PORTS.mcp.mastodon,
  accountIdForm:
    'the Mastodon account as user@instance, as the vault stores it (e.g. alice@mastodon.social; get_account returns it)',
  configSchema: mastodonEnvSchema,
  instructions:
    'Publishes to and reads the Mastodon accounts connected to socialvault, each on its own instance. The ' +
    'server fetches its own access token; never ask the user for one. Character limits differ per instance ' +
    '(get_account shows max_characters). publish_post is safe to retry: the same idempotency_key (or identical ' +
    'arguments within 24 h) returns the earlier post with deduplicated: true. ' +
    'When several accounts are connected, pass account_id (get_account shows the current one). Errors carry a ' +
    'code: reconnect_required means a human must reconnect the account; rate_limited says how long to wait in ' +
    'retry_after_s.',
  tools: (config) => mastodonTools(config),
});
