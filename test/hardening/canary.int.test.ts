// Canary secrets across every package in one run: unique canary tokens, keys and secrets seeded into the vault,
// the simulator and all five MCP servers; happy and error paths driven through the broker, the token route,
// the MCP SDK client and the plain form; then no canary may appear in any log line, HTTP answer (but the token
// route's answers to an authorised service), error, metric scrape or audit row.
import crypto from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Pool } from 'pg';
import sharp from 'sharp';
import { captureLogs, type ScratchDatabase } from '@socialvault/common/testing';
import { instagramServerSpec } from '@socialvault/mcp-instagram';
import {
  loadMcpConfig,
  startMcpHttpServer,
  type McpServerSpec,
  type RunningMcpHttpServer,
} from '@socialvault/mcp-kit';
import { linkedinServerSpec } from '@socialvault/mcp-linkedin';
import { mastodonServerSpec } from '@socialvault/mcp-mastodon';
import { threadsServerSpec } from '@socialvault/mcp-threads';
import { xServerSpec } from '@socialvault/mcp-x';
import { startPlatformSim, type PlatformSim } from '@socialvault/platform-sim';
import { ephemeralVaultEnv, loadVaultConfig, startVault, type RunningVault } from '@socialvault/vault';
import { createFastTestDatabase } from '@socialvault/vault/test/hardening-fixtures';
import { IG_USER_ID, META_PAYLOAD } from '@socialvault/mcp-instagram/test/fixtures';
import { brokerPayload as linkedinPayload, SCOPES, SUB } from '@socialvault/mcp-linkedin/test/fixtures';
import { brokerPayload as mastodonPayload } from '@socialvault/mcp-mastodon/test/fixtures';
import { threadsPayload, THREADS_USER_ID } from '@socialvault/mcp-threads/test/fixtures';
import { xPayload, X_USER_ID } from '@socialvault/mcp-x/test/fixtures';
import { simServerEnv } from '@socialvault/testkit';

jest.setTimeout(120_000);

const canary = (label: string) => `CANARY${label}${crypto.randomBytes(12).toString('hex')}`;
const C = {
  brokerKey: canary('broker'),
  wrongKey: canary('wrongkey'),
  encryptionKey: crypto.randomBytes(32).toString('base64'),
  mcpAuth: canary('mcpauth'),
  eventsSecret: canary('events'),
  metaSecret: canary('metasecret'),
  xSecret: canary('xsecret'),
  linkedinSecret: canary('lisecret'),
  n8n: canary('n8n'),
  mediaStoreSecret: canary('s3secret'),
  services: {
    instagram: canary('svcig'),
    threads: canary('svcth'),
    x: canary('svcx'),
    linkedin: canary('svcli'),
    mastodon: canary('svcma'),
  },
  tokens: {
    instagram: canary('EAAig'),
    threads: canary('THAAth'),
    x: canary('xat'),
    xRefresh: canary('xrt'),
    linkedin: canary('AQVli'),
    mastodon: canary('masto'),
  },
};
const ALL_CANARIES = [
  C.brokerKey,
  C.wrongKey,
  C.encryptionKey,
  C.mcpAuth,
  C.eventsSecret,
  C.metaSecret,
  C.xSecret,
  C.linkedinSecret,
  C.n8n,
  C.mediaStoreSecret,
  ...Object.values(C.services),
  ...Object.values(C.tokens),
];
type Platform = keyof typeof C.services;

let capture: ReturnType<typeof captureLogs>;
let db: ScratchDatabase;
let pool: Pool;
let vault: RunningVault;
let sim: PlatformSim;
const servers = new Map<Platform, RunningMcpHttpServer>();
const extraServers: RunningMcpHttpServer[] = [];
const clients: Client[] = [];
/** Every answer that may not carry a secret, as text. */
const answers: string[] = [];
/** Answers of the token route to an authorised service: they carry the token by design. */
let authorisedTokenAnswers = 0;

async function send(url: string, init: RequestInit = {}, { tokenRoute = false } = {}): Promise<Response> {
  const response = await fetch(url, init);
  const text = await response.clone().text();
  const headers = JSON.stringify([...response.headers.entries()]);
  if (tokenRoute && response.status === 200) authorisedTokenAnswers += 1;
  else answers.push(`${response.status} ${headers} ${text}`);
  return response;
}
const recordingFetch: typeof fetch = (input, init) =>
  send(String(input instanceof Request ? input.url : input), init);

const specs: Record<Platform, McpServerSpec<object>> = {
  instagram: instagramServerSpec as unknown as McpServerSpec<object>,
  threads: threadsServerSpec as unknown as McpServerSpec<object>,
  x: xServerSpec as unknown as McpServerSpec<object>,
  linkedin: linkedinServerSpec as unknown as McpServerSpec<object>,
  mastodon: mastodonServerSpec as unknown as McpServerSpec<object>,
};

function serverEnv(platform: Platform, overrides: Record<string, string> = {}): Record<string, string> {
  return simServerEnv(
    platform,
    sim,
    { vaultUrl: vault.internalUrl, vaultToken: C.services[platform] },
    { MCP_AUTH_TOKEN: C.mcpAuth, ...overrides },
  );
}

async function admin(path: string, body: unknown): Promise<void> {
  const response = await fetch(`${sim.url}/_sim${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`simulator ${path}: ${response.status} ${await response.text()}`);
}

const broker = (payload: unknown, key = C.brokerKey) =>
  send(`${vault.ingressUrl}/api/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: JSON.stringify(payload),
  });
const plain = (server: RunningMcpHttpServer, body: unknown, auth = C.mcpAuth) =>
  send(server.mcpUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${auth}` },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  capture = captureLogs();
  db = await createFastTestDatabase('canary_all');
  pool = new Pool({ connectionString: db.url, max: 2 });
  sim = await startPlatformSim();
  vault = await startVault(
    loadVaultConfig(
      ephemeralVaultEnv(db.url, {
        BROKER_API_KEY: C.brokerKey,
        VAULT_ENCRYPTION_KEYS: `k1:${C.encryptionKey}`,
        VAULT_SERVICE_TOKENS: [
          ...(Object.keys(C.services) as Platform[]).map((p) => `${p}-mcp:${p}:${C.services[p]}`),
          `n8n:*:${C.n8n}:metadata`,
        ].join(','),
        ALLOW_INSECURE_URLS: 'true',
        MASTODON_PRIVATE_INSTANCE_ALLOWLIST: new URL(sim.url).origin,
        META_APP_ID: 'canary-app',
        META_APP_SECRET: C.metaSecret,
        X_CLIENT_ID: 'canary-client',
        X_CLIENT_SECRET: C.xSecret,
        LINKEDIN_CLIENT_ID: 'canary-li',
        LINKEDIN_CLIENT_SECRET: C.linkedinSecret,
        VAULT_EVENTS_WEBHOOK_URL: `${sim.url}/_sim/nowhere`,
        VAULT_EVENTS_SECRET: C.eventsSecret,
      }),
    ),
  );
  await admin('/instagram/accounts', {
    access_token: C.tokens.instagram,
    ig_user_id: IG_USER_ID,
    username: 'canary_ig',
    name: 'Canary',
    followers_count: 10,
  });
  await admin('/threads/accounts', {
    access_token: C.tokens.threads,
    threads_user_id: THREADS_USER_ID,
    username: 'canary_th',
    name: 'Canary',
    followers_count: 10,
  });
  await admin('/x/users', {
    access_token: C.tokens.x,
    refresh_token: C.tokens.xRefresh,
    user_id: X_USER_ID,
    username: 'canary_x',
    name: 'Canary',
    followers_count: 10,
    following_count: 1,
  });
  await admin('/linkedin/members', {
    access_token: C.tokens.linkedin,
    sub: SUB,
    name: 'Canary',
    email: 'canary@example.com',
    scopes: SCOPES,
  });
  await admin('/mastodon/instances', { name: 'alpha', max_characters: 500 });
  await admin('/mastodon/accounts', {
    instance: 'alpha',
    access_token: C.tokens.mastodon,
    username: 'canary',
    display_name: 'Canary',
    followers_count: 1,
  });
  for (const platform of Object.keys(specs) as Platform[]) {
    const config = loadMcpConfig(specs[platform], serverEnv(platform));
    servers.set(platform, await startMcpHttpServer(specs[platform], { config }));
  }
});

afterAll(async () => {
  for (const client of clients) await client.close().catch(() => undefined);
  for (const server of [...servers.values(), ...extraServers]) await server.close({ graceMs: 0 });
  await vault?.close();
  await sim?.close();
  await pool?.end();
  await db?.drop();
  capture?.stop();
});

it('drives every package through happy and error paths', async () => {
  // Broker: the five credentials, then refusals (wrong key, bad payloads carrying tokens).
  for (const payload of [
    { access_token: C.tokens.instagram, ...META_PAYLOAD },
    threadsPayload(C.tokens.threads),
    xPayload(C.tokens.x, C.tokens.xRefresh),
    linkedinPayload(SUB, C.tokens.linkedin, SCOPES),
    mastodonPayload('canary@alpha', C.tokens.mastodon, sim.mastodonUrl('alpha'), 'canary'),
  ]) {
    expect((await broker(payload)).status).toBe(201);
  }
  expect((await broker(xPayload(C.tokens.x, C.tokens.xRefresh), C.wrongKey)).status).toBe(401);
  expect((await broker({ ...xPayload(C.tokens.x, C.tokens.xRefresh), platform: 'myspace' })).status).toBe(
    400,
  );
  expect((await broker({ ...xPayload(`${C.tokens.x} space`, C.tokens.xRefresh) })).status).toBe(400);
  expect(
    (
      await broker({
        ...xPayload(C.tokens.x, C.tokens.xRefresh),
        extra: { refresh_token: C.tokens.xRefresh },
      })
    ).status,
  ).toBe(400);

  // Token route: authorised (excluded from the check), refused, metadata.
  const token = (platform: string, secret: string) =>
    send(
      `${vault.internalUrl}/api/credentials/token?platform=${platform}`,
      { headers: { authorization: `Bearer ${secret}` } },
      { tokenRoute: true },
    );
  expect((await token('x', C.services.x)).status).toBe(200);
  expect((await token('x', C.services.instagram)).status).toBe(403);
  expect((await token('x', C.n8n)).status).toBe(403);
  expect((await token('x', C.wrongKey)).status).toBe(401);
  expect(
    (await send(`${vault.internalUrl}/api/credentials`, { headers: { authorization: `Bearer ${C.n8n}` } }))
      .status,
  ).toBe(200);
  expect((await send(`${vault.ingressUrl}/api/credentials/token?platform=x`)).status).toBe(404);

  // Every MCP server: SDK client and plain form, reads and a publish (by URL and with inline media), then refusals.
  const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#36c' } })
    .png()
    .toBuffer();
  const inline = { image_base64: png.toString('base64'), mime_type: 'image/png' };
  const dataUrl = { url: `data:image/png;base64,${png.toString('base64')}` };
  const calls: Array<[Platform, string, Record<string, unknown>]> = [
    ['instagram', 'publish_post', { image_url: sim.sampleImageUrl, caption: 'canary run' }],
    ['instagram', 'publish_post', { image: inline, caption: 'canary inline' }],
    ['instagram', 'get_recent_media', { limit: 2 }],
    ['threads', 'publish_post', { text: 'canary inline', image: dataUrl }],
    ['threads', 'publish_post', { text: 'canary run' }],
    ['threads', 'get_recent_posts', {}],
    ['x', 'publish_post', { text: 'canary run', media_urls: [sim.sampleImageUrl] }],
    ['x', 'publish_post', { text: 'canary inline', media: [inline] }],
    ['x', 'get_recent_posts', {}],
    ['linkedin', 'publish_post', { text: 'canary run', image_url: sim.sampleImageUrl }],
    ['linkedin', 'publish_post', { text: 'canary inline', image: dataUrl }],
    ['linkedin', 'get_recent_posts', {}],
    ['mastodon', 'publish_post', { status: 'canary run', media_urls: [sim.sampleImageUrl] }],
    ['mastodon', 'publish_post', { status: 'canary inline', media: [inline, dataUrl] }],
    ['mastodon', 'get_recent_posts', {}],
  ];
  for (const [platform, tool, args] of calls) {
    const server = servers.get(platform)!;
    const answer = await plain(server, { method: tool, params: args });
    expect({ platform, tool, status: answer.status }).toEqual({ platform, tool, status: 200 });
    const client = new Client({ name: 'canary', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(server.mcpUrl), {
        fetch: recordingFetch,
        requestInit: { headers: { authorization: `Bearer ${C.mcpAuth}` } },
      }),
    );
    clients.push(client);
    const result = await client.callTool({ name: 'get_account', arguments: {} });
    expect(result.isError).toBeFalsy();
    expect(
      (await plain(server, { method: tool, params: { ...args, bogus: C.wrongKey.length } })).status,
    ).toBe(400);
    expect((await plain(server, { method: 'tools/list' }, C.wrongKey)).status).toBe(401);
    expect((await plain(server, { method: 'no_such_tool' })).status).toBe(404);
  }

  // Platform faults and dead tokens: rate limits, 5xx, an expired X token, a wrong VAULT_TOKEN.
  await admin('/faults', { platform: 'threads', kind: 'rate_limit' });
  expect((await plain(servers.get('threads')!, { method: 'get_account' })).status).toBe(429);
  await admin('/faults', { platform: 'x', kind: 'server_error', times: 10 });
  expect((await plain(servers.get('x')!, { method: 'get_account' })).status).toBeGreaterThanOrEqual(500);
  await admin('/x/tokens/expire', { access_token: C.tokens.x });
  const expired = await plain(servers.get('x')!, { method: 'get_recent_posts' });
  expect(expired.status).toBe(401);
  const wrongVault = await startMcpHttpServer(specs.linkedin, {
    config: loadMcpConfig(specs.linkedin, serverEnv('linkedin', { VAULT_TOKEN: C.wrongKey })),
  });
  extraServers.push(wrongVault);
  expect((await plain(wrongVault, { method: 'get_account' })).status).toBe(503);
  // A media bucket that cannot be reached: the publish fails as platform_error, the store's secret nowhere.
  const noBucket = await startMcpHttpServer(specs.threads, {
    config: loadMcpConfig(
      specs.threads,
      serverEnv('threads', {
        MEDIA_STORE_BUCKET: 'canary-media',
        MEDIA_STORE_ENDPOINT: `${sim.url}/_sim/nowhere`,
        MEDIA_STORE_ACCESS_KEY_ID: 'canary-access-key',
        MEDIA_STORE_SECRET_ACCESS_KEY: C.mediaStoreSecret,
        MEDIA_STORE_FORCE_PATH_STYLE: 'true',
      }),
    ),
  });
  extraServers.push(noBucket);
  const unstored = await plain(noBucket, {
    method: 'publish_post',
    params: { text: 'canary s3', image: inline },
  });
  expect(unstored.status).toBe(502);
  expect((await send(`${wrongVault.url}/health`)).status).toBe(200);

  // Metric scrapes and health of every process.
  expect((await send(`${vault.internalUrl}/metrics`)).status).toBe(200);
  expect((await send(`${vault.internalUrl}/health`)).status).toBe(200);
  for (const server of servers.values()) {
    expect((await send(`${server.url}/metrics`)).status).toBe(200);
    expect((await send(`${server.url}/health`)).status).toBe(200);
  }
  expect(authorisedTokenAnswers).toBe(1);
  expect(answers.length).toBeGreaterThan(60);
});

describe('no canary anywhere', () => {
  it.each(ALL_CANARIES.map((value) => [value.slice(0, 14), value]))(
    '%s… is in no answer or log line',
    (_label, value) => {
      expect(answers.filter((text) => text.includes(value)).map((text) => text.slice(0, 200))).toEqual([]);
      expect(capture.lines.filter((line) => line.includes(value)).map((line) => line.slice(0, 200))).toEqual(
        [],
      );
    },
  );

  it('is in no audit row, and no token, key or secret is stored in clear', async () => {
    const audit = JSON.stringify((await pool.query('SELECT * FROM audit_events')).rows);
    const stored = JSON.stringify((await pool.query('SELECT * FROM credentials')).rows);
    expect(audit.length).toBeGreaterThan(100);
    for (const value of ALL_CANARIES) {
      expect(audit).not.toContain(value);
      expect(stored).not.toContain(value);
    }
  });

  it('saw logs from every package', () => {
    const services = new Set(capture.lines.map((line) => (JSON.parse(line) as { service?: string }).service));
    for (const service of [
      'vault',
      'socialvault-instagram',
      'socialvault-threads',
      'socialvault-x',
      'socialvault-linkedin',
      'socialvault-mastodon',
    ]) {
      expect(services).toContain(service);
    }
  });
});
