// End to end in the seed's plain form, as an n8n HTTP Request node sends it: POST /mcp {"method","params"} → JSON.
import { IG_USER_ID, startInstagramStack, type InstagramStack } from '../test/fixtures';

let stack: InstagramStack;

beforeAll(async () => {
  stack = await startInstagramStack('mcpig_plain');
});
afterAll(() => stack?.close());

describe("the seed's plain form", () => {
  let mediaId: string;

  it("answers the seed's insights call with the metric values by name", async () => {
    const answer = await stack.plain({
      method: 'get_account_insights',
      params: { period: 'day', metrics: ['reach', 'views'] },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      account_id: IG_USER_ID,
      reach: expect.any(Number),
      views: expect.any(Number),
      period: 'day',
      data: expect.any(Array),
    });
    const [request] = await stack.requests('instagram');
    expect(request).toMatchObject({
      method: 'GET',
      path: `/v25.0/${IG_USER_ID}/insights`,
      query: { metric: 'reach,views', period: 'day', metric_type: 'total_value' },
      token: stack.accessToken,
    });
  });

  it("refuses the seed's original impressions/profile_views call before Graph, naming the replacements", async () => {
    await stack.resetSim();
    const answer = await stack.plain({
      method: 'get_account_insights',
      params: { period: 'day', metrics: ['impressions', 'reach', 'profile_views'] },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/impressions, profile_views/),
      hint: expect.stringContaining('impressions → views'),
    });
    expect(answer.body.error!.hint).toContain('profile_views → no account-level replacement');
    expect(answer.body.error!.hint).toContain('["views","reach"]');
    expect(await stack.requests('instagram')).toEqual([]);
  });

  it('publishes a post and reads it back in recent media and media insights', async () => {
    const published = await stack.plain({
      method: 'publish_post',
      params: { image_url: `${stack.sim.url}/_sim/media/sample.jpg`, caption: 'Posted by an n8n workflow' },
    });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ media_id: expect.any(String), media_type: 'IMAGE' });
    mediaId = published.body.media_id as string;

    // n8n form fields often arrive as strings: a numeric limit and a comma-separated metric list.
    const recent = await stack.plain({ method: 'get_recent_media', params: { limit: '5' } });
    expect(recent.status).toBe(200);
    expect(recent.body).toMatchObject({
      count: 1,
      posts: [{ id: mediaId, text: 'Posted by an n8n workflow' }],
    });

    const insights = await stack.plain({
      method: 'get_media_insights',
      params: { media_id: mediaId, metrics: 'views,reach,likes' },
    });
    expect(insights.status).toBe(200);
    expect(insights.body).toMatchObject({
      media_id: mediaId,
      views: expect.any(Number),
      reach: expect.any(Number),
      likes: expect.any(Number),
    });
  });

  it('publishes a carousel and a reel, and reads the account', async () => {
    const image = `${stack.sim.url}/_sim/media/sample.jpg`;
    const carousel = await stack.plain({
      method: 'publish_carousel',
      params: { image_urls: [image, image], caption: 'Two images' },
    });
    expect(carousel.status).toBe(200);
    expect(carousel.body).toMatchObject({
      media_type: 'CAROUSEL_ALBUM',
      child_container_ids: expect.any(Array),
    });
    const reel = await stack.plain({
      method: 'publish_reel',
      params: { video_url: `${stack.sim.url}/_sim/media/sample.mp4`, caption: 'A reel' },
    });
    expect(reel.status).toBe(200);
    expect(reel.body).toMatchObject({ media_type: 'REELS' });
    const account = await stack.plain({ method: 'get_account' });
    expect(account.status).toBe(200);
    expect(account.body).toMatchObject({ id: IG_USER_ID, username: 'socialvault_e2e', media_count: 3 });
  });

  it('lists the tools for {"method":"tools/list"}', async () => {
    const answer = await stack.plain({ method: 'tools/list' });
    expect(answer.status).toBe(200);
    expect((answer.body.tools as Array<{ name: string }>).map((tool) => tool.name)).toHaveLength(7);
  });

  it('answers 404 for a misspelt tool, naming the real ones', async () => {
    const answer = await stack.plain({ method: 'get_insights', params: {} });
    expect(answer.status).toBe(404);
    expect(answer.body.error).toMatchObject({
      code: 'not_found',
      hint: expect.stringContaining('get_account_insights'),
    });
  });
});

describe('health', () => {
  it('reports itself ok with seven tools and the vault reachable', async () => {
    const response = await fetch(`${stack.server.url}/health`);
    const body = await response.text();
    stack.record(body);
    expect(response.status).toBe(200);
    expect(JSON.parse(body)).toEqual({
      status: 'ok',
      server: 'socialvault-instagram',
      version: '0.1.0',
      platform: 'instagram',
      tools: 7,
      vault: { reachable: true },
    });
  });
});

describe('canary', () => {
  it('never lets a secret cross the wire or reach a log line', () => {
    expect(stack.leakedSecrets()).toEqual([]);
  });
});
