import { ConfigError, redactText } from '@socialvault/common';
import { loadVaultConfig, loadVaultStorageConfig } from './config';

const KEY = Buffer.alloc(32, 7).toString('base64');
const BROKER_KEY = 'broker-key-0123456789abcdef';
const base = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/vault',
  BROKER_API_KEY: BROKER_KEY,
  VAULT_ENCRYPTION_KEYS: `k1:${KEY}`,
};

function configError(env: NodeJS.ProcessEnv): string {
  try {
    loadVaultConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadVaultConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadVaultConfig(base);
    expect(config).toMatchObject({
      databaseUrl: base.DATABASE_URL,
      host: '127.0.0.1',
      ingressPort: 3006,
      internalPort: 3007,
      brokerApiKey: BROKER_KEY,
      serviceIdentities: [],
      allowInsecureUrls: false,
      mastodonPrivateInstanceAllowlist: [],
      trustProxy: false,
      maxBodyBytes: 65536,
      production: false,
    });
    expect(config.refresh.cron).toBe('*/10 * * * *');
    expect(config.keyRing.activeKeyId).toBe('k1');
  });

  it('parses VAULT_TRUST_PROXY as Express trust proxy: 0 is nothing, a hop count, or an address/CIDR list', () => {
    const trustProxy = (value: string) => loadVaultConfig({ ...base, VAULT_TRUST_PROXY: value }).trustProxy;
    expect(trustProxy('0')).toBe(false);
    expect(trustProxy('2')).toBe(2);
    expect(trustProxy(' 10.0.0.0/8, 127.0.0.1,loopback ')).toEqual(['10.0.0.0/8', '127.0.0.1', 'loopback']);
  });

  it('parses MASTODON_PRIVATE_INSTANCE_ALLOWLIST into normalised origins', () => {
    const config = loadVaultConfig({
      ...base,
      MASTODON_PRIVATE_INSTANCE_ALLOWLIST: 'http://127.0.0.1:3020, https://Mastodon.LAN/',
    });
    expect(config.mastodonPrivateInstanceAllowlist).toEqual([
      'http://127.0.0.1:3020',
      'https://mastodon.lan',
    ]);
  });

  it('parses VAULT_SERVICE_TOKENS: platforms joined by |, * for all, metadata-only identities', () => {
    const config = loadVaultConfig({
      ...base,
      VAULT_SERVICE_TOKENS:
        'instagram-mcp:instagram:ig-secret-0123456789, social:x|threads:xt-secret-0123456789,n8n:*:n8n-secret-0123456789:metadata',
    });
    expect(config.serviceIdentities).toEqual([
      { name: 'instagram-mcp', platforms: ['instagram'], secret: 'ig-secret-0123456789', access: 'tokens' },
      { name: 'social', platforms: ['x', 'threads'], secret: 'xt-secret-0123456789', access: 'tokens' },
      {
        name: 'n8n',
        platforms: ['instagram', 'threads', 'x', 'linkedin', 'mastodon'],
        secret: 'n8n-secret-0123456789',
        access: 'metadata',
      },
    ]);
  });

  it.each([
    [
      'a missing BROKER_API_KEY',
      { BROKER_API_KEY: undefined },
      /^Invalid configuration: BROKER_API_KEY: is required/,
    ],
    [
      'a short BROKER_API_KEY',
      { BROKER_API_KEY: 'short-key' },
      /BROKER_API_KEY: must be at least 16 characters/,
    ],
    ['a missing DATABASE_URL', { DATABASE_URL: '' }, /DATABASE_URL: is required/],
    [
      'a missing VAULT_ENCRYPTION_KEYS',
      { VAULT_ENCRYPTION_KEYS: undefined },
      /VAULT_ENCRYPTION_KEYS: is required/,
    ],
    [
      'a 16-byte key',
      { VAULT_ENCRYPTION_KEYS: `k5:${Buffer.alloc(16).toString('base64')}` },
      /VAULT_ENCRYPTION_KEYS: key k5 is 16 bytes/,
    ],
    ['a non-numeric port', { VAULT_INGRESS_PORT: 'http' }, /VAULT_INGRESS_PORT: must be a port number/],
    [
      'a port out of range',
      { VAULT_INTERNAL_PORT: '70000' },
      /VAULT_INTERNAL_PORT: must be between 0 and 65535/,
    ],
    [
      'an unknown platform in a service token',
      { VAULT_SERVICE_TOKENS: 'a:myspace:secret-0123456789abc' },
      /VAULT_SERVICE_TOKENS: entry 1 \(a\) names an unknown platform/,
    ],
    [
      'a short service secret',
      { VAULT_SERVICE_TOKENS: 'a:x:short' },
      /entry 1 \(a\) needs a secret of at least 16/,
    ],
    ['a bad 4th field', { VAULT_SERVICE_TOKENS: 'a:x:secret-0123456789abc:admin' }, /can only be "metadata"/],
    [
      'a repeated service name',
      { VAULT_SERVICE_TOKENS: 'a:x:secret-0123456789abc,a:x:secret-0123456789abd' },
      /name repeats/,
    ],
    [
      'a bad ALLOW_INSECURE_URLS',
      { ALLOW_INSECURE_URLS: 'yes' },
      /ALLOW_INSECURE_URLS: must be true or false/,
    ],
    [
      'ALLOW_INSECURE_URLS in production',
      { ALLOW_INSECURE_URLS: 'true', NODE_ENV: 'production' },
      /ALLOW_INSECURE_URLS: must not be true when NODE_ENV=production/,
    ],
    [
      'VAULT_TRUST_PROXY=true (any client could pick its address)',
      { VAULT_TRUST_PROXY: 'true' },
      /VAULT_TRUST_PROXY: must be a hop count/,
    ],
    [
      'a VAULT_TRUST_PROXY entry that is no address',
      { VAULT_TRUST_PROXY: '10.0.0.0/8,proxy.lan' },
      /VAULT_TRUST_PROXY: entry "proxy\.lan" is not an IP address/,
    ],
    [
      'a MASTODON_PRIVATE_INSTANCE_ALLOWLIST entry with a path',
      { MASTODON_PRIVATE_INSTANCE_ALLOWLIST: 'http://127.0.0.1:3020/mastodon/alpha' },
      /MASTODON_PRIVATE_INSTANCE_ALLOWLIST: entry "http:\/\/127\.0\.0\.1:3020\/mastodon\/alpha" must be an origin/,
    ],
    [
      'a bad cron expression',
      { VAULT_REFRESH_CRON: 'every minute' },
      /VAULT_REFRESH_CRON: is not a valid cron expression/,
    ],
    [
      'a bad webhook URL',
      { VAULT_EVENTS_WEBHOOK_URL: 'ftp://x' },
      /VAULT_EVENTS_WEBHOOK_URL: must be an http\(s\) URL/,
    ],
  ])('stops on %s with one line naming the variable', (_name, overrides, message) => {
    const text = configError({ ...base, ...overrides });
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
  });

  it('never echoes a secret value and registers every configured secret with the redactor', () => {
    const serviceSecret = 'svc-secret-abcdefghijklmnop';
    const text = configError({
      ...base,
      VAULT_SERVICE_TOKENS: `good:x:${serviceSecret},bad:nowhere:other-secret-abcdefghij`,
      VAULT_ENCRYPTION_KEYS: `k1:${KEY},k0:${Buffer.alloc(31, 9).toString('base64')}`,
    });
    expect(text).not.toContain(serviceSecret);
    expect(text).not.toContain(KEY);
    loadVaultConfig({ ...base, VAULT_SERVICE_TOKENS: `good:x:${serviceSecret}` });
    expect(redactText(`a ${BROKER_KEY} b ${serviceSecret} c ${KEY}`)).toBe(
      'a [REDACTED] b [REDACTED] c [REDACTED]',
    );
  });
});

describe('loadVaultStorageConfig', () => {
  it('needs only DATABASE_URL and VAULT_ENCRYPTION_KEYS', () => {
    const config = loadVaultStorageConfig({
      DATABASE_URL: base.DATABASE_URL,
      VAULT_ENCRYPTION_KEYS: base.VAULT_ENCRYPTION_KEYS,
    });
    expect(config.keyRing.keyIds).toEqual(['k1']);
  });
});
