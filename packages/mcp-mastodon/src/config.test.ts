// mcp-mastodon's environment: no base URL (instances come from credentials), defaults and bounds.
import { loadMcpConfig } from '@socialvault/mcp-kit';
import { instanceUrlOf } from './session';
import { mastodonServerSpec } from './server';

const base = { VAULT_URL: 'http://127.0.0.1:3007', VAULT_TOKEN: 'service-secret-0123456789' };

describe('mcp-mastodon config', () => {
  it('defaults to port 3014, 1 s media polling, 30 polls and a one-hour instance cache', () => {
    expect(loadMcpConfig(mastodonServerSpec, base)).toMatchObject({
      port: 3014,
      mastodonTimeoutMs: 15_000,
      mediaFetchTimeoutMs: 15_000,
      mediaPollIntervalMs: 1000,
      mediaMaxPolls: 30,
      instanceCacheTtlMs: 3_600_000,
      privateInstanceAllowlist: [],
    });
  });

  it('reads MASTODON_PRIVATE_INSTANCE_ALLOWLIST as origins and refuses an entry with a path', () => {
    const config = loadMcpConfig(mastodonServerSpec, {
      ...base,
      MASTODON_PRIVATE_INSTANCE_ALLOWLIST: 'http://127.0.0.1:3020,https://mastodon.lan',
    });
    expect(config.privateInstanceAllowlist).toEqual(['http://127.0.0.1:3020', 'https://mastodon.lan']);
    expect(() =>
      loadMcpConfig(mastodonServerSpec, {
        ...base,
        MASTODON_PRIVATE_INSTANCE_ALLOWLIST: 'http://127.0.0.1:3020/mastodon/alpha',
      }),
    ).toThrow(/MASTODON_PRIVATE_INSTANCE_ALLOWLIST: entry .* must be an origin/);
  });

  it('refuses out-of-range numbers, naming the variable', () => {
    expect(() => loadMcpConfig(mastodonServerSpec, { ...base, MASTODON_MEDIA_MAX_POLLS: '0' })).toThrow(
      /MASTODON_MEDIA_MAX_POLLS/,
    );
  });
});

describe('instanceUrlOf', () => {
  const credential = (instance_url: unknown) =>
    ({ accountId: 'a@b', extra: { instance_url } }) as unknown as Parameters<typeof instanceUrlOf>[0];

  it('takes an https instance URL (keeping a path prefix), http only when insecure URLs are allowed', () => {
    expect(instanceUrlOf(credential('https://mastodon.social/'), false)).toBe('https://mastodon.social');
    expect(instanceUrlOf(credential('http://127.0.0.1:3020/mastodon/demo'), true)).toBe(
      'http://127.0.0.1:3020/mastodon/demo',
    );
    expect(() => instanceUrlOf(credential('http://127.0.0.1:3020/mastodon/demo'), false)).toThrow(
      /instance_url/,
    );
    expect(() => instanceUrlOf(credential(undefined), true)).toThrow(/instance_url/);
    expect(() => instanceUrlOf(credential('not a url'), true)).toThrow(/instance_url/);
  });
});
