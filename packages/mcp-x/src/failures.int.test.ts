// Failure paths end to end, each as an MCP isError result and in the plain form: weighted over-long text, private
// media URLs, media hosts that never answer, wrong media, rate limits from x-rate-limit-reset, duplicate text and an expired token.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { sharedRateLimitMemory } from '@socialvault/platforms';
import { errorOf, resultOf } from '@socialvault/testkit';
import { startXStack, X_USER_ID, type XStack } from '../test/fixtures';

let stack: XStack;
let client: Client;
let image: string;

beforeAll(async () => {
  stack = await startXStack('mcpx_fail');
  client = await stack.connect();
  image = `${stack.sim.url}/_sim/media/sample.jpg`;
});
beforeEach(async () => {
  await stack.resetSim();
  await stack.admin('DELETE', '/x/rate-limit');
  sharedRateLimitMemory.clear();
});
afterAll(() => stack?.close());

describe('checked before any X call', () => {
  it('refuses text over 280 as X counts it (CJK 2 each), naming the weighted count', async () => {
    const error = errorOf(
      await client.callTool({ name: 'publish_post', arguments: { text: '日'.repeat(141) } }),
    );
    expect(error).toMatchObject({
      code: 'invalid_input',
      message:
        'Invalid arguments for publish_post: text: must be at most 280 characters (got 282; as X counts them: URLs 23, emoji and CJK 2)',
    });
    const plain = await stack.plain({ method: 'publish_post', params: { text: 'a'.repeat(281) } });
    expect(plain.status).toBe(400);
    expect(await stack.requests('x')).toEqual([]);
  });

  it('refuses media on a private or loopback address unless MEDIA_ALLOW_PRIVATE_URLS=true, uploading nothing', async () => {
    const strict = await stack.startServer({ MEDIA_ALLOW_PRIVATE_URLS: 'false' });
    const strictClient = await stack.connect(strict);
    const error = errorOf(
      await strictClient.callTool({
        name: 'publish_post',
        arguments: { text: 'Private media', media_urls: [image] },
      }),
    );
    expect(error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^media_urls\[0\]: .*private or loopback/),
    });
    const plain = await stack.plain(
      {
        method: 'publish_post',
        params: { text: 'Metadata', media_urls: ['http://169.254.169.254/latest/meta-data'] },
      },
      strict,
    );
    expect(plain.status).toBe(400);
    expect(plain.body.error).toMatchObject({ code: 'invalid_input' });
    expect(await stack.requests('x')).toEqual([]);
  });

  it('gives up a media download at the kit’s MEDIA_FETCH_TIMEOUT_MS, naming the field, before anything reaches X', async () => {
    // A host that takes the connection and never answers: only the whole-download deadline ends the wait.
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const quick = await stack.startServer({ MEDIA_FETCH_TIMEOUT_MS: '200' });
      const { port } = silent.address() as AddressInfo;
      const answer = await stack.plain(
        {
          method: 'publish_post',
          params: { text: 'Stalled media', media_urls: [`http://127.0.0.1:${port}/a.jpg`] },
        },
        quick,
      );
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({
        code: 'invalid_input',
        message: 'media_urls[0]: the download timed out',
      });
      expect(await stack.requests('x')).toEqual([]);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('refuses a fifth image and a video among the images before uploading anything', async () => {
    const five = await stack.plain({
      method: 'publish_post',
      params: { text: 'Five', media_urls: [image, image, image, image, image] },
    });
    expect(five.status).toBe(400);
    const video = errorOf(
      await client.callTool({
        name: 'publish_post',
        arguments: { text: 'A video', media_urls: [image, `${stack.sim.url}/_sim/media/sample.mp4`] },
      }),
    );
    expect(video).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('media_urls[1]: content type video/mp4'),
    });
    expect(await stack.requests('x')).toEqual([]);
  });
});

describe('X failures', () => {
  it('maps a 429 to rate_limited with retry_after_s from x-rate-limit-reset (429 and Retry-After in the plain form)', async () => {
    await stack.admin('POST', '/x/rate-limit', { endpoint: 'POST /2/tweets', limit: 0, window_s: 600 });
    const error = errorOf(await client.callTool({ name: 'publish_post', arguments: { text: 'Throttled' } }));
    expect(error.code).toBe('rate_limited');
    expect(error.retry_after_s).toBeGreaterThan(590);
    expect(error.retry_after_s).toBeLessThanOrEqual(601);
    const plain = await stack.plain({ method: 'publish_post', params: { text: 'Throttled again' } });
    expect(plain.status).toBe(429);
    expect(Number(plain.headers.get('retry-after'))).toBeGreaterThan(590);
    // The second call is refused from memory: X saw only the first.
    const requests = await stack.requests('x');
    expect(requests.map((r) => r.status)).toEqual([429]);
  });

  it('refuses early, without a wasted call, once x-rate-limit-remaining reaches 0', async () => {
    await stack.admin('POST', '/x/rate-limit', { endpoint: 'POST /2/tweets', limit: 1, window_s: 900 });
    resultOf(await client.callTool({ name: 'publish_post', arguments: { text: 'Last one this window' } }));
    const early = errorOf(
      await client.callTool({ name: 'publish_post', arguments: { text: 'One too many' } }),
    );
    expect(early).toMatchObject({
      code: 'rate_limited',
      message: expect.stringContaining('the call was not sent'),
    });
    expect(early.retry_after_s).toBeGreaterThan(890);
    const posts = (await stack.requests('x')).filter((r) => r.method === 'POST' && r.path === '/x/2/tweets');
    expect(posts).toHaveLength(1);
    // Other endpoints keep their own budget.
    expect(resultOf(await client.callTool({ name: 'get_account', arguments: {} }))).toMatchObject({
      id: X_USER_ID,
    });
  });

  it('maps a one-off throttling fault on reads the same way', async () => {
    await stack.injectFault({ kind: 'rate_limit', regain_access_minutes: 2 });
    const error = errorOf(await client.callTool({ name: 'get_account', arguments: {} }));
    expect(error).toMatchObject({ code: 'rate_limited' });
    expect(error.retry_after_s).toBeGreaterThan(110);
  });

  it('replays an identical retry from the ledger, and reports X refusing duplicate text under a new key as invalid_input', async () => {
    const first = resultOf(
      await client.callTool({ name: 'publish_post', arguments: { text: 'Said once only' } }),
    );
    const replay = resultOf(
      await client.callTool({ name: 'publish_post', arguments: { text: 'Said once only' } }),
    );
    expect(replay).toEqual({ ...first, deduplicated: true });
    const error = errorOf(
      await client.callTool({
        name: 'publish_post',
        arguments: { text: 'Said once only', idempotency_key: 'deliberately-new-key' },
      }),
    );
    expect(error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('duplicate content'),
    });
  });

  it('answers not_found (404) for a post that does not exist', async () => {
    const plain = await stack.plain({
      method: 'get_post_metrics',
      params: { post_id: '1899999999999999999' },
    });
    expect(plain.status).toBe(404);
    expect(plain.body.error).toMatchObject({ code: 'not_found' });
  });
});

describe('expired tokens', () => {
  it('answers reconnect_required when X answers 401, and uses the new token once the broker reconnects', async () => {
    await stack.admin('POST', '/x/tokens/expire', { access_token: stack.accessToken });
    const error = errorOf(await client.callTool({ name: 'get_recent_posts', arguments: {} }));
    expect(error).toMatchObject({
      code: 'reconnect_required',
      hint: expect.stringContaining('OAuth broker'),
    });
    const plain = await stack.plain({ method: 'publish_post', params: { text: 'Never posted' } });
    expect(plain.status).toBe(401);

    const { accessToken: renewed } = await stack.connectUser();
    expect(resultOf(await client.callTool({ name: 'get_account', arguments: {} }))).toMatchObject({
      id: X_USER_ID,
    });
    expect((await stack.requests('x')).map((r) => r.token).at(-1)).toBe(renewed);
  });
});

describe('canary', () => {
  it('never lets a secret cross the wire or reach a log line', () => {
    expect(stack.leakedSecrets()).toEqual([]);
  });
});
