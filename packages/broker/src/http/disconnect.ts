// Disconnecting an account: the vault revokes at the provider and wipes it; the broker adds the Mastodon app
// secret the vault never stores, and records a `disconnected` event.
import { recordEvent } from '../db/events';
import type { ResolvedClient } from '../db/clients';
import { storedMastodonApp } from '../mastodon/apps';
import type { BrokerDeps } from './deps';
import type { VaultAnswer } from './vault-client';

/** What is known of the account being disconnected (from the vault's metadata list or the admin call). */
export interface DisconnectTarget {
  credentialId: string;
  platform?: string;
  accountId?: string;
  /** Mastodon: `extra.instance_url`; the app secret registered there is sent along. */
  instanceUrl?: string;
}

/**
 * `DELETE /api/credentials/:id` on the client's vault, with `{client_secret}` when the credential is a
 * Mastodon one whose instance has an app stored here; then a `disconnected` event (outcome `revoked`,
 * `vault_<status>` or `vault_unreachable`, detail `provider_revocation`). Never throws for a vault refusal.
 * @returns the vault's answer (`body.provider_revocation`: succeeded | failed | not_supported)
 */
export async function disconnectCredential(
  deps: BrokerDeps,
  client: ResolvedClient,
  target: DisconnectTarget,
): Promise<VaultAnswer> {
  const app =
    target.platform === 'mastodon' && target.instanceUrl
      ? await storedMastodonApp(deps, target.instanceUrl)
      : undefined;
  const answer = await deps.vault.remove(
    client,
    target.credentialId,
    app ? { client_secret: app.clientSecret } : undefined,
  );
  await recordEvent(deps.pool, {
    clientId: client.clientId,
    platform: target.platform,
    accountId: target.accountId,
    event: 'disconnected',
    outcome:
      answer.status >= 200 && answer.status < 300
        ? 'revoked'
        : answer.status === 0
          ? 'vault_unreachable'
          : `vault_${answer.status}`,
    detail: {
      credential_id: target.credentialId,
      vault_status: answer.status,
      provider_revocation: answer.body.provider_revocation,
    },
  });
  return answer;
}
