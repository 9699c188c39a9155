// Failure paths end to end, each as an MCP isError result and in the plain form: over-long text, private image
// URLs, throttling, the 250-posts quota, an image Threads cannot fetch, and an expired token.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { sharedRateLimitMemory } from '@socialvault/platforms';
import { errorOf, resultOf, secret } from '@socialvault/testkit';
import { startThreadsStack, THREADS_USER_ID, threadsPayload, type ThreadsStack } from '../test/fixtures';

let stack: ThreadsStack;
let client: Client;

beforeAll(async () => {
  stack = await startThreadsStack('mcpth_fail');
  client = await stack.connect();
});
beforeEach(async () => {
  await stack.resetSim();
  sharedRateLimitMemory.clear();
});
afterAll(() => stack?.close());

describe('checked before any Threads call', () => {
  it('refuses text over 500 as Threads counts it (emoji = UTF-8 bytes), naming the count', async () => {
    const error = errorOf(
      await client.callTool({ name: 'publish_post', arguments: { text: `${'a'.repeat(497)}😀` } }),
    );
    expect(error).toMatchObject({
      code: 'invalid_input',
      message:
        'Invalid arguments for publish_post: text: must be at most 500 characters (got 501; each emoji counts as its UTF-8 bytes)',
    });
    const plain = await stack.plain({ method: 'publish_post', params: { text: 'b'.repeat(501) } });
    expect(plain.status).toBe(400);
    expect(plain.body.error).toMatchObject({ code: 'invalid_input' });
    expect(await stack.requests('threads')).toEqual([]);
  });

  it('refuses an image URL on a private or loopback address unless MEDIA_ALLOW_PRIVATE_URLS=true', async () => {
    const strict = await stack.startServer({ MEDIA_ALLOW_PRIVATE_URLS: 'false' });
    const image = `${stack.sim.url}/_sim/media/sample.jpg`;
    const strictClient = await stack.connect(strict);
    const error = errorOf(
      await strictClient.callTool({
        name: 'publish_post',
        arguments: { text: 'Private image', image_url: image },
      }),
    );
    expect(error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^image_url: .*private or loopback/),
    });
    const plain = await stack.plain(
      {
        method: 'publish_post',
        params: { text: 'Metadata', image_url: 'http://169.254.169.254/latest/meta-data' },
      },
      strict,
    );
    expect(plain.status).toBe(400);
    expect(await stack.requests('threads')).toEqual([]);
    // The default test server allows private addresses (the simulator lives on 127.0.0.1).
    const allowed = resultOf(
      await client.callTool({
        name: 'publish_post',
        arguments: { text: 'Private image allowed', image_url: image },
      }),
    );
    expect(allowed).toMatchObject({ media_type: 'IMAGE' });
  });
});

describe('Threads failures', () => {
  it('maps throttling to rate_limited with retry_after_s (429 and Retry-After in the plain form)', async () => {
    await stack.injectFault({ kind: 'rate_limit', code: 17, regain_access_minutes: 2 });
    const error = errorOf(await client.callTool({ name: 'get_recent_posts', arguments: {} }));
    expect(error).toMatchObject({ code: 'rate_limited', retry_after_s: 120 });
    // X-App-Usage said the budget is spent: the next call is refused here, without a Threads request.
    const plain = await stack.plain({ method: 'publish_post', params: { text: 'Not now' } });
    expect(plain.status).toBe(429);
    expect(Number(plain.headers.get('retry-after'))).toBeGreaterThan(100);
    expect(plain.body.error).toMatchObject({
      code: 'rate_limited',
      message: expect.stringContaining('not sent'),
    });
    expect(await stack.requests('threads')).toHaveLength(1);
  });

  it('reports the 250-posts-per-24 h quota as rate_limited with a hint', async () => {
    await stack.admin('POST', '/threads/accounts', {
      access_token: stack.accessToken,
      threads_user_id: THREADS_USER_ID,
      username: 'socialvault_threads',
      followers_count: 1280,
      posts_quota_total: 1,
    });
    const error = errorOf(
      await client.callTool({ name: 'publish_post', arguments: { text: 'One too many' } }),
    );
    expect(error).toMatchObject({ code: 'rate_limited', retry_after_s: 3600 });
    expect(error.hint).toContain('250 API-published posts');
    await stack.admin('POST', '/threads/accounts', {
      access_token: stack.accessToken,
      threads_user_id: THREADS_USER_ID,
      username: 'socialvault_threads',
      followers_count: 1280,
    });
  });

  it('reports an image Threads could not process as platform_error and never publishes it', async () => {
    const error = errorOf(
      await client.callTool({
        name: 'publish_post',
        arguments: { text: 'Broken image', image_url: `${stack.sim.url}/_sim/no-such-image.jpg` },
      }),
    );
    expect(error).toMatchObject({ code: 'platform_error', message: expect.stringContaining('status ERROR') });
    const paths = (await stack.requests('threads')).map((r) => r.path);
    expect(paths.some((path) => path.endsWith('/threads_publish'))).toBe(false);
  });

  it('answers not_found for a post id of no post of this profile', async () => {
    const plain = await stack.plain({
      method: 'get_post_insights',
      params: { post_id: '18100000000000999' },
    });
    expect(plain.status).toBe(404);
  });
});

describe('expired tokens', () => {
  it('answers reconnect_required when Threads rejects the token, and uses the new token once the broker reconnects', async () => {
    await stack.admin('POST', '/threads/tokens/expire', { access_token: stack.accessToken });
    const error = errorOf(await client.callTool({ name: 'get_account', arguments: {} }));
    expect(error).toMatchObject({
      code: 'reconnect_required',
      hint: expect.stringContaining('OAuth broker'),
    });
    const plain = await stack.plain({ method: 'publish_post', params: { text: 'Never published' } });
    expect(plain.status).toBe(401);
    expect(plain.body.error).toMatchObject({ code: 'reconnect_required' });

    const renewed = secret('THAArenewed');
    stack.trackSecret(renewed);
    await stack.admin('POST', '/threads/accounts', {
      access_token: renewed,
      threads_user_id: THREADS_USER_ID,
      username: 'socialvault_threads',
    });
    expect((await stack.brokerPost(threadsPayload(renewed))).status).toBe(201);
    expect(resultOf(await client.callTool({ name: 'get_account', arguments: {} }))).toMatchObject({
      id: THREADS_USER_ID,
    });
    expect((await stack.requests('threads')).map((r) => r.token).at(-1)).toBe(renewed);
  });
});

describe('canary', () => {
  it('never lets a secret cross the wire or reach a log line', () => {
    expect(stack.leakedSecrets()).toEqual([]);
  });
});
