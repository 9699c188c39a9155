import { ConfigError } from '../config';
import { isAppError } from '../errors';
import { generateKeyEntry, keyIdOf, parseKeyRing } from './key-ring';

const key = (fill: string) => Buffer.alloc(32, fill).toString('base64');
const aad = 'x:123:access_token';

describe('KeyRing', () => {
  const ring = parseKeyRing(`k2:${key('b')},k1:${key('a')}`);

  it('encrypts with the first key into v2:<key_id>:<iv>:<tag>:<ciphertext> and decrypts back', () => {
    const stored = ring.encrypt('secret-token', aad);
    expect(stored).toMatch(/^v2:k2:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
    expect(keyIdOf(stored)).toBe('k2');
    expect(ring.decrypt(stored, aad)).toBe('secret-token');
  });

  it('uses a fresh random IV for every value', () => {
    const ivs = new Set(Array.from({ length: 50 }, () => ring.encrypt('same', aad).split(':')[2]));
    expect(ivs.size).toBe(50);
  });

  it('decrypts values written under any key of the ring', () => {
    const old = parseKeyRing(`k1:${key('a')}`).encrypt('old-token', aad);
    expect(ring.decrypt(old, aad)).toBe('old-token');
  });

  it('fails to decrypt under another AAD', () => {
    const stored = ring.encrypt('secret-token', aad);
    for (const other of ['x:124:access_token', 'threads:123:access_token', 'x:123:refresh_token']) {
      expect(() => ring.decrypt(stored, other)).toThrow(/failed to decrypt/);
    }
  });

  it('fails on a tampered ciphertext or tag', () => {
    const parts = ring.encrypt('secret-token', aad).split(':');
    const flip = (text: string) => (text[0] === 'A' ? 'B' : 'A') + text.slice(1);
    expect(() => ring.decrypt([...parts.slice(0, 4), flip(parts[4] as string)].join(':'), aad)).toThrow(
      /failed to decrypt/,
    );
    expect(() =>
      ring.decrypt([...parts.slice(0, 3), flip(parts[3] as string), parts[4]].join(':'), aad),
    ).toThrow(/failed to decrypt/);
  });

  it('names the missing key id (503 vault_unavailable), never key material', () => {
    const stored = parseKeyRing(`k9:${key('z')}`).encrypt('t', aad);
    try {
      ring.decrypt(stored, aad);
      throw new Error('expected a throw');
    } catch (error) {
      expect(isAppError(error) && error.code).toBe('vault_unavailable');
      expect((error as Error).message).toContain('"k9"');
      expect((error as Error).message).toContain('the key ring');
      expect((error as Error).message).not.toContain(key('z'));
    }
  });

  it('names the ring variable and rewrite hint it was given', () => {
    const named = parseKeyRing(`k1:${key('a')}`, {
      variable: 'BROKER_ENCRYPTION_KEYS',
      rewriteHint: 'start over',
    });
    const stored = parseKeyRing(`k9:${key('z')}`).encrypt('t', aad);
    expect(() => named.decrypt(stored, aad)).toThrow(/not in BROKER_ENCRYPTION_KEYS/);
    expect(() => named.decrypt(named.encrypt('t', aad), 'other')).toThrow(
      expect.objectContaining({ hint: expect.stringContaining('start over') }),
    );
  });

  it('rejects a value that is not in the stored form', () => {
    expect(() => ring.decrypt('abc123:def456', aad)).toThrow(/not in the v1\/v2 encrypted form/);
  });
});

describe('parseKeyRing', () => {
  it('accepts standard and url-safe base64 and keeps ring order', () => {
    const urlSafe = Buffer.alloc(32, 0xfb).toString('base64url');
    expect(parseKeyRing(` k2:${urlSafe} , k1:${key('a')} `).keyIds).toEqual(['k2', 'k1']);
  });

  it.each([
    [
      'a key of the wrong length, naming the id only',
      `k1:${Buffer.alloc(16, 1).toString('base64')}`,
      /^key k1 is 16 bytes/,
    ],
    ['a repeated id', `k1:${key('a')},k1:${key('b')}`, /key id k1 appears twice/],
    ['an entry without an id', key('a'), /entry 1 must look like <id>:<base64 key>/],
    ['non-base64 material', 'k1:not base64!', /key k1 is not base64/],
    ['an empty value', ' , ', /no keys given/],
  ])('rejects %s with a ConfigError', (_name, spec, message) => {
    let thrown: unknown;
    try {
      parseKeyRing(spec);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as Error).message).toMatch(message);
    const material = spec.split(':')[1];
    if (material && material.length > 8) expect((thrown as Error).message).not.toContain(material);
  });

  it('generateKeyEntry makes a usable entry', () => {
    const entry = generateKeyEntry('k7');
    const ring = parseKeyRing(entry);
    expect(ring.decrypt(ring.encrypt('x-token', aad), aad)).toBe('x-token');
  });
});
