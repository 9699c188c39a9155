// Stores broker credentials (encrypt, upsert, audit in one transaction) and revokes them (at the provider, then locally).
import type { Pool } from 'pg';
import { AppError, createLogger, type KeyRing } from '@socialvault/common';
import { encryptCredentialSecret } from '../crypto/credential-aad';
import {
  findCredentialById,
  revokeCredential,
  upsertCredential,
  type CredentialRecord,
} from '../db/credential-repository';
import { recordAudit } from '../db/audit-log';
import { withTransaction } from '../db/transaction';
import type { VaultMetrics } from '../metrics';
import { AdvisoryLocks } from '../refresh/refresh-lock';
import type { ProviderRevocation, ProviderRevoker, RevocationInput } from '../revocation/provider-revoker';
import type { CredentialInput } from './payload-schema';
import { decryptStoredTokens } from './stored-tokens';

const log = createLogger('vault', 'credential-store');
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Extra wait beyond the provider timeout for a refresh in flight to release the credential. */
const LOCK_WAIT_MARGIN_MS = 5_000;

export interface CredentialStoreDeps {
  pool: Pool;
  keyRing: KeyRing;
  /** Revokes tokens at the provider before the local wipe. */
  revoker: ProviderRevoker;
  /** Longest wait for a refresh of the same credential in flight (provider timeout + margin). */
  providerTimeoutMs: number;
  metrics?: VaultMetrics;
}

/** A revoked credential and what its provider said. */
export interface RevokedCredential {
  record: CredentialRecord;
  provider: ProviderRevocation;
}

/** Receives credentials from the broker and revokes them. */
export class CredentialStore {
  private readonly locks: AdvisoryLocks;

  constructor(private readonly deps: CredentialStoreDeps) {
    this.locks = new AdvisoryLocks(deps.pool);
  }

  /**
   * Encrypts the secrets of `input` with the active key (AAD: platform, account id, field and the
   * routing fields of extra, see credential-aad.ts) and upserts
   * the row on (platform, account_id), writing the audit row in the same transaction.
   */
  async store(
    input: CredentialInput,
    actor = 'broker',
  ): Promise<{ record: CredentialRecord; created: boolean }> {
    const { keyRing } = this.deps;
    const accessTokenCiphertext = encryptCredentialSecret(keyRing, input, 'access_token', input.accessToken);
    const refreshTokenCiphertext =
      input.refreshToken === null
        ? null
        : encryptCredentialSecret(keyRing, input, 'refresh_token', input.refreshToken);
    const result = await withTransaction(this.deps.pool, async (client) => {
      const stored = await upsertCredential(client, {
        platform: input.platform,
        accountId: input.accountId,
        username: input.username,
        clientId: input.clientId,
        scopes: input.scopes,
        tokenExpiresAt: input.tokenExpiresAt,
        refreshExpiresAt: input.refreshExpiresAt,
        extra: input.extra,
        accessTokenCiphertext,
        refreshTokenCiphertext,
        keyId: keyRing.activeKeyId,
      });
      await recordAudit(client, {
        actor,
        action: 'credential.store',
        outcome: 'success',
        credentialId: stored.record.id,
        platform: input.platform,
        accountId: input.accountId,
        detail: {
          created: stored.created,
          has_refresh_token: refreshTokenCiphertext !== null,
          token_expires_at: input.tokenExpiresAt?.toISOString() ?? null,
          key_id: keyRing.activeKeyId,
        },
      });
      return stored;
    });
    this.deps.metrics?.credentialsStored.inc({ platform: input.platform });
    log.info(
      `[Credential Stored] ${input.platform}:${input.accountId} (${result.created ? 'new' : 'replaced'})`,
      { credential_id: result.record.id, platform: input.platform, account_id: input.accountId },
    );
    return result;
  }

  /**
   * Revokes credential `id`: first at the provider where the platform has a revocation endpoint
   * (`input` may carry the Mastodon app secret), then locally — status `revoked`, both ciphertexts and
   * `extra` wiped, `revoked_at` set (kept on a repeat) — with one audit row carrying the provider
   * outcome. A provider failure (error, timeout, network) never prevents the local wipe. Holds the
   * credential's refresh lock meanwhile (waiting at most the provider timeout + 5 s, then going ahead),
   * so a refresh cannot rotate the tokens between the revocation and the wipe.
   * @throws AppError `invalid_input` for a malformed id, `not_found` when there is no such credential.
   */
  async revoke(id: string, input: RevocationInput = {}, actor = 'broker'): Promise<RevokedCredential> {
    if (!UUID_PATTERN.test(id)) {
      throw new AppError('invalid_input', 'id must be a credential id (uuid)', {
        hint: 'Use the id returned by POST /api/credentials.',
        details: { field: 'id' },
      });
    }
    const lock = await this.locks.acquireCredential(id, this.deps.providerTimeoutMs + LOCK_WAIT_MARGIN_MS);
    if (!lock) log.warn(`Revoking credential ${id} while a refresh still holds it`, { credential_id: id });
    try {
      const current = await findCredentialById(this.deps.pool, id);
      if (!current) throw credentialNotFound(id);
      if (input.mastodonClientSecret !== undefined && current.platform !== 'mastodon') {
        throw new AppError(
          'invalid_input',
          `client_secret is only used for Mastodon credentials, not ${current.platform}`,
          {
            hint: 'Send no body: the vault revokes other platforms with its own app credentials.',
            details: { field: 'client_secret' },
          },
        );
      }
      const provider = await this.revokeAtProvider(current, input);
      const record = await this.wipe(id, provider, actor);
      if (!record) throw credentialNotFound(id);
      this.deps.metrics?.credentialsRevoked.inc({ platform: record.platform });
      const line = `[Credential Revoked] ${record.platform}:${record.accountId} (provider revocation ${provider.outcome})`;
      if (provider.outcome === 'failed') {
        log.warn(line, { credential_id: record.id, provider_error: provider.error });
      } else {
        log.info(line, { credential_id: record.id });
      }
      return { record, provider };
    } finally {
      await lock?.release();
    }
  }

  /** The provider call for a row that still holds tokens; `skipped` for one already wiped. */
  private async revokeAtProvider(
    record: CredentialRecord,
    input: RevocationInput,
  ): Promise<ProviderRevocation> {
    if (record.status === 'revoked' || record.accessTokenCiphertext === null) {
      return { outcome: 'skipped', note: 'The credential was already revoked; its tokens were wiped then.' };
    }
    return this.deps.revoker.revoke(record, () => decryptStoredTokens(this.deps.keyRing, record), input);
  }

  /** Wipes the row and writes the audit row with the provider outcome, in one transaction. */
  private wipe(
    id: string,
    provider: ProviderRevocation,
    actor: string,
  ): Promise<CredentialRecord | undefined> {
    return withTransaction(this.deps.pool, async (client) => {
      const revoked = await revokeCredential(client, id);
      if (!revoked) return undefined;
      await recordAudit(client, {
        actor,
        action: 'credential.revoke',
        outcome: 'success',
        credentialId: revoked.id,
        platform: revoked.platform,
        accountId: revoked.accountId,
        detail: {
          provider_revocation: provider.outcome,
          ...(provider.error ? { provider_error: provider.error } : {}),
        },
      });
      return revoked;
    });
  }
}

function credentialNotFound(id: string): AppError {
  return new AppError('not_found', `No credential with id ${id}`, {
    hint: 'Use the id returned by POST /api/credentials.',
    details: { field: 'id' },
  });
}
