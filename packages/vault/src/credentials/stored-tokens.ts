// Decrypts a credential's stored token pair for a provider call (refresh or revocation).
import { registerSecret, type KeyRing } from '@socialvault/common';
import { decryptCredentialSecret } from '../crypto/credential-aad';
import type { CredentialRecord } from '../db/credential-repository';
import type { StoredTokens } from '../refresh/strategies/types';

/**
 * The plaintext access and refresh tokens of `record` (AAD bound to its row, field and routing fields: credential-aad.ts), each registered
 * with the log redactor before it is returned. The row must hold an access token ciphertext.
 * @throws AppError `vault_unavailable` when a ciphertext does not decrypt (key missing from the ring,
 * ciphertext moved or altered).
 */
export function decryptStoredTokens(keyRing: KeyRing, record: CredentialRecord): StoredTokens {
  const decrypt = (ciphertext: string, field: 'access_token' | 'refresh_token') => {
    const plain = decryptCredentialSecret(keyRing, record, field, ciphertext);
    registerSecret(plain);
    return plain;
  };
  return {
    accessToken: decrypt(record.accessTokenCiphertext as string, 'access_token'),
    refreshToken: record.refreshTokenCiphertext
      ? decrypt(record.refreshTokenCiphertext, 'refresh_token')
      : null,
  };
}
