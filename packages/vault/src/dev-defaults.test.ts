import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  clusterIsRunning,
  withDevEncryptionKey,
  withPendingDatabase,
  EMBEDDED_DATABASE_PENDING_URL,
} from './dev-defaults';

describe('dev defaults', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-dev-defaults-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('treats a postmaster.pid of a live process as running and a stale one as not', () => {
    expect(clusterIsRunning(dir)).toBe(false);
    fs.writeFileSync(path.join(dir, 'postmaster.pid'), `${process.pid}\n/data\n`);
    expect(clusterIsRunning(dir)).toBe(true);
    fs.writeFileSync(path.join(dir, 'postmaster.pid'), '999999999\n/data\n');
    expect(clusterIsRunning(dir)).toBe(false);
  });

  it('fills VAULT_ENCRYPTION_KEYS from the dev key file outside production only', () => {
    const env = { VAULT_DATA_DIR: dir, NODE_ENV: 'development' };
    expect(withDevEncryptionKey(env).VAULT_ENCRYPTION_KEYS).toMatch(/^dev-\d{14}-[0-9a-f]{4}:/);
    expect(withDevEncryptionKey({ ...env, NODE_ENV: 'production' }).VAULT_ENCRYPTION_KEYS).toBeUndefined();
    expect(withDevEncryptionKey({ ...env, VAULT_ENCRYPTION_KEYS: 'k1:x' }).VAULT_ENCRYPTION_KEYS).toBe(
      'k1:x',
    );
  });

  it('stands in a placeholder for an unset DATABASE_URL only', () => {
    expect(withPendingDatabase({}).DATABASE_URL).toBe(EMBEDDED_DATABASE_PENDING_URL);
    expect(withPendingDatabase({ DATABASE_URL: 'postgres://h/db' }).DATABASE_URL).toBe('postgres://h/db');
  });

  it('never stands in the embedded database under NODE_ENV=production: DATABASE_URL stays unset', () => {
    expect(withPendingDatabase({ NODE_ENV: 'production' }).DATABASE_URL).toBeUndefined();
  });
});
