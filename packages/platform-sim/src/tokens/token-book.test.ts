import { TokenBook } from './token-book';

const NOW = Date.parse('2026-01-10T12:00:00Z');
const later = (s: number) => new Date(NOW + s * 1000);

describe('TokenBook', () => {
  it('answers unknown, valid, revoked and expired in that order', () => {
    const book = new TokenBook<{ userId: string }>();
    expect(book.check('nope', NOW)).toEqual({ status: 'unknown' });
    book.issue('tok-valid', { userId: '1' }, later(60));
    expect(book.check('tok-valid', NOW)).toMatchObject({ status: 'valid', entry: { userId: '1' } });
    expect(book.check('tok-valid', NOW + 60_000)).toMatchObject({ status: 'expired', expiresAt: later(60) });
    book.revoke('tok-valid');
    expect(book.check('tok-valid', NOW + 60_000).status).toBe('revoked');
  });

  it('throws the refusal a platform gives for each verdict and returns a usable entry', () => {
    const book = new TokenBook<{ userId: string }>();
    const refusals = {
      unknown: () => new Error('unknown'),
      revoked: () => new Error('revoked'),
      expired: (at: Date) => new Error(`expired ${at.toISOString()}`),
    };
    book.issue('tok-live', { userId: '1' }, later(60));
    book.issue('tok-gone', { userId: '1' }, later(60));
    book.revoke('tok-gone');
    expect(book.use('tok-live', refusals, NOW)).toMatchObject({ userId: '1' });
    expect(() => book.use('nope', refusals, NOW)).toThrow('unknown');
    expect(() => book.use('tok-gone', refusals, NOW)).toThrow('revoked');
    expect(() => book.use('tok-live', refusals, NOW + 60_000)).toThrow(`expired ${later(60).toISOString()}`);
  });

  it('keeps a token without expiry valid and expires it on demand', () => {
    const book = new TokenBook<{ userId: string }>();
    book.issue('tok-forever', { userId: '1' }, '2099-01-01T00:00:00Z');
    book.issue('tok-open', { userId: '1' });
    expect(book.check('tok-open', NOW + 10 ** 12).status).toBe('valid');
    expect(book.expire('tok-open', new Date(NOW))).toBe(true);
    expect(book.check('tok-open', NOW).status).toBe('expired');
    expect(book.expire('nope')).toBe(false);
    expect(book.revoke('nope')).toBe(false);
  });

  it('rotates to a copy of the old holder and keeps the old token until it expires', () => {
    const book = new TokenBook<{ userId: string; scopes: string[] }>();
    book.issue('tok-old', { userId: '7', scopes: ['tweet.read'] }, later(60));
    expect(book.acceptRotated('tok-old', 'tok-new', '7', later(7200))).toBe(true);
    const rotated = book.get('tok-new')!;
    expect(rotated).toEqual({
      token: 'tok-new',
      userId: '7',
      scopes: ['tweet.read'],
      revoked: false,
      expiresAt: later(7200),
    });
    rotated.scopes.push('tweet.write');
    expect(book.get('tok-old')!.scopes).toEqual(['tweet.read']);
    expect(book.check('tok-old', NOW).status).toBe('valid');
  });

  it('refuses a rotation from a revoked token, and from an unknown one without a fallback', () => {
    const book = new TokenBook<{ userId: string }>();
    book.issue('tok-old', { userId: '7' });
    book.revoke('tok-old');
    expect(book.acceptRotated('tok-old', 'tok-new', '7', later(60))).toBe(false);
    expect(book.acceptRotated('tok-missing', 'tok-new', '7', later(60))).toBe(false);
    expect(book.has('tok-new')).toBe(false);
  });

  it('rotates an unknown token to the fallback holder of the grant account', () => {
    const book = new TokenBook<{ sub: string }>({
      holderForUnknown: (sub) => (sub === 'known' ? { sub } : undefined),
    });
    expect(book.acceptRotated('tok-missing', 'tok-a', 'known', later(60))).toBe(true);
    expect(book.get('tok-a')).toMatchObject({ sub: 'known', revoked: false });
    expect(book.acceptRotated('tok-missing', 'tok-b', 'stranger', later(60))).toBe(false);
  });

  it('re-issuing a revoked token makes it usable again, as re-registering does', () => {
    const book = new TokenBook<{ userId: string }>();
    book.issue('tok-a', { userId: '1' });
    book.revoke('tok-a');
    book.issue('tok-a', { userId: '2' });
    expect(book.check('tok-a', NOW)).toMatchObject({ status: 'valid', entry: { userId: '2' } });
  });
});
