import { canonicalJson, derivedKey, requestHash } from './request-key';

describe('request keys', () => {
  it('hashes equal content equally whatever the key order, ignoring idempotency_key and account_id', () => {
    expect(canonicalJson({ b: [2, { d: 1, c: undefined }], a: 'x' })).toBe('{"a":"x","b":[2,{"d":1}]}');
    const one = requestHash('publish_post', {
      text: 'hi',
      media_urls: ['a', 'b'],
      idempotency_key: 'k-12345678',
    });
    const two = requestHash('publish_post', { account_id: '1', media_urls: ['a', 'b'], text: 'hi' });
    expect(one).toMatch(/^[0-9a-f]{64}$/);
    expect(one).toBe(two);
    expect(requestHash('publish_post', { text: 'hi', media_urls: ['b', 'a'] })).not.toBe(one);
    expect(requestHash('publish_reel', { text: 'hi', media_urls: ['a', 'b'] })).not.toBe(one);
  });

  it('derives printable keys per account and window', () => {
    const hash = requestHash('publish_post', { text: 'hi' });
    expect(derivedKey('17841', hash, 20_000)).toMatch(/^auto-[0-9a-f]{40}-20000$/);
    expect(derivedKey('17841', hash, 20_000)).not.toBe(derivedKey('17842', hash, 20_000));
    expect(derivedKey('17841', hash, 20_000)).not.toBe(derivedKey('17841', hash, 20_001));
  });
});
