// The mcp-linkedin server spec: identity, port 3013, vault platform `linkedin`, its own config and three tools.
import { DEFAULT_PORTS } from '@socialvault/common';
import { defineMcpServer } from '@socialvault/mcp-kit';
import { linkedinEnvSchema } from './config';
import { linkedinTools } from './tools';

/**
 * mcp-linkedin for `runMcpServer` (see main.ts), or `startMcpHttpServer` in tests.
 * Its tools read the token of the `linkedin` platform from the vault (service `linkedin-mcp`).
 * @example
 * const config = loadMcpConfig(linkedinServerSpec, { VAULT_URL, VAULT_TOKEN, LINKEDIN_API_URL: sim.linkedinUrl });
 * const server = await startMcpHttpServer(linkedinServerSpec, { config });
 */
export const linkedinServerSpec = defineMcpServer({
  name: 'socialvault-linkedin',
  version: '0.1.0',
  title: 'LinkedIn (socialvault)',
  platform: 'linkedin',
  defaultPort: DEFAULT_PORTS.mcp.linkedin,
  accountIdForm:
    'the LinkedIn member (person) id the vault stores, the part after urn:li:person: (e.g. 782bbtaQ; get_account returns it)',
  configSchema: linkedinEnvSchema,
  instructions:
    'Publishes to and reads the LinkedIn member accounts connected to socialvault. The server fetches its own ' +
    'access token; never ask the user for one. publish_post posts immediately; it is safe to retry: the same ' +
    'idempotency_key (or identical arguments within 24 h) returns the earlier post with deduplicated: true. A ' +
    'conflict error means an earlier attempt stopped midway: check the member feed before a new key. ' +
    'LinkedIn gives member tokens no impressions or follower counts. When several members are connected, pass ' +
    'account_id (get_account shows the current one). Errors carry a code: reconnect_required means a human must ' +
    'reconnect the account; rate_limited says how long to wait in retry_after_s.',
  tools: (config) => linkedinTools(config),
});
