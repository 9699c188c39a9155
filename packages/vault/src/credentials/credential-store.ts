// Stores broker credentials (encrypt, upsert, audit in one transaction) and revokes them.
import type { Pool } from 'pg';
import { AppError, createLogger, type KeyRing } from '@socialvault/common';
import { credentialAad } from '../crypto/credential-aad';
import { revokeCredential, upsertCredential, type CredentialRecord } from '../db/credential-repository';
import { recordAudit } from '../db/audit-log';
import { withTransaction } from '../db/transaction';
import type { VaultMetrics } from '../metrics';
import type { CredentialInput } from './payload-schema';

const log = createLogger('vault', 'credential-store');
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CredentialStoreDeps {
  pool: Pool;
  keyRing: KeyRing;
  metrics?: VaultMetrics;
}

/** Receives credentials from the broker and revokes them. */
export class CredentialStore {
  constructor(private readonly deps: CredentialStoreDeps) {}

  /**
   * Encrypts the secrets of `input` with the active key (AAD `platform:account_id:field`) and upserts
   * the row on (platform, account_id), writing the audit row in the same transaction.
   */
  async store(
    input: CredentialInput,
    actor = 'broker',
  ): Promise<{ record: CredentialRecord; created: boolean }> {
    const { keyRing } = this.deps;
    const accessTokenCiphertext = keyRing.encrypt(
      input.accessToken,
      credentialAad(input.platform, input.accountId, 'access_token'),
    );
    const refreshTokenCiphertext =
      input.refreshToken === null
        ? null
        : keyRing.encrypt(
            input.refreshToken,
            credentialAad(input.platform, input.accountId, 'refresh_token'),
          );
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
   * Revokes credential `id`: status `revoked`, both ciphertexts wiped, `revoked_at` set (kept on a repeat).
   * @throws AppError `invalid_input` for a malformed id, `not_found` when there is no such credential.
   */
  async revoke(id: string, actor = 'broker'): Promise<CredentialRecord> {
    if (!UUID_PATTERN.test(id)) {
      throw new AppError('invalid_input', 'id must be a credential id (uuid)', {
        hint: 'Use the id returned by POST /api/credentials.',
        details: { field: 'id' },
      });
    }
    const record = await withTransaction(this.deps.pool, async (client) => {
      const revoked = await revokeCredential(client, id);
      if (!revoked) return undefined;
      await recordAudit(client, {
        actor,
        action: 'credential.revoke',
        outcome: 'success',
        credentialId: revoked.id,
        platform: revoked.platform,
        accountId: revoked.accountId,
      });
      return revoked;
    });
    if (!record) {
      throw new AppError('not_found', `No credential with id ${id}`, {
        hint: 'Use the id returned by POST /api/credentials.',
        details: { field: 'id' },
      });
    }
    this.deps.metrics?.credentialsRevoked.inc({ platform: record.platform });
    log.info(`[Credential Revoked] ${record.platform}:${record.accountId}`, { credential_id: record.id });
    return record;
  }
}
