// Five MCP servers on a simulator and a vault, with one connected account each, for the media tests: every
// platform's credential stored through the broker ingress, an SDK client per server, and the admin views.
import crypto from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
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
import type { DemoContext } from '../../scripts/demo/threads-x';
import { postJson, storeCredential } from '../../scripts/post-json';

export { IG_USER_ID, SUB, THREADS_USER_ID, X_USER_ID };

export type Platform = 'instagram' | 'threads' | 'x' | 'linkedin' | 'mastodon';
export const PLATFORMS: Platform[] = ['instagram', 'threads', 'x', 'linkedin', 'mastodon'];
const BROKER_KEY = crypto.randomBytes(24).toString('hex');
const secretOf = (platform: Platform) => `svc-${platform}-${crypto.randomBytes(12).toString('hex')}`;
const SERVICE_SECRETS = Object.fromEntries(PLATFORMS.map((p) => [p, secretOf(p)])) as Record<
  Platform,
  string
>;
export const TOKENS: Record<Platform, string> = {
  instagram: `EAAig${crypto.randomBytes(16).toString('hex')}`,
  threads: `THAA${crypto.randomBytes(16).toString('hex')}`,
  x: `xat${crypto.randomBytes(16).toString('hex')}`,
  linkedin: `AQV${crypto.randomBytes(16).toString('hex')}`,
  mastodon: `masto${crypto.randomBytes(16).toString('hex')}`,
};
export const specs: Record<Platform, McpServerSpec<object>> = {
  instagram: instagramServerSpec as unknown as McpServerSpec<object>,
  threads: threadsServerSpec as unknown as McpServerSpec<object>,
  x: xServerSpec as unknown as McpServerSpec<object>,
  linkedin: linkedinServerSpec as unknown as McpServerSpec<object>,
  mastodon: mastodonServerSpec as unknown as McpServerSpec<object>,
};

/** The running stack; `close` stops everything it started (servers from `startServer` too). */
export interface FivePlatformStack {
  sim: PlatformSim;
  vault: RunningVault;
  /** The vault's BROKER_API_KEY, for storing further credentials through its ingress. */
  brokerApiKey: string;
  /** MEDIA_STORE_DIR of every server started here. */
  mediaDir: string;
  servers: Map<Platform, RunningMcpHttpServer>;
  clients: Map<Platform, Client>;
  /** Another server of `platform` with extra environment (e.g. a bucket), closed by `close`. */
  startServer(platform: Platform, overrides: Record<string, string>): Promise<RunningMcpHttpServer>;
  close(): Promise<void>;
}

let sim: PlatformSim;
let vault: RunningVault;
let mediaDir: string;

function serverEnv(platform: Platform, overrides: Record<string, string> = {}): Record<string, string> {
  return simServerEnv(
    platform,
    sim,
    { vaultUrl: vault.internalUrl, vaultToken: SERVICE_SECRETS[platform] },
    { MEDIA_STORE_DIR: mediaDir, ...overrides },
  );
}

/** What the simulator's admin GETs show: containers with what was fetched, uploaded media and images. */
export interface AdminView {
  containers: { id: string; imageUrl?: string; fetchedMedia?: Record<string, unknown> }[];
  media: unknown[];
  images: unknown[];
}

export async function admin(method: 'GET' | 'POST', route: string, body?: unknown): Promise<AdminView> {
  const response = await fetch(`${sim.url}/_sim${route}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`simulator ${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as AdminView;
}

export async function connect(server: RunningMcpHttpServer): Promise<Client> {
  const client = new Client({ name: 'inline-media-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(server.mcpUrl)));
  return client;
}

export async function call(client: Client, name: string, args: Record<string, unknown>) {
  const result = await client.callTool({ name, arguments: args });
  return {
    isError: Boolean(result.isError),
    body: result.structuredContent ?? JSON.parse((result.content as { text: string }[])[0]!.text),
  };
}

/**
 * A `pnpm demo` section context over `stack`: step lines go to `steps`; credentials are stored through the
 * vault's broker ingress, or, with `storing` false (a section that must store nothing), every store fails.
 */
export function demoContextOf(stack: FivePlatformStack, steps: string[], storing = true): DemoContext {
  const refuse = () => Promise.reject(new Error('the section stores nothing'));
  return {
    stack: {
      vaultIngressUrl: stack.vault.ingressUrl,
      simulatorUrl: stack.sim.url,
      mcpServers: [...stack.servers].map(([platform, server]) => ({
        name: platform,
        platform,
        url: server.mcpUrl,
      })),
    },
    step: (n, title) => void steps.push(`${n} ${title}`),
    postJson: storing ? postJson : refuse,
    storeCredential: storing
      ? (payload) => storeCredential(stack.vault.ingressUrl, stack.brokerApiKey, payload)
      : refuse,
  };
}

/** Starts the simulator, the vault and the five servers, and connects one account per platform. */
export async function startFivePlatformStack(): Promise<FivePlatformStack> {
  const servers = new Map<Platform, RunningMcpHttpServer>();
  const clients = new Map<Platform, Client>();
  const extra: RunningMcpHttpServer[] = [];
  mediaDir = await fs.mkdtemp(path.join(os.tmpdir(), 'inline-media-e2e-'));
  const db = await createFastTestDatabase('inline_media');
  sim = await startPlatformSim();
  vault = await startVault(
    loadVaultConfig(
      ephemeralVaultEnv(db.url, {
        BROKER_API_KEY: BROKER_KEY,
        VAULT_ENCRYPTION_KEYS: `k1:${crypto.randomBytes(32).toString('base64')}`,
        VAULT_SERVICE_TOKENS: PLATFORMS.map((p) => `${p}-mcp:${p}:${SERVICE_SECRETS[p]}`).join(','),
        ALLOW_INSECURE_URLS: 'true',
        MASTODON_PRIVATE_INSTANCE_ALLOWLIST: new URL(sim.url).origin,
      }),
    ),
  );
  await admin('POST', '/instagram/accounts', {
    access_token: TOKENS.instagram,
    ig_user_id: IG_USER_ID,
    username: 'gen_ig',
    name: 'Gen',
    followers_count: 10,
  });
  await admin('POST', '/threads/accounts', {
    access_token: TOKENS.threads,
    threads_user_id: THREADS_USER_ID,
    username: 'gen_th',
    name: 'Gen',
    followers_count: 10,
  });
  await admin('POST', '/x/users', {
    access_token: TOKENS.x,
    refresh_token: `${TOKENS.x}r`,
    user_id: X_USER_ID,
    username: 'gen_x',
    name: 'Gen',
    followers_count: 10,
    following_count: 1,
  });
  await admin('POST', '/linkedin/members', {
    access_token: TOKENS.linkedin,
    sub: SUB,
    name: 'Gen',
    email: 'gen@example.com',
    scopes: SCOPES,
  });
  await admin('POST', '/mastodon/instances', { name: 'alpha', max_characters: 500 });
  await admin('POST', '/mastodon/accounts', {
    instance: 'alpha',
    access_token: TOKENS.mastodon,
    username: 'gen',
    display_name: 'Gen',
    followers_count: 1,
  });
  for (const payload of [
    { access_token: TOKENS.instagram, ...META_PAYLOAD },
    threadsPayload(TOKENS.threads),
    xPayload(TOKENS.x, `${TOKENS.x}r`),
    linkedinPayload(SUB, TOKENS.linkedin, SCOPES),
    mastodonPayload('gen@alpha', TOKENS.mastodon, sim.mastodonUrl('alpha'), 'gen'),
  ]) {
    const stored = await fetch(`${vault.ingressUrl}/api/credentials`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': BROKER_KEY },
      body: JSON.stringify(payload),
    });
    if (stored.status !== 201) throw new Error(`the vault refused a credential: ${stored.status}`);
  }
  for (const platform of PLATFORMS) {
    const server = await startMcpHttpServer(specs[platform], {
      config: loadMcpConfig(specs[platform], serverEnv(platform)),
    });
    servers.set(platform, server);
    clients.set(platform, await connect(server));
  }

  return {
    sim,
    vault,
    brokerApiKey: BROKER_KEY,
    mediaDir,
    servers,
    clients,
    startServer: async (platform, overrides) => {
      const server = await startMcpHttpServer(specs[platform], {
        config: loadMcpConfig(specs[platform], serverEnv(platform, overrides)),
      });
      extra.push(server);
      return server;
    },
    close: async () => {
      for (const client of clients.values()) await client.close().catch(() => undefined);
      for (const server of [...servers.values(), ...extra]) await server.close({ graceMs: 0 });
      await vault.close();
      await sim.close();
      await db.drop();
      await fs.rm(mediaDir, { recursive: true, force: true });
    },
  };
}
