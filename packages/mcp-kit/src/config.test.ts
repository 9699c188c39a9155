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
      toolPrefix: '',
      port: 3005,
      host: '127.0.0.1',
      allowedHosts: undefined,
      allowedOrigins: [],
      maxBatch: 10,
      mediaMaxConcurrentDownloads: 8,
      mediaMaxBufferedBytes: 256 * 1024 * 1024,
      mediaFetchTimeoutMs: 15_000,
      maxBodyBytes: 16 * 1024 * 1024,
      mediaStore: {
        ttlS: 3600,
        s3: undefined,
        port: undefined,
        publicUrl: undefined,
        dir: expect.stringMatching(/socialvault-media$/),
      },
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
      MCP_ALLOWED_HOSTS: ' Instagram-MCP:3005, [::1]:3005 ,mcp.example.com',
      MCP_ALLOWED_ORIGINS: 'http://localhost:6274',
      MCP_MAX_BATCH: '1',
      MEDIA_MAX_CONCURRENT_DOWNLOADS: '2',
      MEDIA_MAX_BUFFERED_MIB: '64',
      MEDIA_FETCH_TIMEOUT_MS: '2500',
      VAULT_TIMEOUT_MS: '800',
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
      allowedHosts: ['instagram-mcp:3005', '[::1]:3005', 'mcp.example.com'],
      allowedOrigins: ['http://localhost:6274'],
      maxBatch: 1,
      mediaMaxConcurrentDownloads: 2,
      mediaMaxBufferedBytes: 64 * 1024 * 1024,
      mediaFetchTimeoutMs: 2500,
      vaultTimeoutMs: 800,
      metaGraphUrl: 'http://127.0.0.1:4010/v25.0',
    });
  });

  it('refuses allowed hosts and origins that a Host or Origin header can never carry, naming the variable', () => {
    for (const [name, value] of [
      ['MCP_ALLOWED_HOSTS', 'http://instagram-mcp:3005'],
      ['MCP_ALLOWED_HOSTS', 'instagram-mcp:3005/mcp'],
      ['MCP_ALLOWED_HOSTS', 'example.com:80'],
      ['MCP_ALLOWED_ORIGINS', 'localhost:6274'],
      ['MCP_ALLOWED_ORIGINS', 'http://localhost:6274/'],
    ]) {
      expect(() => loadMcpConfig(spec, { ...required, [name!]: value })).toThrow(
        new RegExp(`${name}: must be`),
      );
    }
    expect(() => loadMcpConfig(spec, { ...required, MEDIA_MAX_BUFFERED_MIB: '10' })).toThrow(
      /MEDIA_MAX_BUFFERED_MIB/,
    );
    expect(() => loadMcpConfig(spec, { ...required, MCP_MAX_BATCH: '0' })).toThrow(/MCP_MAX_BATCH/);
    expect(() => loadMcpConfig(spec, { ...required, MEDIA_FETCH_TIMEOUT_MS: '50' })).toThrow(
      /MEDIA_FETCH_TIMEOUT_MS: must be between 100 and 120000/,
    );
    expect(() => loadMcpConfig(spec, { ...required, ALLOW_INSECURE_URLS: 'yes' })).toThrow(
      /ALLOW_INSECURE_URLS: must be true or false/,
    );
    expect(loadMcpConfig(spec, { ...required, MCP_TOOL_PREFIX: 'instagram_' }).toolPrefix).toBe('instagram_');
    expect(() => loadMcpConfig(spec, { ...required, MCP_TOOL_PREFIX: 'Instagram-' })).toThrow(
      /MCP_TOOL_PREFIX: must be lower-case letters, digits and _/,
    );
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

  it('reads a deprecated name from the spec’s renamedEnv into its new variable, which wins when both are set', () => {
    const renaming = { ...spec, renamedEnv: { X_MEDIA_FETCH_TIMEOUT_MS: 'MEDIA_FETCH_TIMEOUT_MS' } };
    expect(
      loadMcpConfig(renaming, { ...required, X_MEDIA_FETCH_TIMEOUT_MS: '9000' }).mediaFetchTimeoutMs,
    ).toBe(9000);
    expect(
      loadMcpConfig(renaming, {
        ...required,
        X_MEDIA_FETCH_TIMEOUT_MS: '9000',
        MEDIA_FETCH_TIMEOUT_MS: '3000',
      }).mediaFetchTimeoutMs,
    ).toBe(3000);
    expect(() => loadMcpConfig(renaming, { ...required, X_MEDIA_FETCH_TIMEOUT_MS: 'soon' })).toThrow(
      /MEDIA_FETCH_TIMEOUT_MS/,
    );
  });

  it('keeps the service’s own secrets away from tools', () => {
    const toolConfig = toToolConfig(
      loadMcpConfig(spec, { ...required, MCP_AUTH_TOKEN: 'a-long-enough-auth-token' }),
    );
    expect(JSON.stringify(toolConfig)).not.toContain('svc-secret-config-123');
    expect(JSON.stringify(toolConfig)).not.toContain('a-long-enough-auth-token');
    expect(toolConfig).toMatchObject({ vaultUrl: 'http://vault:3007', metaGraphUrl: expect.any(String) });
  });

  it('reads the media store: a bucket with its key pair, kept away from tools; a half key pair is refused', () => {
    const bucket = {
      ...required,
      MEDIA_TTL_S: '600',
      MCP_MAX_BODY_MIB: '4',
      MEDIA_STORE_BUCKET: 'sv-media',
      MEDIA_STORE_ENDPOINT: 'https://acc.r2.cloudflarestorage.com/',
      MEDIA_STORE_REGION: 'auto',
      MEDIA_STORE_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      MEDIA_STORE_SECRET_ACCESS_KEY: 'media-store-secret-0123456789',
      MEDIA_STORE_FORCE_PATH_STYLE: 'true',
    };
    const config = loadMcpConfig(spec, bucket);
    expect(config.maxBodyBytes).toBe(4 * 1024 * 1024);
    expect(config.mediaStore).toMatchObject({
      ttlS: 600,
      s3: {
        bucket: 'sv-media',
        endpoint: 'https://acc.r2.cloudflarestorage.com',
        region: 'auto',
        credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'media-store-secret-0123456789' },
        forcePathStyle: true,
      },
    });
    expect(JSON.stringify(toToolConfig(config))).not.toContain('media-store-secret');
    const { MEDIA_STORE_ACCESS_KEY_ID: _id, ...half } = bucket;
    expect(() => loadMcpConfig(spec, half)).toThrow(/MEDIA_STORE_SECRET_ACCESS_KEY/);
    expect(() => loadMcpConfig(spec, { ...required, MEDIA_TTL_S: '5' })).toThrow(/MEDIA_TTL_S/);
  });
});
