// `pnpm vault refresh [--platform P] [--account ID] [--dry-run]`: one sweep by hand, printed line by line.
import type { VaultStorageConfig } from '../config';
import { findCredential, listCredentials } from '../db/credential-repository';
import { PLATFORMS, type Platform } from '@socialvault/vault-api';
import { CredentialRefresher } from './credential-refresher';
import { loadRefreshConfig } from './refresh-config';
import { runSweep } from './sweep';

export interface RefreshByHandOptions {
  platform?: Platform;
  accountId?: string;
  dryRun: boolean;
  print: (line: string) => void;
}

/**
 * Runs one sweep (or a dry run) with the refresh configuration from the environment and prints a
 * progress line per batch, a line per credential and a summary; when an account was named but needs
 * nothing, says why. Returns true when something failed or another process was sweeping.
 * @throws ConfigError for a bad refresh variable.
 */
export async function refreshByHand(
  storage: VaultStorageConfig,
  options: RefreshByHandOptions,
): Promise<boolean> {
  const refresher = new CredentialRefresher({
    databaseUrl: storage.databaseUrl,
    keyRing: storage.keyRing,
    config: loadRefreshConfig(process.env),
  });
  const { print } = options;
  try {
    for (const line of refresher.disabled) print(`refresh off for ${line}`);
    const result = await runSweep(refresher, {
      ...(options.platform ? { platform: options.platform } : {}),
      ...(options.accountId ? { accountId: options.accountId } : {}),
      dryRun: options.dryRun,
      actor: 'cli',
      onProgress: print,
    });
    if (result.busy) {
      print('refresh: another vault process is sweeping right now; nothing done (try again in a moment)');
      return true;
    }
    for (const item of result.items) {
      print(`  ${item.platform}:${item.accountId} ${item.outcome.replace('_', ' ')}: ${item.reason}`);
    }
    if (result.total === 0 && options.accountId) {
      const platforms = options.platform ? [options.platform] : [...PLATFORMS];
      const named = options.platform
        ? [await findCredential(refresher.pool, options.platform, options.accountId)].filter(
            (r) => r !== undefined,
          )
        : (await listCredentials(refresher.pool, platforms)).filter((r) => r.accountId === options.accountId);
      if (named.length === 0) print(`refresh: no credential with account id ${options.accountId}`);
      for (const record of named) {
        print(`  ${record.platform}:${record.accountId} nothing to do: ${refresher.plan(record).reason}`);
      }
    }
    const summary = Object.entries(result.counts)
      .map(([outcome, n]) => `${n} ${outcome.replace('_', ' ')}`)
      .join(', ');
    print(
      `refresh${options.dryRun ? ' (dry run)' : ''}: ${result.total} credential(s) looked at${summary ? `: ${summary}` : ''}`,
    );
    return (result.counts.failed ?? 0) > 0;
  } finally {
    await refresher.close();
  }
}
