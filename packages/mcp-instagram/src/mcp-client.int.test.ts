// End to end with the official SDK Client over Streamable HTTP: the server fetches its own token from the real vault
// and publishes and reads through the Graph simulator.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { expectRecentPostsCore, expectToolConventions } from '@socialvault/testkit';
import { IG_USER_ID, resultOf, startInstagramStack, type InstagramStack } from '../test/fixtures';

let stack: InstagramStack;
let client: Client;

beforeAll(async () => {
  stack = await startInstagramStack('mcpig_sdk');
  client = await stack.connect();
});
afterAll(() => stack?.close());

const TOOL_NAMES = [
  'publish_post',
  'publish_carousel',
  'publish_reel',
  'get_account_insights',
  'get_recent_media',
  'get_media_insights',
  'get_account',
];

describe('tools/list', () => {
  it('lists the seven Instagram tools with input and output schemas, descriptions and all four hints', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(TOOL_NAMES);
    expectToolConventions(tools, 80);
    const publishPost = tools.find((tool) => tool.name === 'publish_post')!;
    // image_url or image: one of the two, checked by the handler (no union in the published schema).
    expect(publishPost.inputSchema.required).toEqual(['caption']);
    expect(publishPost.inputSchema.properties!.image).toMatchObject({
      type: 'object',
      additionalProperties: false,
      properties: {
        url: { type: 'string' },
        image_base64: { type: 'string' },
        mime_type: { type: 'string' },
        rehost: { type: 'boolean' },
      },
    });
    expect(publishPost.inputSchema.properties!.caption).toMatchObject({ maxLength: 2200 });
  });
});

describe('publishing and reading back', () => {
  let mediaId: string;

  it('publishes an image post: the simulator saw container creation then media_publish, both with the vault token', async () => {
    await stack.resetSim();
    const imageUrl = `${stack.sim.url}/_sim/media/sample.jpg`;
    const published = resultOf(
      await client.callTool({
        name: 'publish_post',
        arguments: { image_url: imageUrl, caption: 'Hello from the e2e test #socialvault' },
      }),
    );
    expect(published).toEqual({
      media_id: expect.stringMatching(/^\d+$/),
      container_id: expect.stringMatching(/^\d+$/),
      permalink: expect.stringMatching(/^https:\/\/www\.instagram\.com\/p\//),
      account_id: IG_USER_ID,
      media_type: 'IMAGE',
      deduplicated: false,
    });
    mediaId = published.media_id as string;

    const requests = await stack.requests('instagram');
    const create = requests.findIndex((r) => r.method === 'POST' && r.path.endsWith(`/${IG_USER_ID}/media`));
    const publish = requests.findIndex((r) => r.path.endsWith(`/${IG_USER_ID}/media_publish`));
    expect(create).toBeGreaterThanOrEqual(0);
    expect(publish).toBeGreaterThan(create);
    expect(requests[create]!.body).toMatchObject({
      image_url: imageUrl,
      caption: 'Hello from the e2e test #socialvault',
    });
    expect(requests[publish]!.body).toMatchObject({ creation_id: published.container_id });
    for (const request of requests) {
      expect(request.token).toBe(stack.accessToken);
      expect(request.tokenSource).toBe('header');
      expect(request.status).toBe(200);
    }
  });

  it('returns the new post first in get_recent_media, in the common core every platform shares', async () => {
    const recent = resultOf(await client.callTool({ name: 'get_recent_media', arguments: { limit: 5 } }));
    expect(recent).toMatchObject({ account_id: IG_USER_ID, count: 1, next_cursor: null });
    const [post] = expectRecentPostsCore(recent, IG_USER_ID);
    expect(post).toMatchObject({
      id: mediaId,
      text: 'Hello from the e2e test #socialvault',
      url: expect.stringMatching(/^https:\/\//),
      created_at: expect.any(String),
      media_type: 'IMAGE',
      metrics: { likes: expect.any(Number), comments: expect.any(Number) },
    });
  });

  it('returns account insights as numbers by metric name, for an array or a comma-separated string', async () => {
    const insights = resultOf(
      await client.callTool({
        name: 'get_account_insights',
        arguments: { metrics: ['reach', 'views'], period: 'day' },
      }),
    );
    expect(insights).toMatchObject({
      account_id: IG_USER_ID,
      reach: expect.any(Number),
      views: expect.any(Number),
      period: 'day',
    });
    expect(insights.views as number).toBeGreaterThan(0);
    expect((insights.data as Array<{ name: string }>).map((row) => row.name).sort()).toEqual([
      'reach',
      'views',
    ]);

    const fromString = resultOf(
      await client.callTool({
        name: 'get_account_insights',
        arguments: { metrics: 'reach, total_interactions', period: 'week' },
      }),
    );
    expect(fromString).toMatchObject({
      reach: expect.any(Number),
      total_interactions: expect.any(Number),
      period: 'week',
      since: expect.any(String),
      until: expect.any(String),
    });
    expect(Date.parse(fromString.until as string) - Date.parse(fromString.since as string)).toBe(
      7 * 86_400_000,
    );
    expect(fromString).not.toHaveProperty('views');
  });

  it('reads account insights over a since/until range given as ISO-8601 and unix seconds', async () => {
    const until = Math.floor(Date.now() / 1000) + 60;
    const since = new Date((until - 3 * 86_400) * 1000).toISOString();
    const insights = resultOf(
      await client.callTool({
        name: 'get_account_insights',
        arguments: { metrics: ['reach'], since, until },
      }),
    );
    expect(insights).toMatchObject({
      reach: expect.any(Number),
      since: since.replace(/\.\d{3}Z$/, '.000Z'),
      until: new Date(until * 1000).toISOString(),
    });
    const [request] = (await stack.requests('instagram'))
      .filter((r) => r.path.endsWith('/insights'))
      .slice(-1);
    expect(request!.query).toMatchObject({ since: String(until - 3 * 86_400), until: String(until) });
  });

  it('returns media insights as numbers by metric name', async () => {
    const insights = resultOf(
      await client.callTool({ name: 'get_media_insights', arguments: { media_id: mediaId } }),
    );
    expect(insights).toMatchObject({
      media_id: mediaId,
      views: expect.any(Number),
      reach: expect.any(Number),
      likes: expect.any(Number),
      comments: expect.any(Number),
      shares: expect.any(Number),
      saved: expect.any(Number),
      total_interactions: expect.any(Number),
    });
    const chosen = resultOf(
      await client.callTool({
        name: 'get_media_insights',
        arguments: { media_id: mediaId, metrics: 'views' },
      }),
    );
    expect(Object.keys(chosen).sort()).toEqual(['data', 'media_id', 'views']);
  });

  it('publishes a carousel of three images and a reel', async () => {
    const image = `${stack.sim.url}/_sim/media/sample.jpg`;
    const carousel = resultOf(
      await client.callTool({
        name: 'publish_carousel',
        arguments: { image_urls: [image, image, image], caption: 'Three of a kind' },
      }),
    );
    expect(carousel).toMatchObject({
      media_id: expect.stringMatching(/^\d+$/),
      media_type: 'CAROUSEL_ALBUM',
      child_container_ids: [expect.any(String), expect.any(String), expect.any(String)],
    });

    const reel = resultOf(
      await client.callTool({
        name: 'publish_reel',
        arguments: {
          video_url: `${stack.sim.url}/_sim/media/sample.mp4`,
          caption: 'A reel',
          share_to_feed: false,
        },
      }),
    );
    expect(reel).toMatchObject({ media_id: expect.stringMatching(/^\d+$/), media_type: 'REELS' });
    const requests = await stack.requests('instagram');
    const reelCreate = requests.find(
      (r) => r.method === 'POST' && (r.body as Record<string, string>).media_type === 'REELS',
    );
    expect(reelCreate!.body).toMatchObject({ share_to_feed: 'false', caption: 'A reel' });

    const recent = resultOf(await client.callTool({ name: 'get_recent_media', arguments: { limit: 2 } }));
    expect(expectRecentPostsCore(recent, IG_USER_ID).map((media) => media.id)).toEqual([
      reel.media_id,
      carousel.media_id,
    ]);
    expect(recent.next_cursor).toEqual(expect.any(String));
    const older = resultOf(
      await client.callTool({ name: 'get_recent_media', arguments: { limit: 2, after: recent.next_cursor } }),
    );
    expect(expectRecentPostsCore(older, IG_USER_ID).map((media) => media.id)).toEqual([mediaId]);
  });

  it('returns the account profile with the token expiry but never the token', async () => {
    const account = resultOf(await client.callTool({ name: 'get_account', arguments: {} }));
    expect(account).toMatchObject({
      id: IG_USER_ID,
      account_id: IG_USER_ID,
      username: 'socialvault_e2e',
      name: 'Socialvault E2E',
      followers_count: 1280,
      media_count: 3,
      token_expires_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
  });
});

describe('canary', () => {
  it('never lets a secret cross the wire or reach a log line', () => {
    expect(stack.leakedSecrets()).toEqual([]);
  });
});
