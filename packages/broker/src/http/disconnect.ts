// Disconnect through the client's vault: find the credential, add the Mastodon app secret the vault's
// revocation needs, DELETE it, and record a `disconnected` event with the provider's revocation outcome.
import { redactText } from '@socialvault/common';
import type { CredentialDeletion, CredentialMetadata } from '@socialvault/vault-api';
import type { ResolvedClient } from '../db/clients';
import { recordEvent } from '../db/events';
import { storedMastodonApp } from '../mastodon/apps';
import type { BrokerDeps } from './deps';
import { failedOutcome, type VaultAnswer } from './vault-client';

/** What the admin API's disconnect call names; platform and account id only label the event. */
export interface DisconnectRequest {
  credential_id: string;
  platform?: string;
  account_id?: string;
}

/** The credential's metadata as the vault lists it (`GET /api/credentials`), or undefined. */
async function findCredential(
  deps: BrokerDeps,
  client: ResolvedClient,
  credentialId: string,
): Promise<CredentialMetadata | undefined> {
  const listed = await deps.vault.list(client);
  return listed.ok ? listed.body.credentials.find((credential) => credential.id === credentialId) : undefined;
}

/**
 * The `{client_secret}` body of a Mastodon credential's DELETE: the secret of the broker's app on its
 * `extra.instance_url`, when that app is the one of `extra.client_id` (else none: the vault then
 * answers `provider_revocation: "failed"` and still wipes).
 */
async function mastodonSecretBody(
  deps: BrokerDeps,
  credential: CredentialMetadata | undefined,
): Promise<{ client_secret: string } | undefined> {
  if (credential?.platform !== 'mastodon') return undefined;
  const { extra } = credential;
  if (typeof extra.instance_url !== 'string' || typeof extra.client_id !== 'string') return undefined;
  const app = await storedMastodonApp(deps, extra.instance_url);
  return app && app.clientId === extra.client_id ? { client_secret: app.clientSecret } : undefined;
}

/**
 * Revokes and wipes `request.credential_id` in `client`'s vault and records the `disconnected` event:
 * outcome `revoked` (the vault wiped it) or `vault_<status>`/`vault_unreachable`, detail
 * `{credential_id, vault_status, provider_revocation, provider_error?, provider_note?}`; a 2xx whose body
 * breaks the vault-api contract is `vault_contract_mismatch`. Returns the
 * vault's answer (the caller maps a refusal).
 */
export async function disconnectCredential(
  deps: BrokerDeps,
  client: ResolvedClient,
  request: DisconnectRequest,
): Promise<VaultAnswer<CredentialDeletion>> {
  const credential = await findCredential(deps, client, request.credential_id);
  const answer = await deps.vault.remove(
    client,
    request.credential_id,
    await mastodonSecretBody(deps, credential),
  );
  const text = (value: string | undefined) =>
    value === undefined ? undefined : redactText(value).slice(0, 500);
  const deletion = answer.ok ? answer.body : undefined;
  await recordEvent(deps.pool, {
    clientId: client.clientId,
    platform: credential?.platform ?? request.platform,
    accountId: credential?.account_id ?? request.account_id,
    event: 'disconnected',
    outcome: answer.ok ? 'revoked' : failedOutcome(answer.status),
    detail: {
      credential_id: request.credential_id,
      vault_status: answer.status,
      ...(deletion ? { provider_revocation: deletion.provider_revocation } : {}),
      ...(deletion?.provider_error ? { provider_error: text(deletion.provider_error) } : {}),
      ...(deletion?.provider_note ? { provider_note: text(deletion.provider_note) } : {}),
    },
  });
  return answer;
}
