// The vault's use of the shared key ring: its variable, its AAD per credential field, its rewrite hint.
import { parseKeyRing, type KeyRing, type KeyRingOptions } from '@socialvault/common';

/** Which secret a ciphertext holds; part of the AAD so a value cannot be moved to another field. */
export type SecretField = 'access_token' | 'refresh_token';

/** How the vault's ring names itself in decrypt errors. */
export const VAULT_KEY_RING_OPTIONS: KeyRingOptions = {
  variable: 'VAULT_ENCRYPTION_KEYS',
  rewriteHint: 'have the broker send the credential again',
};

/** The AAD binding a ciphertext to its row and field: `platform:account_id:field`. */
export function credentialAad(platform: string, accountId: string, field: SecretField): string {
  return `${platform}:${accountId}:${field}`;
}

/** Parses `VAULT_ENCRYPTION_KEYS` (see parseKeyRing). @throws ConfigError naming the entry, never the key */
export function parseVaultKeyRing(spec: string): KeyRing {
  return parseKeyRing(spec, VAULT_KEY_RING_OPTIONS);
}
