// End to end with the official SDK Client over Streamable HTTP: mcp-x fetches its own token from the real vault,
// downloads and uploads images, and posts and reads through the X simulator.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { expectRecentPostsCore, expectToolConventions, resultOf } from '@socialvault/testkit';
import { startXStack, X_USER_ID, X_USERNAME, type XStack } from '../test/fixtures';

let stack: XStack;
let client: Client;

beforeAll(async () => {
  stack = await startXStack('mcpx_sdk');
  client = await stack.connect();
});
afterAll(() => stack?.close());

describe('tools/list', () => {
  it('lists the four X tools with schemas, descriptions on every field and all four hints', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual([
      'publish_post',
      'get_recent_posts',
      'get_post_metrics',
      'get_account',
    ]);
    expectToolConventions(tools, 80);
    const publish = tools[0]!;
    expect(publish.inputSchema.required).toEqual(['text']);
    // X counts URLs as 23, so a code-point maxLength would refuse valid posts.
    expect(publish.inputSchema.properties!.text).not.toHaveProperty('maxLength');
    expect(publish.inputSchema.properties!.media_urls).toMatchObject({ type: 'array', maxItems: 4 });
    expect(publish.inputSchema.properties).toHaveProperty('idempotency_key');
    expect(publish.outputSchema!.properties).toHaveProperty('deduplicated');
  });
});

describe('publishing and reading back', () => {
  let textPostId: string;
  let imagePostId: string;

  it('publishes a text post with a long URL (it counts 23) through POST /2/tweets with the vault token', async () => {
    await stack.resetSim();
    const text = `Hello X from the e2e test, details at https://example.com/${'a'.repeat(280)}`;
    const published = resultOf(await client.callTool({ name: 'publish_post', arguments: { text } }));
    expect(published).toEqual({
      post_id: expect.stringMatching(/^\d{19}$/),
      text,
      url: expect.stringMatching(new RegExp(`^https://x\\.com/${X_USERNAME}/status/\\d{19}$`)),
      media_ids: [],
      account_id: X_USER_ID,
      deduplicated: false,
    });
    textPostId = published.post_id as string;
    const [request] = await stack.requests('x');
    expect(request).toMatchObject({
      method: 'POST',
      path: '/x/2/tweets',
      body: { text },
      token: stack.accessToken,
      status: 201,
    });
  });

  it('downloads two images, uploads each through /2/media/upload, then posts them as a reply', async () => {
    await stack.resetSim();
    const image = `${stack.sim.url}/_sim/media/sample.jpg`;
    const published = resultOf(
      await client.callTool({
        name: 'publish_post',
        arguments: { text: 'Two pictures 📷📷', media_urls: [image, image], reply_to_id: textPostId },
      }),
    );
    expect(published).toMatchObject({
      media_ids: [expect.any(String), expect.any(String)],
      reply_to_id: textPostId,
    });
    imagePostId = published.post_id as string;
    const requests = await stack.requests('x');
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /x/2/media/upload',
      'POST /x/2/media/upload',
      'POST /x/2/tweets',
    ]);
    expect(requests[0]!.headers?.['content-type']).toMatch(/^multipart\/form-data/);
    expect(requests[2]!.body).toEqual({
      text: 'Two pictures 📷📷',
      media: { media_ids: published.media_ids },
      reply: { in_reply_to_tweet_id: textPostId },
    });
    for (const request of requests) expect(request.token).toBe(stack.accessToken);
  });

  it('returns both posts newest first in the common core with public_metrics, paging below X minimum page size', async () => {
    const recent = resultOf(await client.callTool({ name: 'get_recent_posts', arguments: { limit: 1 } }));
    const [post] = expectRecentPostsCore(recent, X_USER_ID);
    expect(post).toMatchObject({
      id: imagePostId,
      text: 'Two pictures 📷📷',
      url: `https://x.com/${X_USERNAME}/status/${imagePostId}`,
      created_at: expect.any(String),
      public_metrics: { like_count: expect.any(Number), impression_count: expect.any(Number) },
      in_reply_to_user_id: X_USER_ID,
    });
    const counts = post!.public_metrics as Record<string, number>;
    expect(post!.metrics).toEqual({
      likes: counts.like_count,
      comments: counts.reply_count,
      shares: counts.retweet_count,
      quotes: counts.quote_count,
      saves: counts.bookmark_count,
      views: counts.impression_count,
    });
    expect(recent).toMatchObject({ count: 1, next_cursor: expect.any(String) });
    const older = resultOf(
      await client.callTool({
        name: 'get_recent_posts',
        arguments: { limit: 1, cursor: recent.next_cursor },
      }),
    );
    expect((older.posts as Array<{ id: string }>).map((p) => p.id)).toEqual([textPostId]);
  });

  it('returns the metrics of one post by name', async () => {
    const metrics = resultOf(
      await client.callTool({ name: 'get_post_metrics', arguments: { post_id: textPostId } }),
    );
    expect(metrics).toMatchObject({
      post_id: textPostId,
      like_count: expect.any(Number),
      retweet_count: expect.any(Number),
      reply_count: expect.any(Number),
      quote_count: expect.any(Number),
      bookmark_count: expect.any(Number),
      impression_count: expect.any(Number),
      url: `https://x.com/${X_USERNAME}/status/${textPostId}`,
    });
  });

  it('returns the account from /2/users/me with its counts and the token expiry, never the token', async () => {
    const account = resultOf(await client.callTool({ name: 'get_account', arguments: {} }));
    expect(account).toMatchObject({
      id: X_USER_ID,
      account_id: X_USER_ID,
      username: X_USERNAME,
      name: 'Socialvault X',
      followers_count: 4200,
      following_count: 120,
      tweet_count: 2,
      token_expires_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
  });
});

describe('canary', () => {
  it('never lets a secret cross the wire or reach a log line', () => {
    expect(stack.leakedSecrets()).toEqual([]);
  });
});
