// Key rotation: re-encrypts every row under a non-active key, or still in the v1 form, with the active key (v2), in locked batches.
import type { Pool } from 'pg';
import { isAppError, type KeyRing } from '@socialvault/common';
import {
  decryptCredentialSecret,
  encryptCredentialSecret,
  type CredentialBinding,
  type SecretField,
} from '../crypto/credential-aad';
import { recordAudit } from '../db/audit-log';
import {
  countCredentialsByKeyId,
  countRotationCandidates,
  lockRotationBatch,
  updateCiphertexts,
} from '../db/credential-repository';
import { withTransaction } from '../db/transaction';

/** Progress after each committed batch. */
export interface RotationProgress {
  batch: number;
  /** Rows re-encrypted in this batch. */
  reencrypted: number;
  /** Rows re-encrypted so far, and rows that needed it when the run started. */
  done: number;
  total: number;
}

export interface RotationResult {
  activeKeyId: string;
  reencrypted: number;
  /** Rows that could not be decrypted (their ids and why); they keep their old ciphertexts. */
  failed: { id: string; reason: string }[];
  /** Rows whose key id is not in the ring at all: untouched, they need that key back. */
  missingKeys: Record<string, number>;
}

export interface RotationOptions {
  /** Rows per transaction (default 100). */
  batchSize?: number;
  onProgress?: (progress: RotationProgress) => void;
}

const FIRST_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * Re-encrypts every credential whose key id is in the ring but not active, or that is still in the v1
 * form (AAD without the routing fields: it is upgraded to v2, binding the row's extra as it is now),
 * `batchSize` rows per
 * transaction with the rows locked FOR UPDATE (safe while the vault serves; a concurrent store or
 * refresh waits for the batch). Walks rows in id order once, so a row that fails is reported, not
 * retried forever. Running it again finds nothing to do.
 */
export async function rotateKeys(
  pool: Pool,
  keyRing: KeyRing,
  options: RotationOptions = {},
): Promise<RotationResult> {
  const batchSize = options.batchSize ?? 100;
  const counts = await countCredentialsByKeyId(pool);
  const total = await countRotationCandidates(pool, keyRing.keyIds, keyRing.activeKeyId);
  const missingKeys = Object.fromEntries([...counts].filter(([id]) => !keyRing.has(id)));
  const result: RotationResult = {
    activeKeyId: keyRing.activeKeyId,
    reencrypted: 0,
    failed: [],
    missingKeys,
  };
  if (total === 0) return result;

  let afterId = FIRST_UUID;
  for (let batch = 1; ; batch += 1) {
    const batchResult = await withTransaction(pool, async (client) => {
      const rows = await lockRotationBatch(client, keyRing.keyIds, keyRing.activeKeyId, afterId, batchSize);
      let reencrypted = 0;
      for (const row of rows) {
        try {
          const access = reencrypt(keyRing, row, 'access_token', row.accessTokenCiphertext as string);
          const refresh =
            row.refreshTokenCiphertext === null
              ? null
              : reencrypt(keyRing, row, 'refresh_token', row.refreshTokenCiphertext);
          await updateCiphertexts(client, row.id, { access, refresh, keyId: keyRing.activeKeyId });
          reencrypted += 1;
        } catch (error) {
          if (!isAppError(error)) throw error;
          result.failed.push({ id: row.id, reason: error.message });
        }
      }
      if (reencrypted > 0) {
        await recordAudit(client, {
          actor: 'cli',
          action: 'credential.rotate',
          outcome: 'success',
          detail: { rows: reencrypted, key_id: keyRing.activeKeyId },
        });
      }
      return { rows: rows.length, reencrypted, lastId: rows.at(-1)?.id };
    });
    if (batchResult.rows === 0 || !batchResult.lastId) break;
    afterId = batchResult.lastId;
    result.reencrypted += batchResult.reencrypted;
    options.onProgress?.({ batch, reencrypted: batchResult.reencrypted, done: result.reencrypted, total });
  }
  return result;
}

function reencrypt(keyRing: KeyRing, row: CredentialBinding, field: SecretField, stored: string): string {
  return encryptCredentialSecret(keyRing, row, field, decryptCredentialSecret(keyRing, row, field, stored));
}
