// `pnpm start`'s plan: the broker among the services, single-tenant, wired to the simulator's apps like the vault.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadBrokerConfig } from '@socialvault/broker';
import { parseKeyRing } from '@socialvault/common';
import { AUTHORIZE_PATHS, simProviderEnv } from '@socialvault/platform-sim';
import { resolveStackSecrets, type StackSecrets } from '../scripts/stack/dev-secrets';
import { planStack, type StackPlan } from '../scripts/stack/plan';
import { MCP_SERVERS } from '../scripts/stack/services';
import buildEntries from '../scripts/build-entries.json';

const SIM = 'http://127.0.0.1:3020';
const BROKER = 'http://127.0.0.1:3030';

const secrets: StackSecrets = {
  brokerApiKey: 'broker-api-key-0123456789',
  brokerAdminToken: 'broker-admin-token-0123456789',
  brokerEncryptionKeys: `b1:${Buffer.alloc(32, 7).toString('base64')}`,
  serviceTokens: Object.fromEntries(
    MCP_SERVERS.map((s) => [s.serviceName, `${s.serviceName}-secret-0123456789`]),
  ),
  vaultServiceTokens: 'x-mcp:x:x-mcp-secret-0123456789',
  generated: [],
};

function plan(env: NodeJS.ProcessEnv = {}): StackPlan {
  let n = 0;
  return planStack({
    env,
    dataDir: '/tmp/sv-data',
    secrets,
    databaseUrl: 'postgres://postgres:postgres@127.0.0.1:5555/postgres',
    brokerDatabaseUrl: 'postgres://postgres:postgres@127.0.0.1:5555/broker',
    makeSecret: () => `sim-app-secret-${++n}`,
  });
}

const envOf = (stack: StackPlan, name: string): NodeJS.ProcessEnv => {
  const service = stack.services.find((candidate) => candidate.name === name);
  if (!service) throw new Error(`no service ${name}`);
  return service.env;
};

describe('pnpm start plan, every platform simulated', () => {
  const stack = plan();
  const broker = envOf(stack, 'broker');
  const vault = envOf(stack, 'vault');

  it('runs the broker after the simulator and the vault, health-checked on its own port', () => {
    expect(stack.services.map((service) => service.name)).toEqual([
      'platform-sim',
      'vault',
      'broker',
      ...MCP_SERVERS.map((server) => server.packageDir),
    ]);
    const service = stack.services.find((candidate) => candidate.name === 'broker')!;
    expect(service.entry).toBe('dist/broker.js');
    expect(service.healthUrl).toBe(`${BROKER}/health`);
    expect(stack.brokerUrl).toBe(BROKER);
  });

  it('runs every service from its bundle of `pnpm build` (dist/<name>.js), never from TypeScript', () => {
    expect(stack.services.map((service) => service.entry)).toEqual(
      stack.services.map((service) => `dist/${service.name}.js`),
    );
    for (const service of stack.services) {
      const source = buildEntries[service.name as keyof typeof buildEntries];
      expect({ service: service.name, source: source && fs.existsSync(source) }).toEqual({
        service: service.name,
        source: true,
      });
    }
  });

  it('gives the broker single-tenant mode on the local vault, its own database and the run secrets', () => {
    expect(broker).toMatchObject({
      BROKER_PORT: '3030',
      BROKER_PUBLIC_URL: BROKER,
      BROKER_DATABASE_URL: 'postgres://postgres:postgres@127.0.0.1:5555/broker',
      BROKER_ENCRYPTION_KEYS: secrets.brokerEncryptionKeys,
      BROKER_ADMIN_TOKEN: secrets.brokerAdminToken,
      VAULT_INGRESS_URL: 'http://127.0.0.1:3006',
      BROKER_API_KEY: secrets.brokerApiKey,
      ALLOW_INSECURE_URLS: 'true',
      MASTODON_PRIVATE_INSTANCE_ALLOWLIST: SIM,
    });
    expect(vault.BROKER_API_KEY).toBe(secrets.brokerApiKey);
    expect(vault.DATABASE_URL).toBe('postgres://postgres:postgres@127.0.0.1:5555/postgres');
    const config = loadBrokerConfig(broker);
    expect(config.localVault).toEqual({ vaultUrl: 'http://127.0.0.1:3006', apiKey: secrets.brokerApiKey });
    expect(config.mastodonPrivateAllowlist).toEqual([SIM]);
  });

  it("points the broker's authorize pages and token hosts at the simulator's paths", () => {
    const { urls } = loadBrokerConfig(broker);
    expect(urls).toMatchObject({
      metaDialogUrl: `${SIM}${AUTHORIZE_PATHS.facebook}`,
      instagramOAuthUrl: `${SIM}${AUTHORIZE_PATHS.instagram}`,
      threadsOAuthUrl: `${SIM}${AUTHORIZE_PATHS.threads}`,
      xAuthorizeUrl: `${SIM}${AUTHORIZE_PATHS.x}`,
      instagramApiUrl: `${SIM}/instagram-api`,
      metaGraphUrl: `${SIM}/v25.0`,
      xApiUrl: `${SIM}/x`,
      linkedinApiUrl: `${SIM}/linkedin`,
    });
    expect(`${urls.linkedinOAuthUrl}/authorization`).toBe(`${SIM}${AUTHORIZE_PATHS.linkedin}`);
    // Every provider URL the simulator serves, as the simulator itself names them.
    expect(broker).toMatchObject(simProviderEnv(SIM));
  });

  it('registers one simulator app per provider with the broker redirect URI, and hands its credentials to broker and vault', () => {
    expect(stack.simulatorApps.map((app) => [app.endpoint, app.redirect_uris])).toEqual([
      ['facebook', [`${BROKER}/callback/instagram`]],
      ['instagram', [`${BROKER}/callback/instagram`]],
      ['threads', [`${BROKER}/callback/threads`]],
      ['x', [`${BROKER}/callback/x`]],
      ['linkedin', [`${BROKER}/callback/linkedin`]],
    ]);
    const byEndpoint = Object.fromEntries(stack.simulatorApps.map((app) => [app.endpoint, app]));
    for (const [endpoint, idVar, secretVar] of [
      ['facebook', 'META_APP_ID', 'META_APP_SECRET'],
      ['instagram', 'INSTAGRAM_APP_ID', 'INSTAGRAM_APP_SECRET'],
      ['threads', 'THREADS_APP_ID', 'THREADS_APP_SECRET'],
      ['x', 'X_CLIENT_ID', 'X_CLIENT_SECRET'],
      ['linkedin', 'LINKEDIN_CLIENT_ID', 'LINKEDIN_CLIENT_SECRET'],
    ] as const) {
      const app = byEndpoint[endpoint]!;
      for (const env of [broker, vault]) {
        expect({ endpoint, id: env[idVar], secret: env[secretVar] }).toEqual({
          endpoint,
          id: app.client_id,
          secret: app.client_secret,
        });
      }
    }
    expect(new Set(stack.simulatorApps.map((app) => app.client_secret)).size).toBe(5);
    expect(byEndpoint.linkedin!.programmatic_refresh).toBe(true);
    expect(Object.values(loadBrokerConfig(broker).apps).every(Boolean)).toBe(true);
  });

  it('asks for a start link per flow: both Instagram logins, Threads, X, LinkedIn and Mastodon', () => {
    expect(stack.connectTargets).toEqual([
      { platform: 'instagram', login: 'facebook' },
      { platform: 'instagram', login: 'instagram' },
      { platform: 'threads' },
      { platform: 'x' },
      { platform: 'linkedin' },
      { platform: 'mastodon' },
    ]);
  });
});

describe('pnpm start plan with real platforms', () => {
  it('keeps a platform with a base URL on the real provider: no simulator app, its .env app, no simulator URLs', () => {
    const stack = plan({
      X_API_URL: 'https://api.x.com',
      X_CLIENT_ID: 'real-x-client',
      X_CLIENT_SECRET: 'real-x-secret',
      BROKER_PUBLIC_URL: 'https://connect.example.com/',
    });
    const broker = envOf(stack, 'broker');
    expect(stack.simulatorApps.map((app) => app.endpoint)).not.toContain('x');
    expect(broker).toMatchObject({ X_CLIENT_ID: 'real-x-client', X_CLIENT_SECRET: 'real-x-secret' });
    expect(broker.X_OAUTH_AUTHORIZE_URL).toBeUndefined();
    expect(loadBrokerConfig(broker).urls.xAuthorizeUrl).toBe('https://x.com/i/oauth2/authorize');
    expect(envOf(stack, 'vault').X_CLIENT_ID).toBe('real-x-client');
    expect(stack.connectTargets).toContainEqual({ platform: 'x' });
    // Redirect URIs follow BROKER_PUBLIC_URL.
    expect(stack.brokerUrl).toBe('https://connect.example.com');
    expect(stack.simulatorApps[0]!.redirect_uris).toEqual(['https://connect.example.com/callback/instagram']);
  });

  it('runs no simulator when every platform has a base URL, and offers start links only for configured apps', () => {
    const stack = plan({
      META_GRAPH_URL: 'https://graph.facebook.com/v25.0',
      THREADS_API_URL: 'https://graph.threads.net/v1.0',
      X_API_URL: 'https://api.x.com',
      LINKEDIN_API_URL: 'https://api.linkedin.com',
      LINKEDIN_CLIENT_ID: 'real-li',
      LINKEDIN_CLIENT_SECRET: 'real-li-secret',
    });
    expect(stack.simulatorUrl).toBeNull();
    expect(stack.services.map((service) => service.name)).not.toContain('platform-sim');
    expect(stack.simulatorApps).toEqual([]);
    expect(envOf(stack, 'broker').ALLOW_INSECURE_URLS).toBeUndefined();
    expect(stack.connectTargets).toEqual([{ platform: 'linkedin' }, { platform: 'mastodon' }]);
  });
});

describe('resolveStackSecrets', () => {
  it("keeps the broker's dev key ring under the data directory across runs and generates the admin token per run", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sv-stack-secrets-'));
    try {
      const first = resolveStackSecrets({}, MCP_SERVERS, dataDir);
      const second = resolveStackSecrets({}, MCP_SERVERS, dataDir);
      expect(second.brokerEncryptionKeys).toBe(first.brokerEncryptionKeys);
      expect(parseKeyRing(first.brokerEncryptionKeys).activeKeyId).toMatch(/^bdev-/);
      expect(fs.statSync(path.join(dataDir, 'broker-encryption.key')).mode & 0o777).toBe(0o600);
      expect(first.generated).toEqual(
        expect.arrayContaining(['BROKER_API_KEY', 'BROKER_ADMIN_TOKEN', 'VAULT_SERVICE_TOKENS']),
      );
      expect(second.brokerAdminToken).not.toBe(first.brokerAdminToken);
      const fromEnv = resolveStackSecrets(
        {
          BROKER_ADMIN_TOKEN: 'admin-from-env-0123456789',
          BROKER_ENCRYPTION_KEYS: secrets.brokerEncryptionKeys,
        },
        MCP_SERVERS,
        dataDir,
      );
      expect(fromEnv.brokerAdminToken).toBe('admin-from-env-0123456789');
      expect(fromEnv.brokerEncryptionKeys).toBe(secrets.brokerEncryptionKeys);
      expect(fromEnv.generated).not.toContain('BROKER_ADMIN_TOKEN');
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
