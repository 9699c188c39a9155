// The broker on a scratch database, wired to the simulator (its apps registered with the broker's redirect
// URIs) and to real vaults on their own scratch databases; canary tracking of every byte that crossed a wire.
import crypto from 'node:crypto';
import { Pool } from 'pg';
import { generateKeyEntry } from '@socialvault/common';
import {
  captureLogs,
  createScratchDatabase,
  findFreePort,
  type ScratchDatabase,
} from '@socialvault/common/testing';
import { startPlatformSim, type PlatformSim } from '@socialvault/platform-sim';
import { ephemeralVaultEnv, loadVaultConfig, startVault, type RunningVault } from '@socialvault/vault';
import { loadBrokerConfig, startBroker, type RunningBroker } from '../src';
import { received } from './browser';

/** A random secret with a recognisable prefix. */
export const secret = (prefix: string): string => `${prefix}${crypto.randomBytes(16).toString('hex')}`;

/** App credentials the simulator and the broker share. */
export const APPS = {
  meta: { id: 'meta-app-1001', secret: secret('metaAppSecret') },
  instagram: { id: 'ig-app-2002', secret: secret('igAppSecret') },
  threads: { id: 'threads-app-3003', secret: secret('thAppSecret') },
  x: { id: 'x-client-4004', secret: secret('xClientSecret') },
  linkedin: { id: 'li-client-5005', secret: secret('liClientSecret') },
};

/** A vault reachable by the broker: ingress URL, its broker key, a service token that reads every platform. */
export interface TestVault {
  vault: RunningVault;
  db: ScratchDatabase;
  apiKey: string;
  serviceToken: string;
  /** `GET /api/credentials/token?platform=&account_id=` on the internal listener. */
  token(platform: string, accountId?: string): Promise<{ status: number; body: Record<string, unknown> }>;
  /** The internal metadata list of a platform. */
  list(platform?: string): Promise<Record<string, unknown>[]>;
}

/**
 * People on the simulator to consent as. Each holds a token from before the connect (a random canary the broker
 * must never show); names default to the username.
 */
export interface SimPeople {
  x(userId: string, username: string, name?: string): Promise<void>;
  linkedin(sub: string, name: string): Promise<void>;
  threads(threadsUserId: string, username: string): Promise<void>;
  instagram(igUserId: string, username: string): Promise<void>;
  /** Creates the instance `instance`, then `username` on it; resolves the account's id there. */
  mastodon(instance: string, username: string): Promise<string>;
}

export interface BrokerStack {
  sim: PlatformSim;
  broker: RunningBroker;
  publicUrl: string;
  adminToken: string;
  /** vaults[0] is the single-tenant `local` client's vault. */
  vaults: TestVault[];
  pool: Pool;
  logLines: string[];
  /** Calls the admin API with the bearer token; returns status and JSON. */
  admin(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  /** A fresh signed start link from the admin API. */
  startLink(clientId: string, platform: string, login?: string): Promise<string>;
  /** Calls a simulator admin route; throws unless 2xx. */
  simAdmin(method: string, path: string, body?: unknown): Promise<Record<string, unknown>>;
  /** Adds people to the simulator to consent as. */
  people: SimPeople;
  /** oauth_events rows, oldest first. */
  events(): Promise<Record<string, unknown>[]>;
  trackSecret(value: string): void;
  /** Tracked secrets found in any page, JSON answer, log line or event row. */
  leakedSecrets(): Promise<string[]>;
  close(): Promise<void>;
}

async function startTestVault(prefix: string, extraEnv: Record<string, string>): Promise<TestVault> {
  const db = await createScratchDatabase(process.env.TEST_DATABASE_SERVER_URL!, prefix);
  const apiKey = secret('vaultBrokerKey');
  const serviceToken = secret('svcOps');
  const vault = await startVault(
    loadVaultConfig(
      ephemeralVaultEnv(db.url, {
        BROKER_API_KEY: apiKey,
        VAULT_ENCRYPTION_KEYS: generateKeyEntry('k1'),
        VAULT_SERVICE_TOKENS: `ops:*:${serviceToken}`,
        VAULT_AUDIT_FLUSH_MS: '0',
        ALLOW_INSECURE_URLS: 'true',
        ...extraEnv,
      }),
    ),
  );
  const internal = async (path: string) => {
    const response = await fetch(`${vault.internalUrl}${path}`, {
      headers: { authorization: `Bearer ${serviceToken}` },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return {
    vault,
    db,
    apiKey,
    serviceToken,
    token: (platform, accountId) =>
      internal(
        `/api/credentials/token?platform=${platform}${accountId ? `&account_id=${encodeURIComponent(accountId)}` : ''}`,
      ),
    list: async (platform) => {
      const answer = await internal(`/api/credentials${platform ? `?platform=${platform}` : ''}`);
      return answer.body.credentials as Record<string, unknown>[];
    },
  };
}

/**
 * Starts the simulator, `vaultCount` vaults, and the broker (single-tenant `local` = vaults[0]) with every
 * provider pointed at the simulator and every app registered there with the broker's redirect URIs.
 */
export async function startBrokerStack(
  prefix: string,
  options: { vaultCount?: number; brokerEnv?: Record<string, string> } = {},
): Promise<BrokerStack> {
  const capture = captureLogs();
  const sim = await startPlatformSim();
  const port = await findFreePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const simOrigin = new URL(sim.url).origin;
  const vaults: TestVault[] = [];
  for (let index = 0; index < (options.vaultCount ?? 1); index += 1)
    vaults.push(
      await startTestVault(`${prefix}_v${index}`, {
        MASTODON_PRIVATE_INSTANCE_ALLOWLIST: simOrigin,
        // Provider revocation on disconnect goes to the simulator, with the same apps as the broker's.
        ...sim.providerEnv,
        X_CLIENT_ID: APPS.x.id,
        X_CLIENT_SECRET: APPS.x.secret,
        META_APP_ID: APPS.meta.id,
        META_APP_SECRET: APPS.meta.secret,
      }),
    );
  const db = await createScratchDatabase(process.env.TEST_DATABASE_SERVER_URL!, prefix);
  const adminToken = secret('brokerAdmin');
  const secrets = [
    adminToken,
    ...Object.values(APPS).map((app) => app.secret),
    ...vaults.map((v) => v.apiKey),
  ];
  const config = loadBrokerConfig({
    HOST: '127.0.0.1',
    BROKER_PORT: String(port),
    BROKER_PUBLIC_URL: publicUrl,
    BROKER_DATABASE_URL: db.url,
    BROKER_ENCRYPTION_KEYS: generateKeyEntry('b1'),
    BROKER_ADMIN_TOKEN: adminToken,
    VAULT_INGRESS_URL: vaults[0]!.vault.ingressUrl,
    BROKER_API_KEY: vaults[0]!.apiKey,
    ALLOW_INSECURE_URLS: 'true',
    MASTODON_PRIVATE_INSTANCE_ALLOWLIST: simOrigin,
    META_APP_ID: APPS.meta.id,
    META_APP_SECRET: APPS.meta.secret,
    INSTAGRAM_APP_ID: APPS.instagram.id,
    INSTAGRAM_APP_SECRET: APPS.instagram.secret,
    THREADS_APP_ID: APPS.threads.id,
    THREADS_APP_SECRET: APPS.threads.secret,
    X_CLIENT_ID: APPS.x.id,
    X_CLIENT_SECRET: APPS.x.secret,
    LINKEDIN_CLIENT_ID: APPS.linkedin.id,
    LINKEDIN_CLIENT_SECRET: APPS.linkedin.secret,
    ...sim.providerEnv,
    ...options.brokerEnv,
  });
  const broker = await startBroker(config);
  const pool = new Pool({ connectionString: db.url, max: 2 });
  const wire: string[] = [];

  const simAdmin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${sim.url}/_sim${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`simulator ${method} ${path} answered ${response.status}: ${text}`);
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  };
  for (const [endpoint, app, platform] of [
    ['facebook', APPS.meta, 'instagram'],
    ['instagram', APPS.instagram, 'instagram'],
    ['threads', APPS.threads, 'threads'],
    ['x', APPS.x, 'x'],
    ['linkedin', APPS.linkedin, 'linkedin'],
  ] as const) {
    await simAdmin('POST', '/oauth/apps', {
      endpoint,
      client_id: app.id,
      client_secret: app.secret,
      name: `socialvault ${endpoint}`,
      redirect_uris: [`${publicUrl}/callback/${platform}`],
    });
  }

  const people: SimPeople = {
    x: async (userId, username, name = username) => {
      await simAdmin('POST', '/x/users', { access_token: secret('xPre'), user_id: userId, username, name });
    },
    linkedin: async (sub, name) => {
      await simAdmin('POST', '/linkedin/members', { access_token: secret('liPre'), sub, name });
    },
    threads: async (threadsUserId, username) => {
      await simAdmin('POST', '/threads/accounts', {
        access_token: secret('THAApre'),
        threads_user_id: threadsUserId,
        username,
      });
    },
    instagram: async (igUserId, username) => {
      await simAdmin('POST', '/instagram/accounts', {
        access_token: secret('IGAApre'),
        ig_user_id: igUserId,
        username,
      });
    },
    mastodon: async (instance, username) => {
      await simAdmin('POST', '/mastodon/instances', { name: instance });
      const account = await simAdmin('POST', '/mastodon/accounts', {
        instance,
        access_token: secret('mastoPre'),
        username,
      });
      return account.id as string;
    },
  };

  const admin: BrokerStack['admin'] = async (method, path, body) => {
    const response = await fetch(`${broker.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${adminToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    wire.push(text);
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  const events = async () =>
    (await pool.query('SELECT * FROM oauth_events ORDER BY id')).rows as Record<string, unknown>[];

  return {
    sim,
    broker,
    publicUrl,
    adminToken,
    vaults,
    pool,
    logLines: capture.lines,
    admin,
    startLink: async (clientId, platform, login) => {
      const answer = await admin('POST', `/admin/clients/${clientId}/connect-links`, {
        platform,
        ...(login ? { login } : {}),
      });
      if (answer.status !== 201)
        throw new Error(`connect-links answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      return answer.body.url as string;
    },
    simAdmin,
    people,
    events,
    trackSecret: (value) => secrets.push(value),
    leakedSecrets: async () => {
      const everything = [...wire, ...received, ...capture.lines, JSON.stringify(await events())].join('\n');
      return secrets.filter((value) => everything.includes(value));
    },
    close: async () => {
      await broker.close();
      await pool.end();
      for (const vault of vaults) {
        await vault.vault.close();
        await vault.db.drop();
      }
      await sim.close();
      await db.drop();
      capture.stop();
    },
  };
}
