// End to end in the seed's plain form, as an n8n HTTP Request node sends it: POST /mcp {"method","params"} → JSON.
import { startXStack, X_USER_ID, type XStack } from '../test/fixtures';

let stack: XStack;

beforeAll(async () => {
  stack = await startXStack('mcpx_plain');
});
afterAll(() => stack?.close());

describe("the seed's plain form", () => {
  it('publishes a text post and an image post, and reads them back with their metrics', async () => {
    const text = await stack.plain({ method: 'publish_post', params: { text: 'Posted by an n8n workflow' } });
    expect(text.status).toBe(200);
    expect(text.body).toMatchObject({ post_id: expect.any(String), media_ids: [] });
    const image = await stack.plain({
      method: 'publish_post',
      params: { text: 'With a picture', media_urls: [`${stack.sim.url}/_sim/media/sample.jpg`] },
    });
    expect(image.status).toBe(200);
    expect(image.body).toMatchObject({ media_ids: [expect.any(String)] });

    // n8n form fields often arrive as strings.
    const recent = await stack.plain({ method: 'get_recent_posts', params: { limit: '5' } });
    expect(recent.status).toBe(200);
    expect(recent.body).toMatchObject({
      account_id: X_USER_ID,
      count: 2,
      next_cursor: null,
      posts: [
        { id: image.body.post_id, public_metrics: { like_count: expect.any(Number) } },
        { id: text.body.post_id, text: 'Posted by an n8n workflow' },
      ],
    });
    const metrics = await stack.plain({
      method: 'get_post_metrics',
      params: { post_id: image.body.post_id },
    });
    expect(metrics.status).toBe(200);
    expect(metrics.body).toMatchObject({
      like_count: expect.any(Number),
      impression_count: expect.any(Number),
    });
    const account = await stack.plain({ method: 'get_account' });
    expect(account.body).toMatchObject({ id: X_USER_ID, tweet_count: 2 });
  });

  it('lists the four tools for {"method":"tools/list"} and reports health', async () => {
    const answer = await stack.plain({ method: 'tools/list' });
    expect((answer.body.tools as Array<{ name: string }>).map((tool) => tool.name)).toHaveLength(4);
    const response = await fetch(`${stack.server.url}/health`);
    const body = await response.text();
    stack.record(body);
    expect(JSON.parse(body)).toEqual({
      status: 'ok',
      server: 'socialvault-x',
      version: '0.1.0',
      platform: 'x',
      tools: 4,
      vault: { reachable: true },
    });
  });
});

describe('canary', () => {
  it('never lets a secret cross the wire or reach a log line', () => {
    expect(stack.leakedSecrets()).toEqual([]);
  });
});
