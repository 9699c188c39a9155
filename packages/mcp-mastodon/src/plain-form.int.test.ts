// The seed's plain form (`POST /mcp {"method","params"}`, as an n8n HTTP Request node sends it), end to end.
import { ALICE, BOB, startMastodonStack, type MastodonStack } from '../test/fixtures';

let stack: MastodonStack;

beforeAll(async () => {
  stack = await startMastodonStack('mcpma_plain');
});
afterAll(() => stack?.close());

describe('plain form', () => {
  it('lists the tools', async () => {
    const answer = await stack.plain({ method: 'tools/list' });
    expect((answer.body.tools as Array<{ name: string }>).map((tool) => tool.name)).toEqual([
      'publish_post',
      'get_recent_posts',
      'get_account',
    ]);
  });

  it('publishes text on one instance and an image on the other, and reads both back', async () => {
    const text = await stack.plain({
      method: 'publish_post',
      params: { account_id: ALICE, status: 'Plain toot' },
    });
    expect(text.status).toBe(200);
    expect(text.body).toMatchObject({ instance_url: stack.sim.mastodonUrl('alpha'), visibility: 'public' });
    const image = await stack.plain({
      method: 'publish_post',
      params: { account_id: BOB, status: '', media_urls: [stack.sim.sampleImageUrl], visibility: 'private' },
    });
    expect(image.status).toBe(200);
    expect(image.body).toMatchObject({
      instance_url: stack.sim.mastodonUrl('beta'),
      visibility: 'private',
      media_ids: [expect.any(String)],
    });

    const alice = await stack.plain({
      method: 'get_recent_posts',
      params: { account_id: ALICE, limit: '5' },
    });
    expect(
      (alice.body.posts as Array<{ id: string; text: string }>).map((post) => [post.id, post.text]),
    ).toEqual([[text.body.id, 'Plain toot']]);
    const bob = await stack.plain({ method: 'get_recent_posts', params: { account_id: BOB } });
    expect((bob.body.posts as Array<{ id: string }>).map((post) => post.id)).toEqual([image.body.id]);
  });

  it('reads an account', async () => {
    const answer = await stack.plain({ method: 'get_account', params: { account_id: BOB } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      username: 'bob',
      max_characters: 1000,
      instance_url: stack.sim.mastodonUrl('beta'),
    });
  });

  it('refuses an unknown visibility with 400 naming the field', async () => {
    const answer = await stack.plain({
      method: 'publish_post',
      params: { account_id: ALICE, status: 'x', visibility: 'everyone' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('visibility'),
    });
  });
});
