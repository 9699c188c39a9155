// The seed's plain form (`POST /mcp {"method","params"}`, as an n8n HTTP Request node sends it), end to end.
import { PERSON_URN, startLinkedInStack, type LinkedInStack } from '../test/fixtures';

let stack: LinkedInStack;

beforeAll(async () => {
  stack = await startLinkedInStack('mcpli_plain');
});
afterAll(() => stack?.close());

describe('plain form', () => {
  it('lists the tools', async () => {
    const answer = await stack.plain({ method: 'tools/list' });
    expect(answer.status).toBe(200);
    expect((answer.body.tools as Array<{ name: string }>).map((tool) => tool.name)).toEqual([
      'publish_post',
      'get_recent_posts',
      'get_post_insights',
      'get_account',
    ]);
  });

  it('publishes text, then text with an image, and reads both back', async () => {
    const text = await stack.plain({
      method: 'publish_post',
      params: { text: 'Plain and simple', visibility: 'PUBLIC' },
    });
    expect(text.status).toBe(200);
    expect(text.body).toMatchObject({
      post_urn: expect.stringMatching(/^urn:li:share:/),
      author_urn: PERSON_URN,
    });

    const image = await stack.plain({
      method: 'publish_post',
      params: { text: 'Plain with a picture', image_url: stack.sim.sampleImageUrl },
    });
    expect(image.status).toBe(200);
    expect(image.body.image_urn).toMatch(/^urn:li:image:/);

    const recent = await stack.plain({ method: 'get_recent_posts', params: { limit: '5' } });
    expect(recent.status).toBe(200);
    expect(
      (recent.body.posts as Array<{ id: string; text: string }>).map((post) => [post.id, post.text]),
    ).toEqual([
      [image.body.post_urn, 'Plain with a picture'],
      [text.body.post_urn, 'Plain and simple'],
    ]);
  });

  it('reads the account', async () => {
    const answer = await stack.plain({ method: 'get_account' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ person_urn: PERSON_URN, name: 'Ada Lovelace' });
  });

  it('answers an unknown argument with 400 invalid_input naming it', async () => {
    const answer = await stack.plain({ method: 'publish_post', params: { text: 'x', caption: 'y' } });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('caption'),
    });
  });
});
