// AES-256-GCM encryption at rest with a key ring: the first key encrypts, every key decrypts (SPEC "Encryption at rest").
// Shared by the vault (VAULT_ENCRYPTION_KEYS) and the broker (BROKER_ENCRYPTION_KEYS); each binds values with its own AAD.
import crypto from 'node:crypto';
import { ConfigError } from '../config';
import { AppError } from '../errors';
import { registerSecret } from '../redact';

/** One key of the ring: a short id stored beside each ciphertext and 32 raw bytes. */
export interface RingKey {
  id: string;
  key: Buffer;
}

/** How a ring names itself in errors: the variable it came from and what to do about an unreadable value. */
export interface KeyRingOptions {
  /** The environment variable holding the ring, e.g. `VAULT_ENCRYPTION_KEYS`. */
  variable?: string;
  /** What restores an unreadable value, e.g. `have the broker send the credential again`. */
  rewriteHint?: string;
  /** Who wrote the values, for "it changed since … stored it", e.g. `the vault`. */
  storedBy?: string;
  /** What the AAD binds besides the ciphertext, named in the hint of a failed decryption. */
  boundFields?: string;
}

/**
 * The stored form's version, which also names the AAD scheme the value was sealed with (the vault's
 * credential-aad.ts): `v1` = `platform:account_id:field` (read only), `v2` = that plus the routing fields.
 */
export type FormatVersion = 'v1' | 'v2';

const CURRENT_VERSION: FormatVersion = 'v2';
const FORMAT_VERSIONS: readonly string[] = ['v1', 'v2'];
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
const BASE64_PATTERN = /^[A-Za-z0-9+/_-]+={0,2}$/;
const KEY_CHECK_LABEL = 'socialvault key check v1';

/** The version of a stored value `v2:<key_id>:…`, or undefined when the value is not in a known form. */
export function formatVersionOf(stored: string): FormatVersion | undefined {
  const parts = stored.split(':');
  return parts.length === 5 && FORMAT_VERSIONS.includes(parts[0] as string)
    ? (parts[0] as FormatVersion)
    : undefined;
}

/** The key id inside a stored value `v2:<key_id>:…` (or `v1:…`), or undefined when it is not in that form. */
export function keyIdOf(stored: string): string | undefined {
  return formatVersionOf(stored) ? stored.split(':')[1] : undefined;
}

/** Holds the encryption keys; encrypts with the active (first) key, decrypts with whichever key a value names. */
export class KeyRing {
  private readonly keys: Map<string, Buffer>;
  /** Id of the key new values are encrypted with. */
  readonly activeKeyId: string;
  private readonly variable: string;
  private readonly rewriteHint: string;
  private readonly storedBy: string;
  private readonly boundFields: string;

  constructor(keys: RingKey[], options: KeyRingOptions = {}) {
    const first = keys[0];
    if (!first) throw new ConfigError('A key ring needs at least one key');
    this.keys = new Map(keys.map((entry) => [entry.id, entry.key]));
    this.activeKeyId = first.id;
    this.variable = options.variable ?? 'the key ring';
    this.rewriteHint = options.rewriteHint ?? 'store the value again';
    this.storedBy = options.storedBy ?? 'this service';
    this.boundFields = options.boundFields ?? 'its AAD';
  }

  /** Every key id in ring order (active first). Ids are not secret. */
  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  has(keyId: string): boolean {
    return this.keys.has(keyId);
  }

  /**
   * The key check value of `keyId`: HMAC-SHA256 of a fixed label under that key, base64url. Stored per key
   * id, it tells whether a configured key is the one the rows were written with; it reveals nothing of the
   * key. @throws Error when `keyId` is not in the ring (a bug: callers pass ids from `keyIds`).
   */
  checkValue(keyId: string): string {
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`key ${keyId} is not in the ring`);
    return crypto.createHmac('sha256', key).update(KEY_CHECK_LABEL).digest('base64url');
  }

  /**
   * Encrypts `plaintext` with the active key under `aad` (the vault builds it with `credentialAad`);
   * returns `v2:<key_id>:<iv>:<tag>:<ciphertext>` (base64url parts).
   */
  encrypt(plaintext: string, aad: string): string {
    const key = this.keys.get(this.activeKeyId) as Buffer;
    const iv = crypto.randomBytes(IV_BYTES);
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [CURRENT_VERSION, this.activeKeyId, b64url(iv), b64url(tag), b64url(ciphertext)].join(':');
  }

  /**
   * Decrypts a stored value; `aad` is the AAD, or a function giving it for the value's format version.
   * Throws AppError `vault_unavailable` (503) when the value is malformed, names a key id that is not in
   * the ring, or fails authentication (`details.reason: "credential_changed"`: the ciphertext, or a field
   * bound to it by the AAD, changed since it was written). Messages name the key id, never key material
   * or plaintext.
   */
  decrypt(stored: string, aad: string | ((version: FormatVersion) => string)): string {
    const version = formatVersionOf(stored);
    const [, keyId, ivText, tagText, ciphertextText] = stored.split(':');
    if (!version || !keyId || !ivText || !tagText) {
      throw new AppError('vault_unavailable', 'A stored value is not in the v1/v2 encrypted form', {
        hint: `The row was not written with this key ring; ${this.rewriteHint}.`,
      });
    }
    const key = this.keys.get(keyId);
    if (!key) {
      throw new AppError(
        'vault_unavailable',
        `A stored value is encrypted with key "${keyId}", which is not in ${this.variable}`,
        {
          hint: `Add key ${keyId} back to ${this.variable} and restart; the row is intact.`,
          details: { key_id: keyId },
        },
      );
    }
    try {
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(ivText, 'base64url'), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(Buffer.from(typeof aad === 'string' ? aad : aad(version), 'utf8'));
      decipher.setAuthTag(Buffer.from(tagText, 'base64url'));
      const plaintext = Buffer.concat([
        decipher.update(Buffer.from(ciphertextText ?? '', 'base64url')),
        decipher.final(),
      ]);
      return plaintext.toString('utf8');
    } catch (cause) {
      throw new AppError(
        'vault_unavailable',
        `A stored value failed to decrypt (authentication failed): it changed since ${this.storedBy} stored it`,
        {
          hint:
            `The ciphertext, or a field bound to it (${this.boundFields}), was changed in the database, so the ` +
            `value is not used; ${this.rewriteHint}, or restore the row from a backup.`,
          details: { key_id: keyId, reason: 'credential_changed' },
          cause,
        },
      );
    }
  }
}

/**
 * Parses a key ring variable (`k2:<base64 32 bytes>,k1:<…>`) and registers every key with the redactor.
 * Throws ConfigError naming the entry or key id (never the key) when an entry is malformed, an id repeats
 * or a key is not 32 bytes.
 */
export function parseKeyRing(spec: string, options: KeyRingOptions = {}): KeyRing {
  const entries = spec
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (entries.length === 0) throw new ConfigError('no keys given; expected <id>:<base64 32 bytes>[,…]');
  const keys: RingKey[] = [];
  entries.forEach((entry, index) => {
    const separator = entry.indexOf(':');
    const id = separator > 0 ? entry.slice(0, separator) : '';
    const material = separator > 0 ? entry.slice(separator + 1) : '';
    registerSecret(material, { pinned: true });
    registerSecret(entry, { pinned: true });
    if (!KEY_ID_PATTERN.test(id)) {
      throw new ConfigError(
        `entry ${index + 1} must look like <id>:<base64 key> with an id of letters, digits, - or _ (at most 32)`,
      );
    }
    if (keys.some((existing) => existing.id === id)) throw new ConfigError(`key id ${id} appears twice`);
    if (!BASE64_PATTERN.test(material)) throw new ConfigError(`key ${id} is not base64`);
    const key = Buffer.from(
      material,
      material.includes('-') || material.includes('_') ? 'base64url' : 'base64',
    );
    if (key.length !== KEY_BYTES) {
      throw new ConfigError(`key ${id} is ${key.length} bytes; it must be ${KEY_BYTES} bytes of base64`);
    }
    keys.push({ id, key });
  });
  return new KeyRing(keys, options);
}

/** A fresh random key in the key ring entry form `<id>:<base64 32 bytes>`. */
export function generateKeyEntry(id: string): string {
  if (!KEY_ID_PATTERN.test(id)) throw new ConfigError('a key id is 1-32 letters, digits, - or _');
  return `${id}:${crypto.randomBytes(KEY_BYTES).toString('base64')}`;
}

function b64url(bytes: Buffer): string {
  return bytes.toString('base64url');
}
