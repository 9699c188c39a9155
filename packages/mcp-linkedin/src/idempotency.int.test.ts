// Publishing you can retry on LinkedIn: one key → one post across calls and servers; a changed request refused.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { errorOf, resultOf } from '@socialvault/testkit';
import { startLinkedInStack, type LinkedInStack } from '../test/fixtures';

let stack: LinkedInStack;
let client: Client;
beforeAll(async () => {
  stack = await startLinkedInStack('mcpli_idem');
  client = await stack.connect();
});
beforeEach(() => stack.resetSim());
afterAll(() => stack?.close());

const posts = async () =>
  (await stack.requests('linkedin')).filter((r) => r.method === 'POST' && r.path === '/linkedin/rest/posts');

it('posts once for 20 concurrent calls with one key on two servers, and every call gets that post', async () => {
  const other = await stack.startServer();
  const otherClient = await stack.connect(other);
  const args = { text: 'Twenty at once on LinkedIn', idempotency_key: 'calendar-row-li-20' };
  const results = await Promise.all(
    Array.from({ length: 20 }, async (_, i) =>
      i % 5 === 0
        ? ((await stack.plain({ method: 'publish_post', params: args }, i % 2 ? other : stack.server))
            .body as Record<string, unknown>)
        : resultOf(await (i % 2 ? otherClient : client).callTool({ name: 'publish_post', arguments: args })),
    ),
  );
  expect(await posts()).toHaveLength(1);
  expect(results.filter((result) => result.deduplicated === false)).toHaveLength(1);
  expect(new Set(results.map((result) => result.post_urn)).size).toBe(1);
});

it('treats the default visibility as part of the content, and refuses a reused key with other content', async () => {
  const key = 'calendar-row-li-reuse';
  const first = resultOf(
    await client.callTool({ name: 'publish_post', arguments: { text: 'Hello', idempotency_key: key } }),
  );
  const same = resultOf(
    await client.callTool({
      name: 'publish_post',
      arguments: { text: 'Hello', visibility: 'PUBLIC', idempotency_key: key },
    }),
  );
  expect(same).toEqual({ ...first, deduplicated: true });
  const other = errorOf(
    await client.callTool({
      name: 'publish_post',
      arguments: { text: 'Hello', visibility: 'CONNECTIONS', idempotency_key: key },
    }),
  );
  expect(other).toMatchObject({
    code: 'invalid_input',
    message: expect.stringContaining('different request'),
  });
  expect(await posts()).toHaveLength(1);
});
