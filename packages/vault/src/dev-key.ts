// The development encryption key: generated once into the data directory so stored rows stay readable across restarts.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createLogger, registerSecret, generateKeyEntry, parseKeyRing } from '@socialvault/common';

const log = createLogger('vault', 'dev-key');

/**
 * A new id for each generated dev key, `<prefix>-<UTC yyyymmddhhmmss>-<4 hex>` (prefix `dev`): a key file
 * deleted and generated again never reuses an id the database already holds rows or a check value for.
 */
export function newDevKeyId(now = new Date(), prefix = 'dev'): string {
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
  return `${prefix}-${stamp}-${crypto.randomBytes(2).toString('hex')}`;
}

/** Which dev key ring: its file under the data directory, its key id prefix, the variable it stands in for. */
export interface DevKeyOptions {
  /** Default `vault-encryption.key`. */
  file?: string;
  /** Default `dev`. */
  keyIdPrefix?: string;
  /** Default `VAULT_ENCRYPTION_KEYS` (named in the warnings). */
  variable?: string;
}

/**
 * Dev default for an unset `VAULT_ENCRYPTION_KEYS` (or, with `options`, another key ring such as the
 * broker's in its own file): reads `<dataDir>/vault-encryption.key`, or
 * creates it (mode 0600) holding `dev-<timestamp>-<random>:<base64 32 bytes>` (a new id each time, see
 * newDevKeyId). Returns the VAULT_ENCRYPTION_KEYS value and warns in the log; a newly generated key
 * gets a second warning that rows written under an earlier dev key stay unreadable without its file.
 * Never use this in production.
 * @throws ConfigError when the file exists but does not hold a valid key ring value.
 */
export function ensureDevEncryptionKey(dataDir: string, options: DevKeyOptions = {}): string {
  const {
    file: fileName = 'vault-encryption.key',
    keyIdPrefix = 'dev',
    variable = 'VAULT_ENCRYPTION_KEYS',
  } = options;
  const file = path.resolve(dataDir, fileName);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let created = false;
  try {
    fs.writeFileSync(file, `${generateKeyEntry(newDevKeyId(new Date(), keyIdPrefix))}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
    created = true;
  } catch (error) {
    // Another process (or an earlier run) made it first: use that one.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  fs.chmodSync(file, 0o600);
  const value = fs.readFileSync(file, 'utf8').trim();
  registerSecret(value, { pinned: true });
  const keyId = parseKeyRing(value).activeKeyId;
  if (created) {
    log.warn(
      `Generated a new development key with the new id ${keyId}: rows stored under an earlier development ` +
        'key (a deleted or replaced key file) stay unreadable until that file is restored',
      { file, key_id: keyId },
    );
  }
  log.warn(
    `${variable} is unset: ${created ? 'generated' : 'using'} the development key in ${file}; ` +
      `set ${variable} for production and keep that file with the database`,
    { file, created },
  );
  return value;
}
