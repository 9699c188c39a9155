// End to end with the official SDK Client over Streamable HTTP: two accounts on two instances through one
// server, each call going to its own instance with its own token, limits and idempotency keys.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { errorOf, expectRecentPostsCore, expectToolConventions, resultOf } from '@socialvault/testkit';
import { ALICE, BOB, startMastodonStack, type MastodonStack } from '../test/fixtures';

let stack: MastodonStack;
let client: Client;

beforeAll(async () => {
  stack = await startMastodonStack('mcpma_sdk');
  client = await stack.connect();
});
afterAll(() => stack?.close());

const call = async (name: string, args: Record<string, unknown>) =>
  resultOf(await client.callTool({ name, arguments: args }));

describe('tools/list', () => {
  it('lists the three Mastodon tools; publish_post takes an idempotency_key honoured by the instance', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['publish_post', 'get_recent_posts', 'get_account']);
    expectToolConventions(tools, 120);
    const publish = tools[0]!.inputSchema;
    expect(publish.required).toEqual(['status']);
    expect(publish.properties!.visibility).toMatchObject({
      enum: ['public', 'unlisted', 'private', 'direct'],
      default: 'public',
    });
    expect((publish.properties!.idempotency_key as { description: string }).description).toContain(
      'Idempotency-Key',
    );
    expect(tools[0]!.outputSchema!.properties).toHaveProperty('deduplicated');
    expect(publish.properties!.media_urls).toMatchObject({ type: 'array', maxItems: 10 });
  });
});

describe('publishing and reading back', () => {
  it('publishes a text status on alice’s instance with her token and the post options', async () => {
    await stack.resetSim();
    const published = await call('publish_post', {
      account_id: ALICE,
      status: 'Hello fediverse from an MCP tool',
      visibility: 'unlisted',
      spoiler_text: 'automation',
      language: 'en',
    });
    expect(published).toEqual({
      id: expect.stringMatching(/^\d+$/),
      url: `${stack.sim.mastodonUrl('alpha')}/@alice/${published.id}`,
      uri: expect.any(String),
      created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      visibility: 'unlisted',
      instance_url: stack.sim.mastodonUrl('alpha'),
      media_ids: [],
      deduplicated: false,
    });
    const requests = await stack.requests('mastodon');
    expect(requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'GET /mastodon/alpha/api/v2/instance 200',
      'POST /mastodon/alpha/api/v1/statuses 200',
    ]);
    expect(requests[0]!.token).toBeUndefined();
    expect(requests[1]).toMatchObject({
      token: stack.tokens[ALICE],
      body: {
        status: 'Hello fediverse from an MCP tool',
        visibility: 'unlisted',
        spoiler_text: 'automation',
        language: 'en',
      },
    });
  });

  it('publishes with an image on bob’s instance, waiting out the 202/206 processing before posting', async () => {
    await stack.resetSim();
    const published = await call('publish_post', {
      account_id: BOB,
      status: 'Picture time',
      media_urls: [stack.sim.sampleImageUrl],
      media_descriptions: ['An orange gradient'],
    });
    expect(published.media_ids).toEqual([expect.stringMatching(/^\d+$/)]);
    const requests = await stack.requests('mastodon');
    expect(requests.map((r) => `${r.method} ${r.path.replace(/\d{6,}/, ':id')} ${r.status}`)).toEqual([
      'GET /mastodon/beta/api/v2/instance 200',
      'POST /mastodon/beta/api/v2/media 202',
      'GET /mastodon/beta/api/v1/media/:id 206',
      'GET /mastodon/beta/api/v1/media/:id 206',
      'GET /mastodon/beta/api/v1/media/:id 200',
      'POST /mastodon/beta/api/v1/statuses 200',
    ]);
    expect(requests.every((r) => r.token === undefined || r.token === stack.tokens[BOB])).toBe(true);
    const admin = await stack.admin('GET', '/mastodon/instances/beta');
    expect(admin.media).toEqual([
      expect.objectContaining({ description: 'An orange gradient', contentType: 'image/jpeg' }),
    ]);
  });

  it('reads each account’s posts back from its own instance in the common core, keyed by the vault’s user@instance', async () => {
    const alice = await call('get_recent_posts', { account_id: ALICE, limit: 5 });
    expect(alice).toMatchObject({
      account_id: ALICE,
      instance_account_id: expect.stringMatching(/^\d+$/),
      instance_url: stack.sim.mastodonUrl('alpha'),
      count: 1,
      next_max_id: null,
    });
    expect(expectRecentPostsCore(alice, ALICE)[0]).toMatchObject({
      text: 'Hello fediverse from an MCP tool',
      url: expect.stringMatching(/^http/),
      spoiler_text: 'automation',
      visibility: 'unlisted',
      metrics: { likes: expect.any(Number), comments: expect.any(Number), shares: expect.any(Number) },
      is_reblog: false,
      media: [],
    });
    const bob = await call('get_recent_posts', { account_id: BOB });
    expect(
      (bob.posts as Array<{ text: string; media: unknown[] }>).map((post) => [post.text, post.media.length]),
    ).toEqual([['Picture time', 1]]);
  });

  it('returns each account with its instance limits', async () => {
    expect(await call('get_account', { account_id: ALICE })).toMatchObject({
      username: 'alice',
      handle: `@alice@alpha.127.0.0.1`,
      followers_count: 42,
      statuses_count: 1,
      instance_url: stack.sim.mastodonUrl('alpha'),
      max_characters: 500,
      max_media_attachments: 4,
      account_id: ALICE,
      token_expires_at: null,
    });
    expect(await call('get_account', { account_id: BOB })).toMatchObject({
      username: 'bob',
      max_characters: 1000,
    });
  });
});

describe('two instances never mix', () => {
  it('applies each instance’s own character limit', async () => {
    const text = 'x'.repeat(700);
    await stack.resetSim();
    const refused = errorOf(
      await client.callTool({ name: 'publish_post', arguments: { account_id: ALICE, status: text } }),
    );
    expect(refused).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('at most 500 characters'),
    });
    expect((await stack.requests('mastodon')).some((r) => r.method === 'POST')).toBe(false);
    expect((await call('publish_post', { account_id: BOB, status: text })).instance_url).toBe(
      stack.sim.mastodonUrl('beta'),
    );
  });

  it('honours an idempotency_key per account: a retry returns the same post, the other instance gets its own', async () => {
    await stack.resetSim();
    const args = { status: 'Exactly once', idempotency_key: 'workflow-row-0042' };
    const first = await call('publish_post', { ...args, account_id: ALICE });
    const retry = await call('publish_post', { ...args, account_id: ALICE });
    const elsewhere = await call('publish_post', { ...args, account_id: BOB });
    // The ledger answers the retry; the key also reaches each instance as Idempotency-Key.
    expect(retry).toEqual({ ...first, deduplicated: true });
    expect(elsewhere).toMatchObject({ instance_url: stack.sim.mastodonUrl('beta'), deduplicated: false });
    const posts = (await stack.requests('mastodon')).filter((r) => r.method === 'POST');
    expect(posts.map((r) => [r.path, r.headers?.['idempotency-key'], r.token])).toEqual([
      ['/mastodon/alpha/api/v1/statuses', 'workflow-row-0042', stack.tokens[ALICE]],
      ['/mastodon/beta/api/v1/statuses', 'workflow-row-0042', stack.tokens[BOB]],
    ]);
    const alice = await call('get_recent_posts', { account_id: ALICE, limit: 40 });
    expect(
      (alice.posts as Array<{ text: string }>).filter((post) => post.text === 'Exactly once'),
    ).toHaveLength(1);
  });

  it('asks for account_id (409) when two accounts are connected and none is given', async () => {
    const answer = await stack.plain({ method: 'get_account' });
    expect(answer.status).toBe(409);
    expect(answer.body.error!.hint).toContain(ALICE);
    expect(answer.body.error!.hint).toContain(BOB);
  });
});

describe('canary', () => {
  it('never lets a secret cross the wire or reach a log line', () => {
    expect(stack.leakedSecrets()).toEqual([]);
  });
});
