// Behind a TLS reverse proxy every connection to the broker comes from the proxy. BROKER_TRUST_PROXY (Express's
// `trust proxy`) makes the operator sign-in limit count the client address the proxy appended to
// X-Forwarded-For, so ten wrong tokens from one person lock out that person only, not everyone behind the proxy.
import { generateKeyEntry } from '@socialvault/common';
import { captureLogs, createScratchDatabase, type ScratchDatabase } from '@socialvault/common/testing';
import { loadBrokerConfig, startBroker, type RunningBroker } from '../index';
import { secret } from '../../test/fixtures';

const ATTACKER = '198.51.100.7';
const OPERATOR = '198.51.100.8';
const WRONG_TRIES = 10;
const adminToken = secret('brokerAdmin');

let db: ScratchDatabase;
let broker: RunningBroker | undefined;
beforeAll(async () => {
  db = await createScratchDatabase(process.env.TEST_DATABASE_SERVER_URL!, 'brk_trustproxy');
});
afterEach(async () => {
  await broker?.close();
  broker = undefined;
});
afterAll(() => db.drop());

async function brokerWith(env: Record<string, string>): Promise<void> {
  broker = await startBroker(
    loadBrokerConfig({
      HOST: '127.0.0.1',
      BROKER_PORT: '0',
      BROKER_DATABASE_URL: db.url,
      BROKER_ENCRYPTION_KEYS: generateKeyEntry('b1'),
      BROKER_ADMIN_TOKEN: adminToken,
      ...env,
    }),
  );
}

/**
 * One person behind the proxy: opens the sign-in page (its session and CSRF cookies and token), then posts
 * `token` as the proxy forwards it, with the person's address appended to X-Forwarded-For.
 */
async function signInFrom(forwardedFor: string, token: string): Promise<number> {
  const page = await fetch(`${broker!.url}/signin`, { headers: { 'x-forwarded-for': forwardedFor } });
  const cookie = page.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const answer = await fetch(`${broker!.url}/signin`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie,
      'x-forwarded-for': forwardedFor,
    },
    body: new URLSearchParams({ _csrf: csrf, admin_token: token, next: '/' }).toString(),
  });
  await answer.text();
  return answer.status;
}

async function attack(forwardedFor: (attempt: number) => string): Promise<void> {
  for (let attempt = 0; attempt < WRONG_TRIES; attempt += 1)
    expect(await signInFrom(forwardedFor(attempt), `wrong-token-${attempt}`)).toBe(401);
}

describe('BROKER_TRUST_PROXY and the operator sign-in limit', () => {
  it('locks out only the address that sent the wrong tokens when the proxy is trusted (hop count 1)', async () => {
    await brokerWith({ BROKER_TRUST_PROXY: '1' });
    await attack(() => ATTACKER);
    expect(await signInFrom(ATTACKER, adminToken)).toBe(429);
    expect(await signInFrom(OPERATOR, adminToken)).toBe(303);
  });

  it('trusts a proxy given by address (CIDR list) the same way', async () => {
    await brokerWith({ BROKER_TRUST_PROXY: '10.0.0.0/8,127.0.0.1/32' });
    await attack(() => ATTACKER);
    expect(await signInFrom(ATTACKER, adminToken)).toBe(429);
    expect(await signInFrom(OPERATOR, adminToken)).toBe(303);
  });

  it('believes only the hop the proxy added: a client-written X-Forwarded-For entry does not escape the limit', async () => {
    await brokerWith({ BROKER_TRUST_PROXY: '1' });
    await attack((attempt) => `203.0.113.${attempt}, ${ATTACKER}`);
    expect(await signInFrom(`203.0.113.99, ${ATTACKER}`, adminToken)).toBe(429);
  });

  it('without BROKER_TRUST_PROXY counts everyone behind the proxy as the proxy: the operator is locked out too, and the log says so once', async () => {
    const capture = captureLogs();
    const consoleError = jest.spyOn(console, 'error');
    try {
      await brokerWith({});
      await attack(() => ATTACKER);
      expect(await signInFrom(OPERATOR, adminToken)).toBe(429);
      const notices = capture.lines.filter((line) => line.includes('BROKER_TRUST_PROXY is unset'));
      expect(notices).toHaveLength(1);
      expect(JSON.parse(notices[0]!)).toMatchObject({
        level: 'warn',
        hint: expect.stringContaining('BROKER_TRUST_PROXY'),
      });
      expect(consoleError).not.toHaveBeenCalled();
    } finally {
      capture.stop();
      consoleError.mockRestore();
    }
  });

  it('logs no proxy notice when the proxy is trusted', async () => {
    const capture = captureLogs();
    try {
      await brokerWith({ BROKER_TRUST_PROXY: '1' });
      expect(await signInFrom(OPERATOR, 'wrong-token')).toBe(401);
      expect(capture.lines.filter((line) => line.includes('BROKER_TRUST_PROXY is unset'))).toEqual([]);
    } finally {
      capture.stop();
    }
  });
});
