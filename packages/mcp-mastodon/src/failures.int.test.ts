// Failure paths end to end, over MCP and in the seed's plain form: too-long text, revoked token, rate limits,
// private-address and too many media, media that never finishes processing.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { sharedRateLimitMemory } from '@socialvault/platforms';
import { errorOf, resultOf } from '@socialvault/testkit';
import { ALICE, BOB, brokerPayload, startMastodonStack, type MastodonStack } from '../test/fixtures';

let stack: MastodonStack;
let client: Client;

beforeAll(async () => {
  stack = await startMastodonStack('mcpma_fail');
  client = await stack.connect();
});
beforeEach(async () => {
  await stack.resetSim();
  sharedRateLimitMemory.clear();
});
afterAll(() => stack?.close());

const posted = async () => (await stack.requests('mastodon')).filter((r) => r.method === 'POST');

/** Bob publishing `status` with the simulator's sample image, in the plain form, through a server started with `env`. */
async function publishImageWith(env: Record<string, string>, status: string) {
  return stack.plain(
    {
      method: 'publish_post',
      params: { account_id: BOB, status, media_urls: [stack.sim.sampleImageUrl] },
    },
    await stack.startServer(env),
  );
}

describe('input', () => {
  it('refuses a status over the instance limit before posting (400 in the plain form)', async () => {
    const error = errorOf(
      await client.callTool({
        name: 'publish_post',
        arguments: { account_id: ALICE, status: 'y'.repeat(480), spoiler_text: 'z'.repeat(21) },
      }),
    );
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('(got 501)') });
    const plain = await stack.plain({
      method: 'publish_post',
      params: { account_id: ALICE, status: '🐘'.repeat(501) },
    });
    expect(plain.status).toBe(400);
    expect(await posted()).toEqual([]);
  });

  it('refuses media on a private or loopback address unless MEDIA_ALLOW_PRIVATE_URLS=true', async () => {
    const answer = await publishImageWith({ MEDIA_ALLOW_PRIVATE_URLS: 'false' }, 'No');
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^media_urls\[0\]: .*private or loopback/),
    });
    expect(await posted()).toEqual([]);
  });

  it('refuses more media than the instance takes, and descriptions without media', async () => {
    const five = Array.from({ length: 5 }, () => stack.sim.sampleImageUrl);
    const error = errorOf(
      await client.callTool({
        name: 'publish_post',
        arguments: { account_id: ALICE, status: 'x', media_urls: five },
      }),
    );
    expect(error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('at most 4 media'),
    });
    const orphan = errorOf(
      await client.callTool({
        name: 'publish_post',
        arguments: { account_id: ALICE, status: 'x', media_descriptions: ['alt'] },
      }),
    );
    expect(orphan.code).toBe('invalid_input');
    expect(await posted()).toEqual([]);
  });
});

describe('instance failures', () => {
  it('answers reconnect_required when the instance revoked the token, and recovers after the broker reconnects', async () => {
    await stack.admin('POST', '/mastodon/tokens/revoke', {
      instance: 'alpha',
      access_token: stack.tokens[ALICE],
    });
    const error = errorOf(await client.callTool({ name: 'get_account', arguments: { account_id: ALICE } }));
    expect(error).toMatchObject({
      code: 'reconnect_required',
      message: expect.stringContaining('The access token was revoked'),
    });
    expect((await stack.plain({ method: 'get_recent_posts', params: { account_id: ALICE } })).status).toBe(
      401,
    );

    const renewed = await stack.connectAccount({ instance: 'alpha', username: 'alice', accountId: ALICE });
    expect(
      resultOf(await client.callTool({ name: 'get_account', arguments: { account_id: ALICE } })),
    ).toMatchObject({ username: 'alice' });
    expect((await stack.requests('mastodon')).at(-1)!.token).toBe(renewed);
  });

  it('maps the instance rate limit to rate_limited with retry_after_s from X-RateLimit-Reset (429 + Retry-After)', async () => {
    await stack.admin('POST', '/mastodon/instances', { name: 'tiny', rate_limit: 2 });
    await stack.connectAccount({ instance: 'tiny', username: 'tina', accountId: 'tina@tiny' });
    // Calls until the instance says stop (a 5-minute window boundary in between only delays it).
    const results = [];
    for (let i = 0; i < 6 && !results.at(-1)?.isError; i += 1) {
      results.push(await client.callTool({ name: 'get_account', arguments: { account_id: 'tina@tiny' } }));
    }
    expect(results.length).toBeGreaterThanOrEqual(3);
    const error = errorOf(results.at(-1)!);
    expect(error.code).toBe('rate_limited');
    expect(error.retry_after_s).toBeGreaterThan(0);
    expect(error.retry_after_s).toBeLessThanOrEqual(300);
    const sent = (await stack.requests('mastodon')).length;
    const plain = await stack.plain({ method: 'get_recent_posts', params: { account_id: 'tina@tiny' } });
    expect(plain.status).toBe(429);
    expect(Number(plain.headers.get('retry-after'))).toBe(plain.body.error!.retry_after_s);
    // The account's budget is known to be spent: refused here, without a request to the instance.
    expect(plain.body.error!.message).toContain('not sent');
    expect(await stack.requests('mastodon')).toHaveLength(sent);
    // Another instance keeps its own window.
    expect((await stack.plain({ method: 'get_account', params: { account_id: BOB } })).status).toBe(200);
  });

  it('gives up on media that stays in processing, without posting', async () => {
    const answer = await publishImageWith({ MASTODON_MEDIA_MAX_POLLS: '1' }, 'Too slow');
    expect(answer.status).toBe(502);
    expect(answer.body.error).toMatchObject({
      code: 'platform_error',
      message: expect.stringContaining('still processing'),
    });
    expect((await posted()).map((r) => r.path)).toEqual(['/mastodon/beta/api/v2/media']);
  });

  it('refuses a credential stored with a plain-http instance URL when the server does not allow insecure URLs', async () => {
    const strict = await stack.startServer({ ALLOW_INSECURE_URLS: 'false' });
    const answer = await stack.plain({ method: 'get_account', params: { account_id: ALICE } }, strict);
    expect(answer.status).toBe(401);
    expect(answer.body.error).toMatchObject({
      code: 'reconnect_required',
      hint: expect.stringContaining('instance_url'),
    });
    expect(await stack.requests('mastodon')).toEqual([]);
  });

  it('never sends the token to an instance on a private address stored before the guard (allowlist removed)', async () => {
    // alice@alpha was stored while the simulator's origin was allowlisted; this server no longer allows it.
    const guarded = await stack.startServer({ MASTODON_PRIVATE_INSTANCE_ALLOWLIST: '' });
    for (const method of ['get_account', 'get_recent_posts', 'publish_post']) {
      const answer = await stack.plain(
        { method, params: { account_id: ALICE, ...(method === 'publish_post' ? { status: 'Leak?' } : {}) } },
        guarded,
      );
      expect(answer.status).toBe(401);
      expect(answer.body.error).toMatchObject({
        code: 'reconnect_required',
        message: expect.stringContaining('is at 127.0.0.1, a private, loopback or link-local address'),
        hint: expect.stringContaining('MASTODON_PRIVATE_INSTANCE_ALLOWLIST'),
      });
    }
    expect(await stack.requests('mastodon')).toEqual([]);
  });

  it('keeps an expired token of one instance from touching the other', async () => {
    const payload = {
      ...brokerPayload(
        'old@beta',
        `old-canary-${Date.now()}0123456789`,
        stack.sim.mastodonUrl('beta'),
        'old',
      ),
      expires_at: '2024-01-01T00:00:00Z',
    };
    stack.trackSecret(payload.access_token);
    expect((await stack.brokerPost(payload)).status).toBe(201);
    const error = errorOf(
      await client.callTool({ name: 'publish_post', arguments: { account_id: 'old@beta', status: 'x' } }),
    );
    expect(error.code).toBe('reconnect_required');
    expect(await stack.requests('mastodon')).toEqual([]);
  });
});

describe('canary', () => {
  it('never lets a secret cross the wire or reach a log line', () => {
    expect(stack.leakedSecrets()).toEqual([]);
  });
});
