// A vault whose token route and refresh sweep share one CredentialRefresher and one metrics set.
import type { VaultConfig } from './config';
import { VaultMetrics } from './metrics';
import { CredentialRefresher } from './refresh/credential-refresher';
import { startVault, type RunningVault, type StartVaultOptions } from './server';

/** A started vault and the refresher it refreshes inline with (the sweep's too); close both to stop. */
export interface VaultWithRefresher {
  vault: RunningVault;
  refresher: CredentialRefresher;
}

/**
 * Starts a CredentialRefresher (on its own pool) and a vault that refreshes with it, both counting on one
 * VaultMetrics, so the sweep's refreshes and the served tokens show on the same GET /metrics. `now` is the
 * refresher's clock (tests move it). Closes the refresher again when the vault fails to start.
 * @throws what `startVault` throws
 */
export async function startVaultWithRefresher(
  config: VaultConfig,
  options: Omit<StartVaultOptions, 'refresher' | 'metrics'> & { now?: () => Date } = {},
): Promise<VaultWithRefresher> {
  const { now, ...vaultOptions } = options;
  const metrics = new VaultMetrics();
  const refresher = new CredentialRefresher({
    databaseUrl: config.databaseUrl,
    keyRing: config.keyRing,
    config: config.refresh,
    metrics,
    ...(now ? { now } : {}),
  });
  try {
    return { vault: await startVault(config, { ...vaultOptions, refresher, metrics }), refresher };
  } catch (error) {
    await refresher.close().catch(() => undefined);
    throw error;
  }
}
