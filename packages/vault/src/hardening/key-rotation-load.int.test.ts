// Key rotation under load: `pnpm vault rotate-keys` (the CLI, small batches) runs while token requests and
// broker updates keep coming → not one failed request, every token served is the right one, and every row
// ends on the new key (a vault with only the new key then serves them all).
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ScratchDatabase } from '@socialvault/common/testing';
import {
  genericPayload,
  SERVICE_SECRETS,
  startTestVault,
  testKey,
  type TestVault,
} from '../../test/fixtures';
import { createFastTestDatabase, rawRequest, rawBrokerPost } from '../../test/hardening-fixtures';

jest.setTimeout(120_000);

const ACCOUNTS = 60;
const OLD_RING = `k1:${testKey('k1')}`;
const NEW_RING = `k2:${testKey('k2')},k1:${testKey('k1')}`;
const tokenOf = (n: number, version = 0) => `EAArotation${n}v${version}TOKEN0123456789`;
const accountOf = (n: number) => `rot-${n}`;

let db: ScratchDatabase;
let vault: TestVault | undefined;
beforeAll(async () => {
  db = await createFastTestDatabase('rotload');
});
afterAll(async () => {
  await vault?.stop();
  await db?.drop();
});

function store(t: TestVault, n: number, version: number) {
  return rawBrokerPost(
    t.vault.ingressUrl,
    genericPayload({
      account_id: accountOf(n),
      access_token: tokenOf(n, version),
      refresh_token: `refresh${n}v${version}TOKEN0123456789`,
    }),
  );
}

async function keyIds(t: TestVault): Promise<Record<string, number>> {
  const { rows } = await t.pool.query<{ key_id: string; count: string }>(
    `SELECT key_id, count(*) FROM credentials GROUP BY key_id`,
  );
  return Object.fromEntries(rows.map((row) => [row.key_id, Number(row.count)]));
}

it('rotates every row to the new key while tokens are served, with 0 failed requests', async () => {
  // The rows as an old vault stored them: all under k1.
  const old = await startTestVault({ db, env: { VAULT_ENCRYPTION_KEYS: OLD_RING } });
  for (let n = 0; n < ACCOUNTS; n += 1) expect((await store(old, n, 0)).status).toBe(201);
  expect(await keyIds(old)).toEqual({ k1: ACCOUNTS });
  await old.stop();

  // Step 1 of the README: k2 first in the ring, vault restarted.
  vault = await startTestVault({ db, env: { VAULT_ENCRYPTION_KEYS: NEW_RING } });
  const t = vault;
  const current = Array.from({ length: ACCOUNTS }, () => 0);
  const failures: string[] = [];
  let served = 0;
  let updates = 0;
  let running = true;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const readers = Array.from({ length: 6 }, async (_, reader) => {
    for (let i = reader; running; i += 7) {
      const n = i % ACCOUNTS;
      const before = current[n]!;
      const answer = await rawRequest(t.vault.internalUrl, {
        path: `/api/credentials/token?platform=x&account_id=${accountOf(n)}`,
        headers: { authorization: `Bearer ${SERVICE_SECRETS.x}` },
        agent,
      }).catch((error: Error) => ({ status: 0, text: error.message, json: undefined }));
      const token = answer.json?.access_token;
      // A broker update may land while this request runs: either version is right, nothing else.
      if (answer.status !== 200 || (token !== tokenOf(n, before) && token !== tokenOf(n, current[n]!))) {
        failures.push(`${accountOf(n)}: ${answer.status} ${answer.text.slice(0, 200)}`);
      }
      served += 1;
    }
  });
  const writer = (async () => {
    for (let i = 0; running; i += 1) {
      const n = (i * 13) % ACCOUNTS;
      const answer = await store(t, n, current[n]! + 1);
      if (answer.status === 201) current[n] = current[n]! + 1;
      else failures.push(`store ${accountOf(n)}: ${answer.status} ${answer.text.slice(0, 200)}`);
      updates += 1;
      // A broker update now and then, so most rows are left for the rotation to move.
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
  })();

  try {
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Step 2: the CLI, in batches of 5, while the vault serves.
    const child = spawn(
      process.execPath,
      [
        '--import',
        pathToFileURL(require.resolve('tsx')).href,
        path.join(__dirname, '../cli.ts'),
        'rotate-keys',
        '--batch-size',
        '5',
      ],
      {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          DATABASE_URL: db.url,
          VAULT_ENCRYPTION_KEYS: NEW_RING,
        },
      },
    );
    const cli = { stdout: '', stderr: '', status: null as number | null };
    child.stdout.on('data', (chunk: Buffer) => (cli.stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (cli.stderr += chunk.toString()));
    const servedBefore = served;
    cli.status = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    // Requests were served during the whole rotation (the CLI runs beside this process).
    expect(served).toBeGreaterThan(servedBefore);
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    expect(cli.stdout).toMatch(/rotate-keys: \d+ row\(s\) re-encrypted with key k2/);
    expect(cli.stdout).not.toContain(testKey('k2'));
  } finally {
    await new Promise((resolve) => setTimeout(resolve, 300));
    running = false;
    await Promise.all([...readers, writer]);
    agent.destroy();
  }

  expect(failures).toEqual([]);
  expect(served).toBeGreaterThan(ACCOUNTS);
  expect(updates).toBeGreaterThan(0);
  // Step 3: every row, and both of its ciphertexts, on k2.
  expect(await keyIds(t)).toEqual({ k2: ACCOUNTS });
  const { rows } = await t.pool.query<{ access: string; refresh: string }>(
    `SELECT access_token_ciphertext AS access, refresh_token_ciphertext AS refresh FROM credentials`,
  );
  for (const row of rows) {
    expect(row.access).toMatch(/^v2:k2:/);
    expect(row.refresh).toMatch(/^v2:k2:/);
  }
  await t.stop();
  vault = undefined;

  // k1 dropped from the ring: every row still serves, with its latest token.
  vault = await startTestVault({ db, env: { VAULT_ENCRYPTION_KEYS: `k2:${testKey('k2')}` } });
  for (let n = 0; n < ACCOUNTS; n += 1) {
    const answer = await rawRequest(vault.vault.internalUrl, {
      path: `/api/credentials/token?platform=x&account_id=${accountOf(n)}`,
      headers: { authorization: `Bearer ${SERVICE_SECRETS.x}` },
    });
    expect([answer.status, answer.json?.access_token]).toEqual([200, tokenOf(n, current[n])]);
  }
});
