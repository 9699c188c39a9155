import { parseKeyRing } from '@socialvault/common';
import { credentialAad, parseVaultKeyRing } from './credential-aad';

const key = (fill: string) => Buffer.alloc(32, fill).toString('base64');

describe('credentialAad', () => {
  it('binds a ciphertext to its platform, account and field', () => {
    const ring = parseVaultKeyRing(`k1:${key('a')}`);
    const stored = ring.encrypt('secret-token', credentialAad('x', '123', 'access_token'));
    expect(credentialAad('x', '123', 'access_token')).toBe('x:123:access_token');
    for (const other of [
      credentialAad('x', '124', 'access_token'),
      credentialAad('threads', '123', 'access_token'),
      credentialAad('x', '123', 'refresh_token'),
    ]) {
      expect(() => ring.decrypt(stored, other)).toThrow(/failed to decrypt/);
    }
  });

  it('names VAULT_ENCRYPTION_KEYS when a value uses a key that is not in the ring', () => {
    const stored = parseKeyRing(`k9:${key('z')}`).encrypt('t', 'x:1:access_token');
    expect(() => parseVaultKeyRing(`k1:${key('a')}`).decrypt(stored, 'x:1:access_token')).toThrow(
      /key "k9", which is not in VAULT_ENCRYPTION_KEYS/,
    );
  });
});
