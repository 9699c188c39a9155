// Graceful shutdown of the vault process: SIGTERM while a broker POST is half sent and token requests are in
// flight → every one of them completes (no reset), their audit rows are written, new connections are refused,
// the pools close (no session left on PostgreSQL) and the process exits 0.
import http from 'node:http';
import { Pool } from 'pg';
import type { ScratchDatabase } from '@socialvault/common/testing';
import { CANARY, genericPayload, SERVICE_SECRETS, testEnv } from '../../test/fixtures';
import { createFastTestDatabase, rawRequest, rawBrokerPost } from '../../test/hardening-fixtures';
import { spawnVaultProcess, type VaultProcess } from '../../test/vault-process';

jest.setTimeout(120_000);

let db: ScratchDatabase;
let pool: Pool;
let vault: VaultProcess | undefined;
beforeAll(async () => {
  db = await createFastTestDatabase('shutdown');
  pool = new Pool({ connectionString: db.url, max: 1 });
});
afterAll(async () => {
  vault?.kill();
  await pool?.end();
  await db?.drop();
});

/** A GET whose `written` resolves once the whole request is on the wire (it is then in flight). */
function inFlightGet(url: string, path: string, headers: Record<string, string>) {
  const target = new URL(url);
  let written!: () => void;
  const sent = new Promise<void>((resolve) => (written = resolve));
  const answer = new Promise<number>((resolve, reject) => {
    const req = http.get({ host: target.hostname, port: target.port, path, headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('finish', written);
    req.on('error', reject);
  });
  return { sent, answer };
}

/** A POST whose body is sent in two halves: resolves `sent` after the first, `answer` at the end. */
function slowPost(url: string, body: string, pauseMs: number) {
  const target = new URL(url);
  let firstHalfSent!: () => void;
  const sent = new Promise<void>((resolve) => (firstHalfSent = resolve));
  const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: 'POST',
        path: '/api/credentials',
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-api-key': CANARY.brokerApiKey,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    const half = Math.floor(body.length / 2);
    req.write(body.slice(0, half), () => {
      firstHalfSent();
      setTimeout(() => req.end(body.slice(half)), pauseMs);
    });
  });
  return { sent, answer };
}

it('drains requests in flight on SIGTERM, writes their audit rows, closes the pools and exits 0', async () => {
  vault = await spawnVaultProcess(testEnv(db.url, { VAULT_AUDIT_FLUSH_MS: '1000' }));
  const { ingressUrl, internalUrl } = vault;
  const stored = await rawBrokerPost(ingressUrl, genericPayload({ account_id: 'shutdown-1' }));
  expect(stored.status).toBe(201);
  const { rows: before } = await pool.query(
    `SELECT count(*)::int AS n FROM audit_events WHERE action = 'token.serve'`,
  );

  const slow = slowPost(ingressUrl, JSON.stringify(genericPayload({ account_id: 'shutdown-2' })), 3_000);
  await slow.sent;
  const tokens = Array.from({ length: 30 }, () =>
    inFlightGet(internalUrl, '/api/credentials/token?platform=x&account_id=shutdown-1', {
      authorization: `Bearer ${SERVICE_SECRETS.x}`,
    }),
  );
  // Every token request is on the wire: stop the vault under them.
  await Promise.all(tokens.map((request) => request.sent));
  vault.child.kill('SIGTERM');
  // Once the listen queue has been quiet for a moment the listener closes, while the half-sent POST is
  // still being served.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const refused = await rawRequest(internalUrl, { path: '/health' }).then(
    (answer) => `answered ${answer.status}`,
    (error: NodeJS.ErrnoException) => error.code,
  );

  const answers = await Promise.allSettled(tokens.map((request) => request.answer));
  const outcomes = answers.map((answer) =>
    answer.status === 'fulfilled' ? answer.value : (answer.reason as NodeJS.ErrnoException).code,
  );
  expect(outcomes).toEqual(outcomes.map(() => 200));
  const posted = await slow.answer;
  expect(posted.status).toBe(201);
  expect(refused).toBe('ECONNREFUSED');
  expect(await vault.exited).toBe(0);
  expect(vault.output()).toContain('Vault stopped');

  // Every token served got its audit row, also those queued for a batch when the signal came.
  const { rows: after } = await pool.query(
    `SELECT count(*)::int AS n FROM audit_events WHERE action = 'token.serve'`,
  );
  expect(after[0].n - before[0].n).toBe(30);
  const { rows: stored2 } = await pool.query(
    `SELECT count(*)::int AS n FROM credentials WHERE account_id = 'shutdown-2'`,
  );
  expect(stored2[0].n).toBe(1);
  // No session of the vault is left on the server.
  const name = new URL(db.url).pathname.slice(1);
  const { rows: sessions } = await pool.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
    [name],
  );
  expect(sessions[0].n).toBe(0);
});
