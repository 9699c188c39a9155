import { hasListedOrigin, parseOriginList } from './origin-allowlist';

describe('parseOriginList', () => {
  it('normalises origins and ignores blank entries', () => {
    expect(parseOriginList(' http://127.0.0.1:3020 ,, HTTPS://Mastodon.LAN:443/ ')).toEqual([
      'http://127.0.0.1:3020',
      'https://mastodon.lan',
    ]);
    expect(parseOriginList('')).toEqual([]);
  });

  it.each(['mastodon.lan', 'ftp://mastodon.lan', 'https://mastodon.lan/api', 'https://u:p@mastodon.lan'])(
    'refuses %s, naming the entry',
    (entry) => {
      expect(() => parseOriginList(`https://ok.lan,${entry}`)).toThrow(/must be an origin/);
    },
  );
});

describe('hasListedOrigin', () => {
  it('matches the origin of a URL with a path exactly (scheme, host and port)', () => {
    const origins = parseOriginList('http://127.0.0.1:3020');
    expect(hasListedOrigin('http://127.0.0.1:3020/mastodon/alpha', origins)).toBe(true);
    expect(hasListedOrigin('https://127.0.0.1:3020/mastodon/alpha', origins)).toBe(false);
    expect(hasListedOrigin('http://127.0.0.1:3021', origins)).toBe(false);
    expect(hasListedOrigin('not a url', origins)).toBe(false);
  });
});
