// Test fixtures for the vault: canary secrets, payload factories, and a vault on a scratch database.
import { Pool } from 'pg';
import request from 'supertest';
import { type AddressPolicy } from '@socialvault/common';
import { createScratchDatabase, type ScratchDatabase } from '@socialvault/common/testing';
import { loadVaultConfig, type VaultConfig } from '../src/config';
import { ephemeralVaultEnv } from '../src/ephemeral-env';
import type { TokenRefresher } from '../src/credentials/token-refresher';
import { startVault, type RunningVault } from '../src/server';

/** Values that must never appear in a log line or a non-token response. */
export const CANARY = {
  accessToken: 'EAAcanaryACCESS0123456789abcdefTOKEN',
  refreshToken: 'canaryREFRESH0123456789abcdefTOKEN',
  brokerApiKey: 'canary-broker-api-key-0123456789',
  wrongApiKey: 'canary-wrong-api-key-9876543210',
} as const;

/** Service secrets configured in VAULT_SERVICE_TOKENS by `testEnv`. */
export const SERVICE_SECRETS = {
  instagram: 'svc-instagram-secret-0123456789',
  x: 'svc-x-secret-0123456789abcdef',
  mastodon: 'svc-mastodon-secret-0123456789',
  n8n: 'svc-n8n-metadata-secret-012345',
  all: 'svc-all-platforms-secret-012345',
} as const;

/** A fixed 32-byte key per id, base64, so tests can build rings with old and new keys. */
export function testKey(id: string): string {
  return Buffer.alloc(32, id).toString('base64');
}

/** A complete, valid vault environment (ports 0 on 127.0.0.1); `overrides` replace or add variables. */
export function testEnv(databaseUrl: string, overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return ephemeralVaultEnv(databaseUrl, {
    BROKER_API_KEY: CANARY.brokerApiKey,
    VAULT_ENCRYPTION_KEYS: `k1:${testKey('k1')}`,
    // Serve audit rows written before the token is served, so tests can read them at once;
    // the batched default (VAULT_AUDIT_FLUSH_MS=200) is tested in db/audit-batcher.int.test.ts.
    VAULT_AUDIT_FLUSH_MS: '0',
    VAULT_SERVICE_TOKENS: [
      `instagram-mcp:instagram:${SERVICE_SECRETS.instagram}`,
      `x-mcp:x:${SERVICE_SECRETS.x}`,
      `mastodon-mcp:mastodon:${SERVICE_SECRETS.mastodon}`,
      `n8n:*:${SERVICE_SECRETS.n8n}:metadata`,
      `ops:*:${SERVICE_SECRETS.all}`,
    ].join(','),
    ...overrides,
  });
}

/** A generic-form broker payload for X; `overrides` replace fields (undefined removes one). */
export function genericPayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return withOverrides(
    {
      platform: 'x',
      account_id: '2244994945',
      access_token: CANARY.accessToken,
      refresh_token: CANARY.refreshToken,
      expires_in: 7200,
      scopes: 'tweet.read tweet.write users.read offline.access',
      username: 'socialvault_x',
      client_id: 'client-a',
    },
    overrides,
  );
}

/** The seed's Meta-form payload (platform instagram). */
export function metaPayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return withOverrides(
    {
      access_token: CANARY.accessToken,
      instagram_business_account_id: '17841400000000001',
      facebook_page_id: '108154000000001',
      ad_account_id: 'act_123456',
      meta_user_id: '12345678',
      token_expires_at: '2099-03-01T00:00:00Z',
      client_id: 'test-client-a',
    },
    overrides,
  );
}

function withOverrides(
  base: Record<string, unknown>,
  overrides: Record<string, unknown>,
): Record<string, unknown> {
  const out = { ...base, ...overrides };
  for (const [key, value] of Object.entries(overrides)) if (value === undefined) delete out[key];
  return out;
}

/** A vault on its own scratch database, plus a pool to inspect rows and request helpers for both listeners. */
export interface TestVault {
  vault: RunningVault;
  config: VaultConfig;
  db: ScratchDatabase;
  pool: Pool;
  /** POSTs `body` to the ingress as the broker does (see `brokerPost`; null `apiKey` sends none). */
  brokerPost(body: unknown, apiKey?: string | null): request.Test;
  /** GET on the internal listener as a service: `Authorization: Bearer <secret>` (none when null). */
  serviceGet(path: string, secret: string | null): request.Test;
  /** POST of a JSON `body` on the internal listener as a service (see `serviceGet`). */
  servicePost(path: string, secret: string | null, body: unknown): request.Test;
  /** Stops the vault and drops the database. */
  stop(): Promise<void>;
}

/** Options of `startTestVault` and `useTestVault`. */
export interface TestVaultOptions {
  prefix?: string;
  env?: NodeJS.ProcessEnv;
  refresher?: TokenRefresher;
  db?: ScratchDatabase;
  /** How the broker POST resolves Mastodon instance hosts (e.g. `vault` → a private address). */
  instanceAddressPolicy?: AddressPolicy;
}

export async function createTestDatabase(prefix: string): Promise<ScratchDatabase> {
  return createScratchDatabase(process.env.TEST_DATABASE_SERVER_URL as string, prefix);
}

/** Starts a vault on a new scratch database (or `db`, when given, which `stop` then leaves in place). */
export async function startTestVault(options: TestVaultOptions = {}): Promise<TestVault> {
  const db = options.db ?? (await createTestDatabase(options.prefix ?? 'vault'));
  const config = loadVaultConfig(testEnv(db.url, options.env));
  const vault = await startVault(config, {
    refresher: options.refresher,
    instanceAddressPolicy: options.instanceAddressPolicy,
  });
  const pool = new Pool({ connectionString: db.url, max: 2 });
  const asService = (req: request.Test, secret: string | null) =>
    secret === null ? req : req.set('Authorization', `Bearer ${secret}`);
  return {
    vault,
    config,
    db,
    pool,
    brokerPost: (body, apiKey) => brokerPost(vault.ingressUrl, body, apiKey),
    serviceGet: (path, secret) => asService(request(vault.internalUrl).get(path), secret),
    servicePost: (path, secret, body) =>
      asService(request(vault.internalUrl).post(path), secret).send(body as object),
    stop: async () => {
      await vault.close();
      await pool.end();
      if (!options.db) await db.drop();
    },
  };
}

/**
 * Starts a vault (as `startTestVault`) before the file's tests and stops it after them. The handle is filled
 * in `beforeAll`: read its fields inside hooks and tests only, and register hooks that use it after this call.
 */
export function useTestVault(options: TestVaultOptions = {}): TestVault {
  const handle = {} as TestVault;
  beforeAll(async () => {
    Object.assign(handle, await startTestVault(options));
  });
  afterAll(async () => {
    await handle.stop?.();
  });
  return handle;
}

/** Every credentials row (all columns), for "nothing changed" assertions. */
export async function credentialRows(pool: Pool): Promise<Record<string, unknown>[]> {
  const { rows } = await pool.query('SELECT * FROM credentials ORDER BY platform, account_id');
  return rows;
}

/** Audit rows in insertion order. */
export async function auditRows(pool: Pool): Promise<Record<string, unknown>[]> {
  const { rows } = await pool.query('SELECT * FROM audit_events ORDER BY id');
  return rows;
}

/**
 * POSTs `body` to the ingress's `POST /api/credentials` as the broker does: with `X-API-Key` (default the
 * configured key; null sends none). Returns supertest's request, to await or chain.
 */
export function brokerPost(
  ingressUrl: string,
  body: unknown,
  apiKey: string | null = CANARY.brokerApiKey,
): request.Test {
  const req = request(ingressUrl).post('/api/credentials');
  return apiKey === null ? req.send(body as object) : req.set('X-API-Key', apiKey).send(body as object);
}
