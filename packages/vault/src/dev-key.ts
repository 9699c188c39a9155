// The development encryption key: generated once into the data directory so stored rows stay readable across restarts.
import fs from 'node:fs';
import path from 'node:path';
import { createLogger, registerSecret, generateKeyEntry, parseKeyRing } from '@socialvault/common';

const log = createLogger('vault', 'dev-key');
const DEV_KEY_FILE = 'vault-encryption.key';
const DEV_KEY_ID = 'dev';

/**
 * Dev default for an unset `VAULT_ENCRYPTION_KEYS`: reads `<dataDir>/vault-encryption.key`, or
 * creates it (mode 0600) holding `dev:<base64 32 bytes>`. Returns the VAULT_ENCRYPTION_KEYS value
 * and warns in the log. Never use this in production.
 * @throws ConfigError when the file exists but does not hold a valid key ring value.
 */
export function ensureDevEncryptionKey(dataDir: string): string {
  const file = path.resolve(dataDir, DEV_KEY_FILE);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let created = false;
  try {
    fs.writeFileSync(file, `${generateKeyEntry(DEV_KEY_ID)}\n`, { mode: 0o600, flag: 'wx' });
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
    `VAULT_ENCRYPTION_KEYS is unset: ${created ? 'generated' : 'using'} the development key in ${file}; ` +
      'set VAULT_ENCRYPTION_KEYS for production and keep that file with the database',
    { file, created },
  );
  return value;
}
