// End to end with the official SDK Client over Streamable HTTP: mcp-threads fetches its own token from the real
// vault and publishes and reads through the Threads simulator.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { expectRecentPostsCore, expectToolConventions, resultOf } from '@socialvault/testkit';
import { startThreadsStack, THREADS_USER_ID, type ThreadsStack } from '../test/fixtures';

let stack: ThreadsStack;
let client: Client;

beforeAll(async () => {
  stack = await startThreadsStack('mcpth_sdk');
  client = await stack.connect();
});
afterAll(() => stack?.close());

describe('tools/list', () => {
  it('lists the five Threads tools with schemas, descriptions on every field and all four hints', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual([
      'publish_post',
      'get_account_insights',
      'get_recent_posts',
      'get_post_insights',
      'get_account',
    ]);
    expectToolConventions(tools, 80);
    const publish = tools[0]!;
    expect(publish.inputSchema.required).toEqual(['text']);
    expect(publish.inputSchema.properties!.text).toMatchObject({ maxLength: 500 });
    expect(publish.inputSchema.properties).toHaveProperty('idempotency_key');
    expect(publish.outputSchema!.properties).toHaveProperty('deduplicated');
  });
});

describe('publishing and reading back', () => {
  let textPostId: string;
  let imagePostId: string;

  it('publishes a text post: container then threads_publish, both with the vault token, no status polling', async () => {
    await stack.resetSim();
    const published = resultOf(
      await client.callTool({ name: 'publish_post', arguments: { text: 'Hello Threads from the e2e test' } }),
    );
    expect(published).toEqual({
      post_id: expect.stringMatching(/^\d+$/),
      container_id: expect.stringMatching(/^\d+$/),
      media_type: 'TEXT',
      permalink: expect.stringMatching(/^https:\/\/www\.threads\.net\/@socialvault_threads\/post\//),
      account_id: THREADS_USER_ID,
      deduplicated: false,
    });
    textPostId = published.post_id as string;
    const requests = await stack.requests('threads');
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /threads/v1.0/${THREADS_USER_ID}/threads`,
      `POST /threads/v1.0/${THREADS_USER_ID}/threads_publish`,
      `GET /threads/v1.0/${textPostId}`,
    ]);
    expect(requests[0]!.body).toEqual({ media_type: 'TEXT', text: 'Hello Threads from the e2e test' });
    for (const request of requests)
      expect(request).toMatchObject({ token: stack.accessToken, tokenSource: 'header' });
  });

  it('publishes an image reply after its container finishes', async () => {
    await stack.resetSim();
    const image = `${stack.sim.url}/_sim/media/sample.jpg`;
    const published = resultOf(
      await client.callTool({
        name: 'publish_post',
        arguments: { text: 'A picture 📷', image_url: image, reply_to_id: textPostId },
      }),
    );
    expect(published).toMatchObject({ media_type: 'IMAGE', reply_to_id: textPostId });
    imagePostId = published.post_id as string;
    const paths = (await stack.requests('threads')).map((r) => `${r.method} ${r.path}`);
    expect(paths.filter((p) => p === `GET /threads/v1.0/${published.container_id}`)).toHaveLength(2);
    expect(paths.indexOf(`POST /threads/v1.0/${THREADS_USER_ID}/threads_publish`)).toBeGreaterThan(
      paths.lastIndexOf(`GET /threads/v1.0/${published.container_id}`),
    );
  });

  it('returns both posts newest first in get_recent_posts, in the common core, with a cursor for older ones', async () => {
    const recent = resultOf(await client.callTool({ name: 'get_recent_posts', arguments: { limit: 1 } }));
    expect(expectRecentPostsCore(recent, THREADS_USER_ID)).toMatchObject([
      {
        id: imagePostId,
        text: 'A picture 📷',
        media_type: 'IMAGE',
        url: expect.stringMatching(/^https:\/\//),
        created_at: expect.any(String),
        metrics: {},
      },
    ]);
    expect(recent.next_cursor).toEqual(expect.any(String));
    const older = resultOf(
      await client.callTool({ name: 'get_recent_posts', arguments: { limit: 5, after: recent.next_cursor } }),
    );
    expect(older).toMatchObject({
      count: 1,
      posts: [{ id: textPostId, media_type: 'TEXT_POST' }],
      next_cursor: null,
    });
  });

  it('returns post insights as numbers by metric name', async () => {
    const insights = resultOf(
      await client.callTool({ name: 'get_post_insights', arguments: { post_id: imagePostId } }),
    );
    expect(insights).toEqual({
      post_id: imagePostId,
      views: expect.any(Number),
      likes: expect.any(Number),
      replies: expect.any(Number),
      reposts: expect.any(Number),
      quotes: expect.any(Number),
      shares: expect.any(Number),
    });
    const chosen = resultOf(
      await client.callTool({
        name: 'get_post_insights',
        arguments: { post_id: imagePostId, metrics: 'views,likes' },
      }),
    );
    expect(Object.keys(chosen).sort()).toEqual(['likes', 'post_id', 'views']);
  });

  it('returns profile insights over a since/until range, with views per day', async () => {
    const until = Math.floor(Date.now() / 1000) + 60;
    const since = new Date((until - 2 * 86_400) * 1000).toISOString();
    const insights = resultOf(
      await client.callTool({ name: 'get_account_insights', arguments: { since, until } }),
    );
    expect(insights).toMatchObject({
      account_id: THREADS_USER_ID,
      views: expect.any(Number),
      likes: expect.any(Number),
      replies: expect.any(Number),
      reposts: expect.any(Number),
      quotes: expect.any(Number),
      followers_count: 1280,
      until: new Date(until * 1000).toISOString(),
      views_by_day: [expect.objectContaining({ value: expect.any(Number) }), expect.anything()],
    });
    expect(insights.likes as number).toBeGreaterThan(0);
    const [request] = (await stack.requests('threads'))
      .filter((r) => r.path.endsWith('/threads_insights'))
      .slice(-1);
    expect(request!.query).toMatchObject({ until: String(until) });
  });

  it('returns the profile with the token expiry but never the token', async () => {
    const account = resultOf(await client.callTool({ name: 'get_account', arguments: {} }));
    expect(account).toMatchObject({
      id: THREADS_USER_ID,
      account_id: THREADS_USER_ID,
      username: 'socialvault_threads',
      name: 'Socialvault Threads',
      token_expires_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
  });
});

describe('canary', () => {
  it('never lets a secret cross the wire or reach a log line', () => {
    expect(stack.leakedSecrets()).toEqual([]);
  });
});
