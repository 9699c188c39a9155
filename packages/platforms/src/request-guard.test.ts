import { AppError } from '@socialvault/common';
import { graphUsageSpentForS } from './meta/graph-usage';
import { endpointBucket, RateLimitMemory, tokenFingerprint } from './rate-limit-memory';
import { RequestGuard } from './request-guard';

const TOKEN = 'canary-token-0123456789abcdef';
const serverError = (status = 503) =>
  new AppError('platform_error', 'down', { hint: 'retry', details: { http_status: status } });
const limited = (retryAfterS: number) =>
  new AppError('rate_limited', 'slow down', { hint: 'wait', retryAfterS });

function setup(now = { ms: 1_000_000 }) {
  const memory = new RateLimitMemory(() => now.ms);
  const sleeps: number[] = [];
  const guard = new RequestGuard('X', 'x', TOKEN, {
    memory,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  return { memory, guard, sleeps, now };
}

describe('RequestGuard', () => {
  it('retries a GET on 5xx at most twice with growing waits, then gives the error', async () => {
    const { guard, sleeps } = setup();
    let calls = 0;
    const send = async () => {
      calls += 1;
      throw serverError();
    };
    await expect(guard.run({ method: 'GET', operation: 'read' }, send)).rejects.toMatchObject({
      code: 'platform_error',
    });
    expect(calls).toBe(3);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(200);
    expect(sleeps[0]).toBeLessThanOrEqual(300);
    expect(sleeps[1]).toBeGreaterThanOrEqual(400);
    expect(sleeps[1]).toBeLessThanOrEqual(600);
  });

  it('returns the first good answer of a retried GET', async () => {
    const { guard } = setup();
    let calls = 0;
    const value = await guard.run({ method: 'GET', operation: 'read' }, async () => {
      calls += 1;
      if (calls < 2) throw serverError(500);
      return { value: 'ok' };
    });
    expect(value).toBe('ok');
  });

  it('never retries a POST, nor a GET refused with 4xx', async () => {
    const { guard } = setup();
    let calls = 0;
    const fail = (error: AppError) => async () => {
      calls += 1;
      throw error;
    };
    await expect(guard.run({ method: 'POST', operation: 'post' }, fail(serverError()))).rejects.toThrow(
      'down',
    );
    await expect(
      guard.run(
        { method: 'GET', operation: 'read' },
        fail(new AppError('not_found', 'gone', { hint: '', details: { http_status: 404 } })),
      ),
    ).rejects.toThrow('gone');
    expect(calls).toBe(2);
  });

  it('remembers headers that say a bucket is spent and refuses that bucket, not others, until the reset', async () => {
    const { guard, now } = setup();
    const bucket = endpointBucket('POST', '/2/tweets');
    await guard.run({ method: 'POST', operation: 'post', bucket }, async () => ({ value: 1, spentForS: 60 }));
    let sent = false;
    const error = await guard
      .run({ method: 'POST', operation: 'create the post', bucket }, async () => {
        sent = true;
        return { value: 2 };
      })
      .catch((caught: AppError) => caught);
    expect(sent).toBe(false);
    expect(error).toMatchObject({
      code: 'rate_limited',
      retryAfterS: 60,
      message: expect.stringContaining('X could not create the post: its rate limit is spent until'),
    });
    await expect(
      guard.run({ method: 'GET', operation: 'read', bucket: 'GET /2/users/me' }, async () => ({ value: 3 })),
    ).resolves.toBe(3);
    now.ms += 61_000;
    await expect(
      guard.run({ method: 'POST', operation: 'post', bucket }, async () => ({ value: 4 })),
    ).resolves.toBe(4);
  });

  it('remembers a rate_limited answer for its retry_after_s, token-wide when the request has no bucket', async () => {
    const { guard } = setup();
    await expect(
      guard.run({ method: 'GET', operation: 'read' }, async () => {
        throw limited(120);
      }),
    ).rejects.toMatchObject({ code: 'rate_limited' });
    await expect(
      guard.run({ method: 'GET', operation: 'read', bucket: 'GET /me' }, async () => ({ value: 1 })),
    ).rejects.toMatchObject({ code: 'rate_limited', retryAfterS: 120 });
  });

  it('keeps tokens apart and never keys memory by the token itself', () => {
    expect(tokenFingerprint(TOKEN)).toMatch(/^[0-9a-f]{16}$/);
    expect(tokenFingerprint(TOKEN)).not.toBe(tokenFingerprint(`${TOKEN}x`));
    expect(endpointBucket('get', '/2/users/1500000000000000001/tweets?max_results=5')).toBe(
      'GET /2/users/:id/tweets',
    );
    expect(endpointBucket('GET', '/rest/posts/urn%3Ali%3Ashare%3A7')).toBe('GET /rest/posts/:id');
  });
});

describe('graphUsageSpentForS', () => {
  it('reads X-App-Usage and X-Business-Use-Case-Usage at 100 % as spent', () => {
    expect(
      graphUsageSpentForS({ 'x-app-usage': '{"call_count":28,"total_time":25,"total_cputime":25}' }),
    ).toBe(undefined);
    expect(
      graphUsageSpentForS({ 'X-App-Usage': '{"call_count":100,"total_time":25,"total_cputime":25}' }),
    ).toBe(60);
    const buc = {
      '17841400000000001': [{ type: 'instagram', call_count: 100, estimated_time_to_regain_access: 7 }],
    };
    expect(graphUsageSpentForS({ 'x-business-use-case-usage': JSON.stringify(buc) })).toBe(420);
    expect(graphUsageSpentForS({ 'x-app-usage': 'not json' })).toBeUndefined();
  });
});
