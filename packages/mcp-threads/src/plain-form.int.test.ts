// End to end in the seed's plain form, as an n8n HTTP Request node sends it: POST /mcp {"method","params"} → JSON.
import { startThreadsStack, THREADS_USER_ID, type ThreadsStack } from '../test/fixtures';

let stack: ThreadsStack;

beforeAll(async () => {
  stack = await startThreadsStack('mcpth_plain');
});
afterAll(() => stack?.close());

describe("the seed's plain form", () => {
  it('publishes a text post and an image post, and reads them back with their insights', async () => {
    const text = await stack.plain({ method: 'publish_post', params: { text: 'Posted by an n8n workflow' } });
    expect(text.status).toBe(200);
    expect(text.body).toMatchObject({ post_id: expect.any(String), media_type: 'TEXT' });
    const image = await stack.plain({
      method: 'publish_post',
      params: { text: 'With a picture', image_url: `${stack.sim.url}/_sim/media/sample.jpg` },
    });
    expect(image.status).toBe(200);
    expect(image.body).toMatchObject({ media_type: 'IMAGE' });

    // n8n form fields often arrive as strings: a numeric limit and a comma-separated metric list.
    const recent = await stack.plain({ method: 'get_recent_posts', params: { limit: '5' } });
    expect(recent.status).toBe(200);
    expect(recent.body).toMatchObject({
      count: 2,
      posts: [{ id: image.body.post_id }, { id: text.body.post_id, text: 'Posted by an n8n workflow' }],
    });
    const insights = await stack.plain({
      method: 'get_post_insights',
      params: { post_id: text.body.post_id, metrics: 'views,likes,replies' },
    });
    expect(insights.status).toBe(200);
    expect(insights.body).toEqual({
      post_id: text.body.post_id,
      views: expect.any(Number),
      likes: expect.any(Number),
      replies: expect.any(Number),
    });
    const account = await stack.plain({
      method: 'get_account_insights',
      params: { metrics: ['likes', 'followers_count'] },
    });
    expect(account.status).toBe(200);
    expect(account.body).toMatchObject({
      account_id: THREADS_USER_ID,
      likes: expect.any(Number),
      followers_count: 1280,
    });
    expect(account.body).not.toHaveProperty('since');
  });

  it('refuses an unknown metric and a range before 2024-04-13 before calling Threads', async () => {
    await stack.resetSim();
    const unknown = await stack.plain({ method: 'get_account_insights', params: { metrics: 'impressions' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error!.hint).toContain('views');
    const early = await stack.plain({ method: 'get_account_insights', params: { since: '2024-01-01' } });
    expect(early.status).toBe(400);
    expect(early.body.error!.message).toContain('2024-04-13');
    expect(await stack.requests('threads')).toEqual([]);
  });

  it('lists the five tools for {"method":"tools/list"} and reports health', async () => {
    const answer = await stack.plain({ method: 'tools/list' });
    expect((answer.body.tools as Array<{ name: string }>).map((tool) => tool.name)).toHaveLength(5);
    const response = await fetch(`${stack.server.url}/health`);
    const body = await response.text();
    stack.record(body);
    expect(JSON.parse(body)).toEqual({
      status: 'ok',
      server: 'socialvault-threads',
      version: '0.1.0',
      platform: 'threads',
      tools: 5,
      vault: { reachable: true },
    });
  });
});

describe('canary', () => {
  it('never lets a secret cross the wire or reach a log line', () => {
    expect(stack.leakedSecrets()).toEqual([]);
  });
});
