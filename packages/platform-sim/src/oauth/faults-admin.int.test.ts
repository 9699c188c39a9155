// Injected token-endpoint faults (shapes, slow calls, hang-ups) and the /_sim/oauth admin routes.
import http from 'node:http';
import { startPlatformSim, type PlatformSim } from '..';

const THREADS_TOKEN = 'threads-token-0123456789';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { status: number; body: any };
let sim: PlatformSim;
beforeEach(async () => {
  sim = await startPlatformSim();
});
afterEach(async () => sim.close());

const admin = async (method: string, path: string, body?: unknown): Promise<Answer> => {
  const response = await fetch(`${sim.url}/_sim/oauth${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
};

const refreshThreads = async (): Promise<Answer> => {
  const response = await fetch(
    `${sim.url}/threads/refresh_access_token?grant_type=th_refresh_token&access_token=${THREADS_TOKEN}`,
  );
  return { status: response.status, body: await response.json() };
};

async function registerThreadsOverHttp(): Promise<void> {
  const created = await admin('POST', '/grants', {
    endpoint: 'threads',
    account_ref: '7',
    access_token: THREADS_TOKEN,
    issued_at: new Date(Date.now() - 2 * 86_400_000).toISOString(),
  });
  expect(created.status).toBe(201);
}

describe('token endpoint faults', () => {
  beforeEach(registerThreadsOverHttp);

  it('answers invalid_grant as Graph code 190/460 for the next call only', async () => {
    expect((await admin('POST', '/faults', { endpoint: 'threads', kind: 'invalid_grant' })).status).toBe(201);
    expect(await refreshThreads()).toMatchObject({
      status: 400,
      body: { error: { code: 190, error_subcode: 460 } },
    });
    expect((await refreshThreads()).status).toBe(200);
  });

  it('answers 503 and 403 code 4 in Graph shape, and 503/429 in OAuth shape for X', async () => {
    await admin('POST', '/faults', { endpoint: 'threads', kind: 'unavailable' });
    expect(await refreshThreads()).toMatchObject({
      status: 503,
      body: { error: { code: 2, is_transient: true } },
    });
    await admin('POST', '/faults', { endpoint: 'threads', kind: 'rate_limited' });
    expect(await refreshThreads()).toMatchObject({ status: 403, body: { error: { code: 4 } } });
    sim.state.oauth.faults.add({ endpoint: 'x', kind: 'unavailable' });
    sim.state.oauth.faults.add({ endpoint: 'x', kind: 'rate_limited' });
    const x = () => fetch(`${sim.url}/x/2/oauth2/token`, { method: 'POST' });
    expect((await x()).status).toBe(503);
    const limited = await x();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-rate-limit-remaining')).toBe('0');
  });

  it('counts the most calls ever in flight during slow answers', async () => {
    await admin('POST', '/faults', { endpoint: 'threads', kind: 'slow', times: 3, delay_ms: 150 });
    const answers = await Promise.all([refreshThreads(), refreshThreads(), refreshThreads()]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const { body } = await admin('GET', '/stats');
    expect(body.stats.threads).toEqual({ calls: 3, succeeded: 3, failed: 0, inFlight: 0, maxInFlight: 3 });
  });

  it('drops a slow call whose client hung up, without issuing a token', async () => {
    sim.state.oauth.faults.add({ endpoint: 'threads', kind: 'slow', delay_ms: 300 });
    const rotated: string[] = [];
    sim.state.oauth.onAccessTokenRotated((_p, _old, next) => rotated.push(next));
    await new Promise<void>((resolve) => {
      const req = http.get(
        `${sim.url}/threads/refresh_access_token?grant_type=th_refresh_token&access_token=${THREADS_TOKEN}`,
      );
      req.on('error', () => resolve());
      setTimeout(() => req.destroy(), 50);
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(rotated).toEqual([]);
    expect(sim.state.oauth.statsOf('threads')).toMatchObject({ calls: 1, inFlight: 0, succeeded: 0 });
    expect(sim.state.oauth.calls('threads')[0]?.status).toBe(499);
    expect((await refreshThreads()).status).toBe(200);
  });
});

describe('/_sim/oauth admin', () => {
  it('registers apps, lists calls with what crossed the wire, and resets counters', async () => {
    expect(
      (await admin('POST', '/apps', { endpoint: 'x', client_id: 'cid', client_secret: 'sec' })).body,
    ).toEqual({
      endpoint: 'x',
      client_id: 'cid',
      confidential: true,
    });
    await registerThreadsOverHttp();
    await refreshThreads();
    const calls = await admin('GET', '/calls?endpoint=threads');
    expect(calls.body.calls).toEqual([
      expect.objectContaining({
        endpoint: 'threads',
        method: 'GET',
        path: '/threads/refresh_access_token',
        query: { grant_type: 'th_refresh_token', access_token: THREADS_TOKEN },
        status: 200,
      }),
    ]);
    expect((await admin('DELETE', '/stats')).status).toBe(204);
    expect((await admin('GET', '/stats')).body.stats.threads.calls).toBe(0);
  });

  it('revokes and expires tokens, and answers 400 for bad input and 404 for unknown tokens', async () => {
    await registerThreadsOverHttp();
    expect((await admin('POST', '/revoke', { token: THREADS_TOKEN })).status).toBe(200);
    expect((await refreshThreads()).body.error.code).toBe(190);
    expect((await admin('POST', '/expire', { token: 'unknown-token' })).status).toBe(404);
    const bad = await admin('POST', '/faults', { endpoint: 'myspace', kind: 'slow' });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0]).toMatch(/^endpoint:/);
  });

  it('is cleared by POST /_sim/reset', async () => {
    await registerThreadsOverHttp();
    await fetch(`${sim.url}/_sim/reset`, { method: 'POST' });
    expect((await refreshThreads()).body.error.code).toBe(190);
  });
});
