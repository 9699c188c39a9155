import { ConfigError, redactText } from '@socialvault/common';
import { loadRefreshConfig } from './refresh-config';

function configError(env: NodeJS.ProcessEnv): string {
  try {
    loadRefreshConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadRefreshConfig', () => {
  it('applies the documented defaults: real token endpoints, no apps, every 10 minutes, 4 in flight', () => {
    expect(loadRefreshConfig({})).toEqual({
      cron: '*/10 * * * *',
      concurrency: 4,
      providerTimeoutMs: 10_000,
      endpoints: {
        metaGraphUrl: 'https://graph.facebook.com/v25.0',
        instagramGraphUrl: 'https://graph.instagram.com',
        threadsTokenUrl: 'https://graph.threads.net',
        xApiUrl: 'https://api.x.com',
        linkedinOAuthUrl: 'https://www.linkedin.com/oauth/v2',
      },
      apps: {},
    });
  });

  it('reads app credentials, the webhook with its secret, and simulator URLs with ALLOW_INSECURE_URLS', () => {
    const config = loadRefreshConfig({
      META_APP_ID: '123',
      META_APP_SECRET: 'meta-secret-0123456789',
      X_CLIENT_ID: 'x-client',
      LINKEDIN_CLIENT_ID: 'li-client',
      LINKEDIN_CLIENT_SECRET: 'li-secret-0123456789',
      VAULT_EVENTS_WEBHOOK_URL: 'http://n8n:5678/webhook/reconnect',
      VAULT_EVENTS_SECRET: 'events-secret-0123456789',
      VAULT_REFRESH_CONCURRENCY: '8',
      THREADS_API_URL: 'http://127.0.0.1:3020/threads/v1.0/',
      X_API_URL: 'http://127.0.0.1:3020/x',
      ALLOW_INSECURE_URLS: 'true',
    });
    expect(config.apps).toEqual({
      meta: { appId: '123', appSecret: 'meta-secret-0123456789' },
      x: { clientId: 'x-client' },
      linkedin: { clientId: 'li-client', clientSecret: 'li-secret-0123456789' },
    });
    expect(config.endpoints.threadsTokenUrl).toBe('http://127.0.0.1:3020/threads');
    expect(config.endpoints.xApiUrl).toBe('http://127.0.0.1:3020/x');
    expect(config).toMatchObject({ concurrency: 8, eventsSecret: 'events-secret-0123456789' });
    expect(redactText('meta-secret-0123456789 events-secret-0123456789')).not.toContain('secret-0123');
  });

  it.each([
    [{ META_APP_ID: '123' }, 'META_APP_SECRET: is required when META_APP_ID is set'],
    [{ X_CLIENT_SECRET: 'x-secret-0123456789' }, 'X_CLIENT_ID: is required when X_CLIENT_SECRET is set'],
    [
      { LINKEDIN_CLIENT_SECRET: 'li-secret-0123' },
      'LINKEDIN_CLIENT_ID: is required when LINKEDIN_CLIENT_SECRET is set',
    ],
    [
      { VAULT_EVENTS_WEBHOOK_URL: 'https://hooks.example/x' },
      'VAULT_EVENTS_SECRET: is required when VAULT_EVENTS_WEBHOOK_URL is set',
    ],
    [{ VAULT_EVENTS_SECRET: 'short' }, 'VAULT_EVENTS_SECRET: must be at least 16 characters'],
    [{ X_API_URL: 'http://127.0.0.1:3020/x' }, 'X_API_URL: must be an https URL'],
    [{ VAULT_REFRESH_CONCURRENCY: '0' }, 'VAULT_REFRESH_CONCURRENCY: must be between 1 and 64'],
    [{ VAULT_REFRESH_CRON: 'every minute' }, 'VAULT_REFRESH_CRON: is not a valid cron expression'],
  ])('refuses %j', (env, message) => {
    expect(configError(env)).toContain(message);
  });

  it('never echoes a secret in its error', () => {
    const message = configError({ META_APP_SECRET: 'meta-secret-canary-0123456789' });
    expect(message).not.toContain('canary');
  });

  it('strips the version from THREADS_API_URL for the refresh endpoint', () => {
    const tokenUrl = (THREADS_API_URL: string) =>
      loadRefreshConfig({ THREADS_API_URL, ALLOW_INSECURE_URLS: 'true' }).endpoints.threadsTokenUrl;
    expect(tokenUrl('http://sim/threads/v1.0')).toBe('http://sim/threads');
    expect(tokenUrl('https://proxy.example/threads')).toBe('https://proxy.example/threads');
  });
});
