// End to end with the official SDK Client over Streamable HTTP: the server fetches its own token from the real
// vault and publishes and reads through the strict LinkedIn simulator.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { DEFAULT_LINKEDIN_VERSION } from '@socialvault/platforms';
import { expectRecentPostsCore, expectToolConventions, resultOf } from '@socialvault/testkit';
import { PERSON_URN, SUB, startLinkedInStack, type LinkedInStack } from '../test/fixtures';

let stack: LinkedInStack;
let client: Client;

beforeAll(async () => {
  stack = await startLinkedInStack('mcpli_sdk');
  client = await stack.connect();
});
afterAll(() => stack?.close());

describe('tools/list', () => {
  it('lists the four LinkedIn tools with schemas, descriptions and all four hints', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual([
      'publish_post',
      'get_recent_posts',
      'get_post_insights',
      'get_account',
    ]);
    expectToolConventions(tools, 120);
    const publish = tools[0]!;
    expect(publish.inputSchema.required).toEqual(['text']);
    expect(publish.inputSchema.properties).toHaveProperty('idempotency_key');
    expect(publish.outputSchema!.properties).toHaveProperty('deduplicated');
    expect(publish.inputSchema.properties!.text).toMatchObject({ maxLength: 3000 });
    expect(publish.inputSchema.properties!.visibility).toMatchObject({
      enum: ['PUBLIC', 'CONNECTIONS'],
      default: 'PUBLIC',
    });
    expect(tools[1]!.description).toContain('r_member_social');
    expect(tools[2]!.description).toContain('r_member_postAnalytics');
    expect(tools[3]!.description).toContain('Not available');
  });
});

describe('publishing and reading back', () => {
  it('publishes a text post through the versioned Posts API with the vault token', async () => {
    await stack.resetSim();
    const published = resultOf(
      await client.callTool({
        name: 'publish_post',
        arguments: { text: 'Hello LinkedIn (from an MCP tool) #socialvault', visibility: 'CONNECTIONS' },
      }),
    );
    expect(published).toEqual({
      post_urn: expect.stringMatching(/^urn:li:share:\d+$/),
      post_url: `https://www.linkedin.com/feed/update/${published.post_urn}/`,
      author_urn: PERSON_URN,
      visibility: 'CONNECTIONS',
      deduplicated: false,
    });
    const requests = await stack.requests('linkedin');
    // The author URN came from the vault's extra.person_urn: no userinfo call was needed.
    expect(requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /linkedin/rest/posts 201',
    ]);
    expect(requests[0]).toMatchObject({
      token: stack.accessToken,
      headers: { 'linkedin-version': DEFAULT_LINKEDIN_VERSION, 'x-restli-protocol-version': '2.0.0' },
      body: expect.objectContaining({
        author: PERSON_URN,
        commentary: 'Hello LinkedIn \\(from an MCP tool\\) {hashtag|\\#|socialvault}',
        lifecycleState: 'PUBLISHED',
      }),
    });
  });

  it('publishes with an image: download, initializeUpload, PUT, then the post with the image URN', async () => {
    await stack.resetSim();
    const published = resultOf(
      await client.callTool({
        name: 'publish_post',
        arguments: {
          text: 'With a picture',
          image_url: stack.sim.sampleImageUrl,
          image_alt_text: 'An orange gradient',
        },
      }),
    );
    expect(published).toMatchObject({
      visibility: 'PUBLIC',
      image_urn: expect.stringMatching(/^urn:li:image:/),
    });
    const requests = await stack.requests('linkedin');
    expect(
      requests.map((r) => `${r.method} ${r.path.replace(/dms-uploads\/\w+/, 'dms-uploads/…')} ${r.status}`),
    ).toEqual([
      'POST /linkedin/rest/images 200',
      'PUT /linkedin/dms-uploads/… 201',
      'POST /linkedin/rest/posts 201',
    ]);
    expect(requests[2]!.body).toMatchObject({
      content: { media: { id: published.image_urn, altText: 'An orange gradient' } },
    });
  });

  it('reads the posts back, newest first, in the common core, with reactions and comments', async () => {
    const recent = resultOf(await client.callTool({ name: 'get_recent_posts', arguments: { limit: 1 } }));
    expect(recent).toMatchObject({ account_id: SUB, author_urn: PERSON_URN, count: 1, next_start: 1 });
    const [newest] = expectRecentPostsCore(recent, SUB);
    expect(newest).toMatchObject({
      id: expect.stringMatching(/^urn:li:(share|ugcPost):/),
      url: `https://www.linkedin.com/feed/update/${newest!.id as string}/`,
      text: 'With a picture',
      visibility: 'PUBLIC',
      lifecycle_state: 'PUBLISHED',
      image_urn: expect.stringMatching(/^urn:li:image:/),
      created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      metrics: { likes: expect.any(Number), comments: expect.any(Number) },
      reactions_by_type: expect.objectContaining({ LIKE: expect.any(Number) }),
    });
    const older = resultOf(await client.callTool({ name: 'get_recent_posts', arguments: { start: 1 } }));
    expect((older.posts as Array<{ text: string }>)[0]!.text).toBe(
      'Hello LinkedIn (from an MCP tool) #socialvault',
    );
    expect(older.next_start).toBeNull();
    expect(older.not_available).toContain('Impressions');
  });

  it('returns the member profile with the scopes and token expiry, never the token', async () => {
    const account = resultOf(await client.callTool({ name: 'get_account', arguments: {} }));
    expect(account).toEqual({
      person_urn: PERSON_URN,
      sub: SUB,
      account_id: SUB,
      name: 'Ada Lovelace',
      email: `${SUB.toLowerCase()}@example.com`,
      locale: 'en-US',
      scopes: ['openid', 'profile', 'email', 'w_member_social', 'r_member_social'],
      token_expires_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      not_available: expect.stringContaining('Follower'),
    });
  });

  it('finds the author from /v2/userinfo when the broker sent no person_urn', async () => {
    await stack.connectMember({ sub: 'noUrnMember', name: 'Bo', personUrnInVault: false });
    await stack.resetSim();
    const published = resultOf(
      await client.callTool({
        name: 'publish_post',
        arguments: { account_id: 'noUrnMember', text: 'Who am I?' },
      }),
    );
    expect(published.author_urn).toBe('urn:li:person:noUrnMember');
    expect((await stack.requests('linkedin')).map((r) => r.path)).toEqual([
      '/linkedin/v2/userinfo',
      '/linkedin/rest/posts',
    ]);
  });
});

describe('canary', () => {
  it('never lets a secret cross the wire or reach a log line', () => {
    expect(stack.leakedSecrets()).toEqual([]);
  });
});
