// Measurement 1: GET /api/credentials/token (service auth + audit row + decrypt) vs the bare SELECT + decrypt
// baseline on the same table, under the same autocannon load from its own process. With the audit comparison on,
// a second vault process writing each audit row before serving (VAULT_AUDIT_FLUSH_MS=0) is the "before".
import { findFreePort } from '@socialvault/common/testing';
import type { BenchAccount } from './fixtures';
import { compareLoad } from './load';
import type { AutocannonResult } from './load-worker';
import type { BenchOptions } from './options';
import { startService } from './processes';
import type { BenchStack } from './stack';
import { round } from './stats';

export interface TokenFetchResult {
  connections: number;
  /** Seconds of load per target (in slices: A B C C B A). */
  durationS: number;
  /** The vault as shipped: serve audit rows batched (VAULT_AUDIT_FLUSH_MS=200). */
  vault: AutocannonResult;
  /** The same vault writing each audit row before serving (VAULT_AUDIT_FLUSH_MS=0), when compared. */
  vaultSyncAudit?: AutocannonResult;
  baseline: AutocannonResult;
  /** vault req/s ÷ baseline req/s (target ≥ 0.8). */
  ratio: number;
  ratioSyncAudit?: number;
}

/** Starts the baseline server (and the synchronous-audit vault), then loads all of them alike. */
export async function measureTokenFetch(
  stack: BenchStack,
  account: BenchAccount,
  options: BenchOptions,
): Promise<TokenFetchResult> {
  const port = await findFreePort();
  const baselineServer = await startService({
    name: 'baseline-token-server',
    entry: 'scripts/bench/baseline-token-server.ts',
    env: { DATABASE_URL: stack.db.url, VAULT_ENCRYPTION_KEYS: stack.encryptionKeys, PORT: String(port) },
    healthUrl: `http://127.0.0.1:${port}/health`,
    logDir: stack.logDir,
  });
  try {
    const syncVault = options.compareAuditModes
      ? await stack.startVaultReplica('vault-sync-audit', { VAULT_AUDIT_FLUSH_MS: '0' })
      : undefined;
    const query = `platform=${account.platform}&account_id=${encodeURIComponent(account.accountId)}`;
    const headers = { authorization: `Bearer ${stack.serviceTokens[`${account.platform}-mcp`]}` };
    const targets = [
      {
        name: 'vault',
        url: `${stack.vault.internalUrl}/api/credentials/token?${query}`,
        headers,
        pid: stack.vault.process.pid,
      },
      ...(syncVault
        ? [
            {
              name: 'vault_sync_audit',
              url: `${syncVault.internalUrl}/api/credentials/token?${query}`,
              headers,
              pid: syncVault.pid,
            },
          ]
        : []),
      { name: 'baseline', url: `http://127.0.0.1:${port}/token?${query}`, pid: baselineServer.pid },
    ];
    const results = await compareLoad({
      targets,
      connections: options.tokenConnections,
      sliceS: options.tokenDurationS / 2,
      rounds: 1,
      warmupS: Math.max(1, Math.round(options.tokenDurationS / 5)),
    });
    const { vault, baseline } = results as { vault: AutocannonResult; baseline: AutocannonResult };
    const vaultSyncAudit = results.vault_sync_audit;
    return {
      connections: options.tokenConnections,
      durationS: options.tokenDurationS,
      vault,
      ...(vaultSyncAudit ? { vaultSyncAudit } : {}),
      baseline,
      ratio: round(vault.rps / baseline.rps),
      ...(vaultSyncAudit ? { ratioSyncAudit: round(vaultSyncAudit.rps / baseline.rps) } : {}),
    };
  } finally {
    await baselineServer.stop();
  }
}
