// The development encryption key: generated once into the data directory so stored rows stay readable across restarts.
import fs from 'node:fs';
import path from 'node:path';
import { createLogger, registerSecret, generateKeyEntry, parseKeyRing } from '@socialvault/common';

const log = createLogger('vault', 'dev-key');

/** Which dev key ring: its file under the data directory, its key id, the variable it stands in for. */
export interface DevKeyOptions {
  /** Default `vault-encryption.key`. */
  file?: string;
  /** Default `dev`. */
  keyId?: string;
  /** Default `VAULT_ENCRYPTION_KEYS` (named in the warning). */
  variable?: string;
}

/**
 * Dev default for an unset `VAULT_ENCRYPTION_KEYS` (or, with `options`, another key ring such as the
 * broker's): reads `<dataDir>/vault-encryption.key`, or creates it (mode 0600) holding
 * `dev:<base64 32 bytes>`. Returns the key ring value and warns in the log. Never use this in production.
 * @throws ConfigError when the file exists but does not hold a valid key ring value.
 */
export function ensureDevEncryptionKey(dataDir: string, options: DevKeyOptions = {}): string {
  const {
    file: fileName = 'vault-encryption.key',
    keyId = 'dev',
    variable = 'VAULT_ENCRYPTION_KEYS',
  } = options;
  const file = path.resolve(dataDir, fileName);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let created = false;
  try {
    fs.writeFileSync(file, `${generateKeyEntry(keyId)}\n`, { mode: 0o600, flag: 'wx' });
    created = true;
  } catch (error) {
    // Another process (or an earlier run) made it first: use that one.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  fs.chmodSync(file, 0o600);
  const value = fs.readFileSync(file, 'utf8').trim();
  registerSecret(value, { pinned: true });
  parseKeyRing(value);
  log.warn(
    `${variable} is unset: ${created ? 'generated' : 'using'} the development key in ${file}; ` +
      `set ${variable} for production and keep that file with the database`,
    { file, created },
  );
  return value;
}
