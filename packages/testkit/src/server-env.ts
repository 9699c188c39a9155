// The environment an MCP server needs in an end-to-end test against the simulator and a vault on 127.0.0.1.
import type { PlatformSim } from '@socialvault/platform-sim';
import type { Platform } from '@socialvault/vault-api';

/** Where the server finds its vault: the internal listener's URL and the server's service secret. */
export interface TestVaultAccess {
  vaultUrl: string;
  vaultToken: string;
}

/**
 * The variables of one platform's MCP server against `sim`: its API base URL, short poll intervals (5 ms),
 * the simulator's origin allowlisted for Mastodon, http:// and private media URLs allowed (the simulator is
 * on 127.0.0.1), and an ephemeral loopback port; `overrides` win.
 */
export function simServerEnv(
  platform: Platform,
  sim: PlatformSim,
  access: TestVaultAccess,
  overrides: Record<string, string> = {},
): Record<string, string> {
  const own: Record<Platform, Record<string, string>> = {
    instagram: { META_GRAPH_URL: sim.graphUrl, INSTAGRAM_CONTAINER_POLL_INTERVAL_MS: '5' },
    threads: { THREADS_API_URL: sim.threadsUrl, THREADS_CONTAINER_POLL_INTERVAL_MS: '5' },
    x: { X_API_URL: sim.xUrl },
    linkedin: { LINKEDIN_API_URL: sim.linkedinUrl },
    mastodon: {
      MASTODON_MEDIA_POLL_INTERVAL_MS: '5',
      MASTODON_PRIVATE_INSTANCE_ALLOWLIST: new URL(sim.url).origin,
    },
  };
  return {
    VAULT_URL: access.vaultUrl,
    VAULT_TOKEN: access.vaultToken,
    ALLOW_INSECURE_URLS: 'true',
    MEDIA_ALLOW_PRIVATE_URLS: 'true',
    HOST: '127.0.0.1',
    PORT: '0',
    ...own[platform],
    ...overrides,
  };
}
