import { isAppError, parseKeyRing } from '@socialvault/common';
import {
  credentialAad,
  decryptCredentialSecret,
  encryptCredentialSecret,
  parseVaultKeyRing,
} from './credential-aad';

const ring = parseVaultKeyRing(`k1:${Buffer.alloc(32, 'a').toString('base64')}`);
const mastodon = {
  platform: 'mastodon',
  accountId: '109',
  extra: { instance_url: 'https://mastodon.example', display: 'kept out of the AAD' },
};

function failure(work: () => unknown): { code: string; reason: unknown } {
  try {
    work();
  } catch (error) {
    if (isAppError(error)) return { code: error.code, reason: error.details?.reason };
    throw error;
  }
  throw new Error('expected a throw');
}

describe('credential AAD (v2)', () => {
  it('decrypts back under the same row, routing fields in any key order', () => {
    const stored = encryptCredentialSecret(ring, mastodon, 'access_token', 'masto-token-123456');
    expect(stored).toMatch(/^v2:k1:/);
    const reordered = {
      ...mastodon,
      extra: { display: 'changed, not bound', instance_url: 'https://mastodon.example' },
    };
    expect(decryptCredentialSecret(ring, reordered, 'access_token', stored)).toBe('masto-token-123456');
  });

  it.each([
    ['a rewritten instance_url', { instance_url: 'https://attacker.example' }],
    ['a trailing-slash instance_url', { instance_url: 'https://mastodon.example/' }],
    ['a removed instance_url', {}],
    ['an added login_type', { instance_url: 'https://mastodon.example', login_type: 'instagram' }],
    ['an added person_urn', { instance_url: 'https://mastodon.example', person_urn: 'urn:li:person:x' }],
  ])('fails closed (credential_changed) on %s', (_name, extra) => {
    const stored = encryptCredentialSecret(ring, mastodon, 'access_token', 'masto-token-123456');
    expect(
      failure(() => decryptCredentialSecret(ring, { ...mastodon, extra }, 'access_token', stored)),
    ).toEqual({
      code: 'vault_unavailable',
      reason: 'credential_changed',
    });
  });

  it('binds the Meta ids of an Instagram row', () => {
    const instagram = { platform: 'instagram', accountId: '1784', extra: { facebook_page_id: '1081' } };
    const stored = encryptCredentialSecret(ring, instagram, 'access_token', 'EAAB-token-123456');
    const moved = { ...instagram, extra: { facebook_page_id: '9999' } };
    expect(failure(() => decryptCredentialSecret(ring, moved, 'access_token', stored)).reason).toBe(
      'credential_changed',
    );
  });

  it('still reads v1 values (AAD platform:account_id:field), whatever extra holds', () => {
    const v1 = ring
      .encrypt('old-token-123456', credentialAad(mastodon, 'access_token', 'v1'))
      .replace(/^v2:/, 'v1:');
    expect(decryptCredentialSecret(ring, mastodon, 'access_token', v1)).toBe('old-token-123456');
  });

  it('refuses a v2 value relabelled v1 (no downgrade to the weaker AAD)', () => {
    const stored = encryptCredentialSecret(ring, mastodon, 'access_token', 'masto-token-123456');
    const relabelled = stored.replace(/^v2:/, 'v1:');
    expect(failure(() => decryptCredentialSecret(ring, mastodon, 'access_token', relabelled)).reason).toBe(
      'credential_changed',
    );
  });

  it('keeps account ids with separators apart (JSON array, not a joined string)', () => {
    const a = credentialAad({ platform: 'x', accountId: 'a","b', extra: {} }, 'access_token');
    const b = credentialAad({ platform: 'x', accountId: 'a', extra: {} }, 'access_token');
    expect(a).not.toBe(b);
    expect(JSON.parse(a)).toEqual(['v2', 'x', 'a","b', 'access_token', []]);
  });

  it('names VAULT_ENCRYPTION_KEYS when a value uses a key that is not in the ring', () => {
    const stored = parseKeyRing(`k9:${Buffer.alloc(32, 'z').toString('base64')}`).encrypt('t', 'aad');
    expect(() => ring.decrypt(stored, 'aad')).toThrow(/key "k9", which is not in VAULT_ENCRYPTION_KEYS/);
  });
});
