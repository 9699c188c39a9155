// Brute force on both listeners: wrong X-API-Key or service tokens from one source address are refused after
// VAULT_AUTH_FAILURE_LIMIT tries (429 whatever key comes next), audited, and never count against other
// addresses, the other listener, or requests with a right key; the right key works again after the window.
import { captureLogs } from '@socialvault/common/testing';
import {
  auditRows,
  CANARY,
  credentialRows,
  genericPayload,
  SERVICE_SECRETS,
  startTestVault,
  type TestVault,
} from '../../test/fixtures';
import { rawBrokerPost, rawRequest, type RawAnswer } from '../../test/hardening-fixtures';

const LIMIT = 4;
const WINDOW_S = 1;
let t: TestVault;
let capture: ReturnType<typeof captureLogs>;

beforeAll(async () => {
  capture = captureLogs();
  t = await startTestVault({
    prefix: 'brute',
    env: { VAULT_AUTH_FAILURE_LIMIT: String(LIMIT), VAULT_AUTH_FAILURE_WINDOW_S: String(WINDOW_S) },
  });
});
afterAll(async () => {
  capture.stop();
  await t?.stop();
});

const store = (apiKey: string, from: string, accountId = 'brute-1'): Promise<RawAnswer> =>
  rawBrokerPost(t.vault.ingressUrl, genericPayload({ account_id: accountId }), {
    apiKey,
    localAddress: from,
  });
const token = (secret: string, from: string): Promise<RawAnswer> =>
  rawRequest(t.vault.internalUrl, {
    path: '/api/credentials/token?platform=x&account_id=brute-1',
    headers: { authorization: `Bearer ${secret}` },
    localAddress: from,
  });
const wrongKey = (n: number) => `${CANARY.wrongApiKey}-${n}`;

describe('X-API-Key on the ingress listener', () => {
  it('refuses a source after the limit, even with the right key, and audits it', async () => {
    const before = await credentialRows(t.pool);
    for (let n = 0; n < LIMIT; n += 1) expect((await store(wrongKey(n), '127.0.0.2')).status).toBe(401);
    const refused = [
      await store(wrongKey(99), '127.0.0.2'),
      await store(CANARY.brokerApiKey, '127.0.0.2'),
      await store(CANARY.brokerApiKey, '127.0.0.2'),
    ];
    for (const answer of refused) {
      expect(answer.status).toBe(429);
      expect(Number(answer.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(answer.json).toEqual({
        detail: {
          code: 'rate_limited',
          field: 'X-API-Key',
          message: 'Too many failed authentication attempts from this address',
          hint: expect.stringMatching(/^Wait \d+ s, then send the right X-API-Key/),
        },
      });
    }
    expect(await credentialRows(t.pool)).toEqual(before);

    const rows = (await auditRows(t.pool)).filter(
      (row) => (row.detail as { source?: string }).source === '127.0.0.2',
    );
    expect(rows.map((row) => [row.action, row.outcome, (row.detail as { status: number }).status])).toEqual([
      ...Array.from({ length: LIMIT }, () => ['credential.store', 'rejected', 401]),
      // Only the first refusal of a lockout is written; the others are counted in metrics.
      ['credential.store', 'rejected', 429],
    ]);
    expect(
      capture.lines.some((line) => line.includes('Too many wrong X-API-Key values from 127.0.0.2')),
    ).toBe(true);
  });

  it('counts per source address and per listener', async () => {
    expect((await store(CANARY.brokerApiKey, '127.0.0.3')).status).toBe(201);
    expect((await store(CANARY.brokerApiKey, '127.0.0.2')).status).toBe(429);
    // The broker's metadata list is behind the same limiter.
    const list = await rawRequest(t.vault.ingressUrl, {
      path: '/api/credentials',
      headers: { 'x-api-key': CANARY.brokerApiKey },
      localAddress: '127.0.0.2',
    });
    expect(list.status).toBe(429);
    // The internal listener has its own count: the locked-out address still gets its token there.
    expect((await token(SERVICE_SECRETS.x, '127.0.0.2')).status).toBe(200);
  });

  it('lets the right key in again once the window has passed', async () => {
    await new Promise((resolve) => setTimeout(resolve, WINDOW_S * 1000 + 100));
    expect((await store(CANARY.brokerApiKey, '127.0.0.2')).status).toBe(201);
    // And the count starts over: one wrong key is a plain 401 again.
    expect((await store(wrongKey(100), '127.0.0.2')).status).toBe(401);
  });
});

describe('service tokens on the internal listener', () => {
  it('refuses a source after the limit and audits the tries', async () => {
    for (let n = 0; n < LIMIT; n += 1) expect((await token(wrongKey(n), '127.0.0.4')).status).toBe(401);
    const refused = await token(SERVICE_SECRETS.x, '127.0.0.4');
    expect(refused.status).toBe(429);
    expect(refused.json?.detail).toMatchObject({ code: 'rate_limited', field: 'Authorization' });
    // Metadata route is behind the same limiter.
    const list = await rawRequest(t.vault.internalUrl, {
      path: '/api/credentials',
      headers: { authorization: `Bearer ${SERVICE_SECRETS.n8n}` },
      localAddress: '127.0.0.4',
    });
    expect(list.status).toBe(429);
    const rows = (await auditRows(t.pool)).filter(
      (row) => (row.detail as { source?: string }).source === '127.0.0.4',
    );
    expect(rows.filter((row) => (row.detail as { status: number }).status === 401)).toHaveLength(LIMIT);
    expect(rows.filter((row) => (row.detail as { status: number }).status === 429)).toHaveLength(1);
    expect(rows.every((row) => row.action === 'token.serve' || row.action === 'credential.list')).toBe(true);
  });

  it('never counts requests with a right token, however many arrive at once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 60 }, () => token(SERVICE_SECRETS.x, '127.0.0.5')),
    );
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
    // LIMIT - 1 failures still leave the source in.
    for (let n = 0; n < LIMIT - 1; n += 1) expect((await token(wrongKey(n), '127.0.0.5')).status).toBe(401);
    expect((await token(SERVICE_SECRETS.x, '127.0.0.5')).status).toBe(200);
  });

  it('shows refusals on /metrics by listener and status, without the address', async () => {
    const metrics = await rawRequest(t.vault.internalUrl, { path: '/metrics' });
    expect(metrics.text).toMatch(/vault_requests_rejected_total\{listener="internal",status="429"\} [1-9]/);
    expect(metrics.text).toMatch(/vault_requests_rejected_total\{listener="ingress",status="429"\} [1-9]/);
    expect(metrics.text).toMatch(/vault_token_fetches_total\{[^}]*outcome="rate_limited"[^}]*\} [1-9]/);
    expect(metrics.text).not.toContain('127.0.0.');
  });
});

it('never writes a tried key to a log line or an audit row', async () => {
  const tried = [
    CANARY.brokerApiKey,
    SERVICE_SECRETS.x,
    ...Array.from({ length: 101 }, (_, n) => wrongKey(n)),
  ];
  const audit = JSON.stringify(await auditRows(t.pool));
  for (const value of tried) {
    expect(capture.lines.filter((line) => line.includes(value))).toEqual([]);
    expect(audit).not.toContain(value);
  }
});
