import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseKeyRing } from '@socialvault/common';
import { captureLogs } from '@socialvault/common/testing';
import { ensureDevEncryptionKey, newDevKeyId } from './dev-key';

describe('ensureDevEncryptionKey', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-dev-key-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates <dataDir>/vault-encryption.key with mode 0600 and reuses it on the next start', () => {
    const capture = captureLogs();
    const dataDir = path.join(dir, 'nested', '.data');
    const first = ensureDevEncryptionKey(dataDir);
    const file = path.join(dataDir, 'vault-encryption.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(parseKeyRing(first).activeKeyId).toMatch(/^dev-\d{14}-[0-9a-f]{4}$/);
    expect(ensureDevEncryptionKey(dataDir)).toBe(first);
    capture.stop();
    const text = capture.lines.join('');
    expect(text).toMatch(/VAULT_ENCRYPTION_KEYS is unset: generated the development key/);
    expect(text).toMatch(/VAULT_ENCRYPTION_KEYS is unset: using the development key/);
    expect(text).not.toContain(first.split(':')[1]);
  });

  it('gives a regenerated key a new id, never reusing the deleted one, and warns that old rows stay unreadable', () => {
    const first = parseKeyRing(ensureDevEncryptionKey(dir)).activeKeyId;
    fs.rmSync(path.join(dir, 'vault-encryption.key'));
    const capture = captureLogs();
    const second = parseKeyRing(ensureDevEncryptionKey(dir)).activeKeyId;
    capture.stop();
    expect(second).not.toBe(first);
    expect(second).not.toBe('dev');
    expect(capture.lines.join('')).toContain(
      `Generated a new development key with the new id ${second}: rows stored under an earlier development key`,
    );
  });

  it('makes ids that fit VAULT_ENCRYPTION_KEYS and differ between two keys made in the same second', () => {
    const at = new Date('2026-05-04T03:02:01.999Z');
    expect(newDevKeyId(at)).toMatch(/^dev-20260504030201-[0-9a-f]{4}$/);
    expect(new Set(Array.from({ length: 20 }, () => newDevKeyId(at))).size).toBeGreaterThan(1);
  });

  it("keeps another key ring (the broker's) in its own file, with its own key id and variable name", () => {
    const capture = captureLogs();
    const vaultKey = ensureDevEncryptionKey(dir);
    const brokerKey = ensureDevEncryptionKey(dir, {
      file: 'broker-encryption.key',
      keyIdPrefix: 'bdev',
      variable: 'BROKER_ENCRYPTION_KEYS',
    });
    capture.stop();
    expect(parseKeyRing(brokerKey).activeKeyId).toMatch(/^bdev-\d{14}-[0-9a-f]{4}$/);
    expect(brokerKey).not.toBe(vaultKey);
    expect(fs.readFileSync(path.join(dir, 'broker-encryption.key'), 'utf8').trim()).toBe(brokerKey);
    expect(capture.lines.join('')).toMatch(/BROKER_ENCRYPTION_KEYS is unset: generated the development key/);
  });

  it('refuses a key file that does not hold a valid key', () => {
    fs.writeFileSync(path.join(dir, 'vault-encryption.key'), 'dev:tooshort', { mode: 0o600 });
    expect(() => ensureDevEncryptionKey(dir)).toThrow(/key dev/);
  });
});
