// Database outage: the vault process on its own embedded PostgreSQL, which stops while token requests are in
// flight and stays down for a while → every answer is 200 or 503 with a hint (never a 500, never a reset
// connection), /health says unavailable, the process stays up; once PostgreSQL is back it serves again.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { CANARY, genericPayload, SERVICE_SECRETS, testEnv } from '../../test/fixtures';
import {
  internalsIn,
  rawRequest,
  startStoppableDatabase,
  type RawAnswer,
  type StoppableDatabase,
  rawBrokerPost,
} from '../../test/hardening-fixtures';
import { spawnVaultProcess, type VaultProcess } from '../../test/vault-process';

jest.setTimeout(120_000);

let dataDir: string;
let pg: StoppableDatabase | undefined;
let vault: VaultProcess | undefined;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-outage-'));
  pg = await startStoppableDatabase(path.join(dataDir, 'cluster'));
});
afterAll(async () => {
  vault?.kill();
  await pg?.stop().catch(() => undefined);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const token = (agent?: http.Agent): Promise<RawAnswer> =>
  rawRequest(vault!.internalUrl, {
    path: '/api/credentials/token?platform=x&account_id=outage-1',
    headers: { authorization: `Bearer ${SERVICE_SECRETS.x}` },
    agent,
  });

it('answers 503 with a hint while PostgreSQL is down, stays up, and serves again when it is back', async () => {
  vault = await spawnVaultProcess(
    testEnv(pg!.url, { VAULT_INGRESS_PORT: '0', VAULT_INTERNAL_PORT: '0', VAULT_DATA_DIR: dataDir }),
  );
  const stored = await rawBrokerPost(vault.ingressUrl, genericPayload({ account_id: 'outage-1' }));
  expect(stored.status).toBe(201);
  expect((await token()).status).toBe(200);

  // Four clients keep asking for the token while the server stops under them (fast shutdown: open
  // sessions are terminated mid-query) and until it is back.
  const statuses: number[] = [];
  const failures: string[] = [];
  let running = true;
  let downAt = 0;
  const stopBy = Date.now() + 60_000;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const clients = Array.from({ length: 4 }, async () => {
    while (running && Date.now() < stopBy) {
      try {
        const answer = await token(agent);
        statuses.push(answer.status);
        if (answer.status !== 200 && answer.status !== 503) failures.push(`${answer.status} ${answer.text}`);
      } catch (error) {
        failures.push(`connection error: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  });
  try {
    await new Promise((resolve) => setTimeout(resolve, 300));
    await pg!.stop();
    downAt = statuses.length;

    const down = await token();
    expect(down.status).toBe(503);
    expect(down.headers['retry-after']).toBe('5');
    expect(down.json).toEqual({
      detail: {
        code: 'vault_unavailable',
        message: 'The vault database is unavailable',
        hint: expect.stringMatching(/PostgreSQL is not answering; .* Retry in a few seconds/),
      },
    });
    expect(internalsIn(down.text)).toBeUndefined();
    const health = await rawRequest(vault.internalUrl, { path: '/health' });
    expect(health.status).toBe(503);
    expect(health.json).toMatchObject({ status: 'unavailable', database: 'unreachable' });
    const store = await rawBrokerPost(vault.ingressUrl, genericPayload({ account_id: 'outage-2' }));
    expect(store.status).toBe(503);
    const list = await rawRequest(vault.internalUrl, {
      path: '/api/credentials',
      headers: { authorization: `Bearer ${SERVICE_SECRETS.n8n}` },
    });
    expect(list.status).toBe(503);
    // Authentication does not need the database: a wrong key is still a 401.
    const wrong = await rawRequest(vault.internalUrl, {
      path: '/api/credentials/token?platform=x',
      headers: { authorization: `Bearer ${CANARY.wrongApiKey}` },
    });
    expect(wrong.status).toBe(401);

    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(vault.child.exitCode).toBeNull();

    await pg!.start();
    const deadline = Date.now() + 20_000;
    while ((await token()).status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  } finally {
    running = false;
    await Promise.all(clients);
    agent.destroy();
  }

  expect(failures).toEqual([]);
  expect(statuses.slice(downAt)).toContain(503);
  expect(statuses.at(-1)).toBe(200);
  expect((await token()).status).toBe(200);
  expect((await rawBrokerPost(vault.ingressUrl, genericPayload({ account_id: 'outage-2' }))).status).toBe(
    201,
  );
  expect((await rawRequest(vault.internalUrl, { path: '/health' })).status).toBe(200);

  const output = vault.output();
  expect(vault.child.exitCode).toBeNull();
  expect(output).not.toMatch(/uncaught|unhandled/i);
  expect(output).not.toContain('"status":500');
  expect(output).toContain('The vault database is unavailable');
  expect(output).not.toContain(CANARY.accessToken);

  vault.child.kill('SIGTERM');
  expect(await vault.exited).toBe(0);
});
