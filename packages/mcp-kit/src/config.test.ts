// Server configuration from the environment: defaults, the server's own variables, and one-line failures.
import { z } from 'zod';
import { ConfigError } from '@socialvault/common';
import { loadMcpConfig, toToolConfig } from './config';

const spec = {
  defaultPort: 3005,
  configSchema: z
    .object({ META_GRAPH_URL: z.url().default('https://graph.facebook.com/v25.0') })
    .transform((env) => ({ metaGraphUrl: env.META_GRAPH_URL })),
};
const required = { VAULT_URL: 'http://vault:3007', VAULT_TOKEN: 'svc-secret-config-123' };

describe('loadMcpConfig', () => {
  it('applies defaults and merges the server’s own variables', () => {
    expect(loadMcpConfig(spec, required)).toEqual({
      port: 3005,
      host: '0.0.0.0',
      vaultUrl: 'http://vault:3007',
      vaultToken: 'svc-secret-config-123',
      mcpAuthToken: undefined,
      logLevel: 'info',
      allowInsecureUrls: false,
      mediaAllowPrivateUrls: false,
      vaultTimeoutMs: 5000,
      credentialCacheMaxAgeMs: 300_000,
      idempotencyLeaseS: 60,
      idempotencyWaitMs: 30_000,
      metaGraphUrl: 'https://graph.facebook.com/v25.0',
    });
  });

  it('reads every variable, treating empty strings as unset', () => {
    const config = loadMcpConfig(spec, {
      ...required,
      PORT: '0',
      HOST: '127.0.0.1',
      MCP_AUTH_TOKEN: 'a-long-enough-auth-token',
      ALLOW_INSECURE_URLS: 'true',
      MEDIA_ALLOW_PRIVATE_URLS: '',
      VAULT_CACHE_MAX_AGE_S: '30',
      IDEMPOTENCY_LEASE_S: '5',
      IDEMPOTENCY_WAIT_S: '0',
      META_GRAPH_URL: 'http://127.0.0.1:4010/v25.0',
    });
    expect(config).toMatchObject({
      port: 0,
      host: '127.0.0.1',
      mcpAuthToken: 'a-long-enough-auth-token',
      allowInsecureUrls: true,
      mediaAllowPrivateUrls: false,
      credentialCacheMaxAgeMs: 30_000,
      idempotencyLeaseS: 5,
      idempotencyWaitMs: 0,
      metaGraphUrl: 'http://127.0.0.1:4010/v25.0',
    });
  });

  it('fails with one line naming each bad variable, without echoing values', () => {
    const attempt = () =>
      loadMcpConfig(spec, { VAULT_TOKEN: 'svc-secret-config-123', PORT: 'eighty', META_GRAPH_URL: 'nope' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/^Invalid configuration: PORT: .*; VAULT_URL: is required/);
    try {
      attempt();
    } catch (error) {
      expect(String(error)).not.toContain('svc-secret-config-123');
      expect(String(error)).not.toContain('\n');
    }
    expect(() => loadMcpConfig(spec, { ...required, META_GRAPH_URL: 'nope' })).toThrow(/META_GRAPH_URL/);
  });

  it('keeps the service’s own secrets away from tools', () => {
    const toolConfig = toToolConfig(
      loadMcpConfig(spec, { ...required, MCP_AUTH_TOKEN: 'a-long-enough-auth-token' }),
    );
    expect(JSON.stringify(toolConfig)).not.toContain('svc-secret-config-123');
    expect(JSON.stringify(toolConfig)).not.toContain('a-long-enough-auth-token');
    expect(toolConfig).toMatchObject({ vaultUrl: 'http://vault:3007', metaGraphUrl: expect.any(String) });
  });
});
