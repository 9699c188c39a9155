import { generateKeyEntry } from '@socialvault/common';
import { loadBrokerConfig } from './config';

const base = { DATABASE_URL: 'postgres://u@h/db', BROKER_ENCRYPTION_KEYS: generateKeyEntry('b1') };

describe('loadBrokerConfig', () => {
  it('defaults to the real providers, port 3030 on 127.0.0.1, and the DATABASE_URL', () => {
    const config = loadBrokerConfig(base);
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 3030,
      publicUrl: 'http://127.0.0.1:3030',
      databaseUrl: base.DATABASE_URL,
    });
    expect(config.urls.xAuthorizeUrl).toBe('https://x.com/i/oauth2/authorize');
    expect(config.urls.metaDialogUrl).toBe('https://www.facebook.com/v25.0/dialog/oauth');
    expect(config.localVault).toBeUndefined();
  });

  it.each([
    [{ BROKER_ENCRYPTION_KEYS: '' }, /BROKER_ENCRYPTION_KEYS: is required/],
    [{ BROKER_ENCRYPTION_KEYS: 'b1:short' }, /BROKER_ENCRYPTION_KEYS: key b1 is/],
    [{ DATABASE_URL: '' }, /BROKER_DATABASE_URL: is required/],
    [{ VAULT_INGRESS_URL: 'http://vault:3006' }, /BROKER_API_KEY: is needed too/],
    [{ META_APP_ID: '123' }, /META_APP_SECRET: is needed with META_APP_ID/],
    [
      { NODE_ENV: 'production', BROKER_ALLOW_UNSIGNED_START: 'true' },
      /BROKER_ALLOW_UNSIGNED_START: must not be true/,
    ],
    [
      { MASTODON_PRIVATE_INSTANCE_ALLOWLIST: 'https://lan.example/path' },
      /MASTODON_PRIVATE_INSTANCE_ALLOWLIST/,
    ],
    [{ BROKER_TRUST_PROXY: 'true' }, /BROKER_TRUST_PROXY: must be a hop count/],
    [
      { BROKER_TRUST_PROXY: '10.0.0.0/8,proxy.lan' },
      /BROKER_TRUST_PROXY: entry "proxy\.lan" is not an IP address/,
    ],
  ])('refuses %o with a line naming the variable', (overrides, message) => {
    expect(() => loadBrokerConfig({ ...base, ...overrides })).toThrow(message);
  });

  it('parses BROKER_TRUST_PROXY as Express trust proxy: unset trusts nobody, a hop count, or an address/CIDR list', () => {
    const trustProxy = (value?: string) =>
      loadBrokerConfig({ ...base, ...(value === undefined ? {} : { BROKER_TRUST_PROXY: value }) }).trustProxy;
    expect(trustProxy()).toBe(false);
    expect(trustProxy('0')).toBe(false);
    expect(trustProxy('1')).toBe(1);
    expect(trustProxy(' 10.0.0.0/8, ::1,uniquelocal ')).toEqual(['10.0.0.0/8', '::1', 'uniquelocal']);
  });

  it('derives the session secret and start-link key from the active key unless BROKER_SESSION_SECRET is set', () => {
    const derived = loadBrokerConfig(base);
    expect(derived.sessionSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(base.BROKER_ENCRYPTION_KEYS).not.toContain(derived.sessionSecret);
    expect(loadBrokerConfig(base).startLinkKey.equals(derived.startLinkKey)).toBe(true);
    const rotated = loadBrokerConfig({
      ...base,
      BROKER_ENCRYPTION_KEYS: `${generateKeyEntry('b2')},${base.BROKER_ENCRYPTION_KEYS}`,
    });
    expect(rotated.startLinkKey.equals(derived.startLinkKey)).toBe(false);
    expect(
      loadBrokerConfig({ ...base, BROKER_SESSION_SECRET: 'a-session-secret-of-32-characters' }).sessionSecret,
    ).toBe('a-session-secret-of-32-characters');
  });
});
