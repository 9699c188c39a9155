// Test fixtures for token refresh: a vault with a refresher wired to the platform simulator's token endpoints,
// `pnpm vault` child processes, a webhook receiver, and row helpers.
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { Pool } from 'pg';
import request from 'supertest';
import { listen } from '@socialvault/common';
import type { ScratchDatabase } from '@socialvault/common/testing';
import { startPlatformSim, type PlatformSim } from '@socialvault/platform-sim';
import { loadVaultConfig, type VaultConfig } from '../src/config';
import { decryptCredentialSecret } from '../src/crypto/credential-aad';
import { startVaultWithRefresher, type VaultWithRefresher } from '../src/vault-with-refresher';
import { CANARY, createTestDatabase, SERVICE_SECRETS, testEnv } from './fixtures';
import { TSX } from './vault-process';

/** App credentials registered in the simulator and given to the vault. */
export const APPS = {
  meta: { client_id: '1234567890123', client_secret: 'canary-meta-app-secret-0123456789' },
  x: { client_id: 'x-client-id-0123456789', client_secret: 'canary-x-client-secret-0123456789' },
  linkedin: { client_id: 'li-client-id-0123', client_secret: 'canary-li-client-secret-0123456789' },
} as const;
export const EVENTS_SECRET = 'canary-events-secret-0123456789';
export const DAY_MS = 24 * 3600 * 1000;

/** Registers the three apps with the simulator's token endpoints. */
export function registerApps(sim: PlatformSim): void {
  sim.state.oauth.registerApp({ endpoint: 'facebook', ...APPS.meta });
  sim.state.oauth.registerApp({ endpoint: 'x', ...APPS.x });
  sim.state.oauth.registerApp({ endpoint: 'linkedin', ...APPS.linkedin });
}

/** The refresh variables pointing at `sim` (every app configured, http allowed, no cron run during tests). */
export function simRefreshEnv(sim: PlatformSim, overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ALLOW_INSECURE_URLS: 'true',
    META_GRAPH_URL: `${sim.url}/v25.0`,
    INSTAGRAM_GRAPH_URL: `${sim.url}/instagram`,
    THREADS_API_URL: `${sim.url}/threads/v1.0`,
    X_API_URL: `${sim.url}/x`,
    LINKEDIN_OAUTH_URL: `${sim.url}/linkedin-oauth/oauth/v2`,
    META_APP_ID: APPS.meta.client_id,
    META_APP_SECRET: APPS.meta.client_secret,
    X_CLIENT_ID: APPS.x.client_id,
    X_CLIENT_SECRET: APPS.x.client_secret,
    LINKEDIN_CLIENT_ID: APPS.linkedin.client_id,
    LINKEDIN_CLIENT_SECRET: APPS.linkedin.client_secret,
    VAULT_REFRESH_CRON: '0 0 1 1 *',
    ...overrides,
  };
}

/** A vault process (in-process) with its own refresher, on a shared database. */
export interface RefreshingVault extends VaultWithRefresher {
  config: VaultConfig;
  close(): Promise<void>;
}

/** Starts a vault wired to a refresher on `db` (several may share one database, like replicas). */
export async function startRefreshingVault(
  db: ScratchDatabase,
  sim: PlatformSim,
  options: { env?: NodeJS.ProcessEnv; now?: () => Date } = {},
): Promise<RefreshingVault> {
  const config = loadVaultConfig(testEnv(db.url, simRefreshEnv(sim, options.env)));
  const { vault, refresher } = await startVaultWithRefresher(config, { now: options.now });
  return {
    vault,
    refresher,
    config,
    close: async () => {
      await vault.close();
      await refresher.close();
    },
  };
}

/** A simulator with apps, a scratch database, one refreshing vault and an inspection pool. */
export interface RefreshStack {
  sim: PlatformSim;
  db: ScratchDatabase;
  main: RefreshingVault;
  pool: Pool;
  stop(): Promise<void>;
}

export async function startRefreshStack(
  prefix: string,
  options: { env?: NodeJS.ProcessEnv; now?: () => Date } = {},
): Promise<RefreshStack> {
  const sim = await startPlatformSim();
  registerApps(sim);
  const db = await createTestDatabase(prefix);
  const main = await startRefreshingVault(db, sim, options);
  const pool = new Pool({ connectionString: db.url, max: 3 });
  return {
    sim,
    db,
    main,
    pool,
    stop: async () => {
      await main.close();
      await pool.end();
      await sim.close();
      await db.drop();
    },
  };
}

/** POSTs a broker payload to a vault's ingress; returns the new credential id. */
export async function storeCredential(ingressUrl: string, body: Record<string, unknown>): Promise<string> {
  const res = await request(ingressUrl)
    .post('/api/credentials')
    .set('X-API-Key', CANARY.brokerApiKey)
    .send(body);
  if (res.status !== 201) throw new Error(`store failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** GET /api/credentials/token as the all-platforms `ops` identity. */
export function fetchToken(internalUrl: string, platform: string, accountId: string) {
  return request(internalUrl)
    .get(`/api/credentials/token?platform=${platform}&account_id=${encodeURIComponent(accountId)}`)
    .set('Authorization', `Bearer ${SERVICE_SECRETS.all}`);
}

/** Pretends the stored token was issued `agoMs` ago (Threads and Instagram-Login need ≥ 24 h). */
export async function ageToken(pool: Pool, id: string, agoMs: number): Promise<void> {
  await pool.query(
    `UPDATE credentials SET token_issued_at = now() - $2 * interval '1 millisecond' WHERE id = $1`,
    [id, agoMs],
  );
}

/** The decrypted token pair stored for a credential. */
export async function storedTokens(
  pool: Pool,
  config: VaultConfig,
  id: string,
): Promise<{ accessToken: string; refreshToken: string | null; row: Record<string, unknown> }> {
  const { rows } = await pool.query('SELECT * FROM credentials WHERE id = $1', [id]);
  const row = rows[0] as Record<string, unknown>;
  const binding = {
    platform: row.platform as string,
    accountId: row.account_id as string,
    extra: row.extra as Record<string, unknown>,
  };
  return {
    accessToken: decryptCredentialSecret(
      config.keyRing,
      binding,
      'access_token',
      row.access_token_ciphertext as string,
    ),
    refreshToken: row.refresh_token_ciphertext
      ? decryptCredentialSecret(
          config.keyRing,
          binding,
          'refresh_token',
          row.refresh_token_ciphertext as string,
        )
      : null,
    row,
  };
}

/** One request the webhook receiver got. */
export interface ReceivedEvent {
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  body: Record<string, unknown>;
}

/** An HTTP server on port 0 that records POSTs and answers `status()` (default 204). */
export async function startWebhookReceiver(status: () => number = () => 204): Promise<{
  url: string;
  received: ReceivedEvent[];
  close(): Promise<void>;
}> {
  const received: ReceivedEvent[] = [];
  const listener = await listen(
    (req, res) => {
      let rawBody = '';
      req.on('data', (chunk) => (rawBody += chunk));
      req.on('end', () => {
        const code = status();
        if (code < 300) received.push({ headers: req.headers, rawBody, body: JSON.parse(rawBody) });
        res.statusCode = code;
        res.end();
      });
    },
    { host: '127.0.0.1', port: 0 },
  );
  return {
    url: `${listener.url}/hooks/vault`,
    received,
    close: () => listener.close({ graceMs: 0 }),
  };
}

/** A webhook receiver started by `startWebhookReceiver`. */
export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;

/** A refresh stack whose vault sends its signed events to `hook`, a receiver of its own. */
export interface NotifyingRefreshStack extends RefreshStack {
  hook: WebhookReceiver;
}

/**
 * Starts a webhook receiver answering `hookStatus()` (default 204) and a refresh stack whose vault sends its
 * events there, signed with `EVENTS_SECRET`; `stop` closes both.
 */
export async function startNotifyingRefreshStack(
  prefix: string,
  options: { env?: NodeJS.ProcessEnv; now?: () => Date; hookStatus?: () => number } = {},
): Promise<NotifyingRefreshStack> {
  const hook = await startWebhookReceiver(options.hookStatus);
  const stack = await startRefreshStack(prefix, {
    now: options.now,
    env: { ...options.env, VAULT_EVENTS_WEBHOOK_URL: hook.url, VAULT_EVENTS_SECRET: EVENTS_SECRET },
  });
  return {
    ...stack,
    hook,
    stop: async () => {
      await stack.stop();
      await hook.close();
    },
  };
}

/** Polls `check` every 20 ms until it is truthy or `timeoutMs` passes (then throws `what`). */
type Falsy = undefined | null | false | 0 | '';
export async function waitFor<T>(
  check: () => T | Falsy | Promise<T | Falsy>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const CLI = path.join(__dirname, '..', 'src', 'cli.ts');

/**
 * Runs `pnpm vault <args>` as a child process without blocking this one (the simulator it calls
 * runs in this process, so spawnSync would deadlock it).
 */
export function runVaultCli(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...TSX, CLI, ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'development', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
