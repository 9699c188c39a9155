import { checkStartLink, signStartLink } from './start-links';

const key = Buffer.alloc(32, 7);
const facts = { clientId: 'client-a', platform: 'x' };

function queryOf(url: string) {
  const params = new URL(url).searchParams;
  return { exp: params.get('exp') ?? undefined, sig: params.get('sig') ?? undefined };
}

describe('signed start links', () => {
  const url = signStartLink('https://broker.example', key, { ...facts, expiresAtS: 2_000 });

  it('builds an absolute /auth/<platform> link that checks out before its expiry', () => {
    expect(url).toMatch(
      /^https:\/\/broker\.example\/auth\/x\?client_id=client-a&exp=2000&sig=[A-Za-z0-9_-]{43}$/,
    );
    expect(checkStartLink(key, facts, queryOf(url), 1_999)).toBeUndefined();
  });

  it('is expired from its exp second on', () => {
    expect(checkStartLink(key, facts, queryOf(url), 2_000)).toBe('expired');
  });

  it('binds client, platform, login variant, expiry and key', () => {
    expect(checkStartLink(key, { ...facts, clientId: 'client-b' }, queryOf(url), 0)).toBe('bad_signature');
    expect(checkStartLink(key, { ...facts, platform: 'linkedin' }, queryOf(url), 0)).toBe('bad_signature');
    expect(checkStartLink(key, { ...facts, login: 'instagram' }, queryOf(url), 0)).toBe('bad_signature');
    expect(checkStartLink(key, facts, { ...queryOf(url), exp: '3000' }, 0)).toBe('bad_signature');
    expect(checkStartLink(Buffer.alloc(32, 8), facts, queryOf(url), 0)).toBe('bad_signature');
    expect(checkStartLink(key, facts, {}, 0)).toBe('unsigned');
  });
});
