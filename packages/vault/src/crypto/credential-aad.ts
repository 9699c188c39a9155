// The vault's use of the shared key ring: its variable and rewrite hint, and what a credential's token
// ciphertexts are bound to (their AAD): the row, the field, and the extra fields that route the token.
import { parseKeyRing, type FormatVersion, type KeyRing, type KeyRingOptions } from '@socialvault/common';

/** Which secret a ciphertext holds; part of the AAD so a value cannot be moved to another field. */
export type SecretField = 'access_token' | 'refresh_token';

/** How the vault's ring names itself in decrypt errors. */
export const VAULT_KEY_RING_OPTIONS: KeyRingOptions = {
  variable: 'VAULT_ENCRYPTION_KEYS',
  rewriteHint: 'have the broker send the credential again',
  storedBy: 'the vault',
  boundFields: 'platform, account_id, or extra.instance_url and the other routing ids',
};

/** Parses `VAULT_ENCRYPTION_KEYS` (see parseKeyRing). @throws ConfigError naming the entry, never the key */
export function parseVaultKeyRing(spec: string): KeyRing {
  return parseKeyRing(spec, VAULT_KEY_RING_OPTIONS);
}

/** The columns a ciphertext is bound to: a CredentialRecord or a CredentialInput fits. */
export interface CredentialBinding {
  platform: string;
  accountId: string;
  extra: Record<string, unknown>;
}

/**
 * Keys of `extra` that decide where a token is sent or on whose behalf it acts: Mastodon's instance
 * (the token goes to that host), Instagram-Login vs Facebook-Login refresh endpoint, the LinkedIn author,
 * the Meta ids. Whichever of them a row holds are part of the v2 AAD, so rewriting one in the database
 * makes the token undecryptable instead of sending it elsewhere. Any platform's row binds all of them
 * (adding `instance_url` to an X row is a change too).
 */
export const ROUTING_EXTRA_KEYS = [
  'instance_url',
  'login_type',
  'person_urn',
  'instagram_business_account_id',
  'facebook_page_id',
  'ad_account_id',
  'meta_user_id',
] as const;

/** JSON with object keys sorted at every level, so jsonb's key reordering does not change the AAD. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The routing fields a row holds, in ROUTING_EXTRA_KEYS order, as canonical JSON (`[["instance_url","https://…"]]`). */
export function routingFieldsOf(extra: Record<string, unknown>): string {
  const present = ROUTING_EXTRA_KEYS.filter((key) => Object.hasOwn(extra, key));
  return `[${present.map((key) => `[${JSON.stringify(key)},${canonicalJson(extra[key])}]`).join(',')}]`;
}

/**
 * The AAD of one token ciphertext. `v2` (what the vault writes): a JSON array of the version, platform,
 * account id, field and the routing fields of `extra`; `v1` (rows written before, read only):
 * `platform:account_id:field`.
 */
export function credentialAad(
  binding: CredentialBinding,
  field: SecretField,
  version: FormatVersion = 'v2',
): string {
  if (version === 'v1') return `${binding.platform}:${binding.accountId}:${field}`;
  return `["v2",${JSON.stringify(binding.platform)},${JSON.stringify(binding.accountId)},"${field}",${routingFieldsOf(binding.extra)}]`;
}

/** Encrypts one token of the credential `binding` with the active key, in the v2 form. */
export function encryptCredentialSecret(
  keyRing: KeyRing,
  binding: CredentialBinding,
  field: SecretField,
  plaintext: string,
): string {
  return keyRing.encrypt(plaintext, credentialAad(binding, field));
}

/**
 * Decrypts one stored token of the credential `binding`, v1 or v2.
 * @throws AppError `vault_unavailable` as KeyRing.decrypt; `details.reason` is `credential_changed`
 * when the ciphertext or a bound field (platform, account_id, a routing field of extra) was changed.
 */
export function decryptCredentialSecret(
  keyRing: KeyRing,
  binding: CredentialBinding,
  field: SecretField,
  stored: string,
): string {
  return keyRing.decrypt(stored, (version) => credentialAad(binding, field, version));
}
