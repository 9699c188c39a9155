// Publishing you can retry on Threads: one key → one post, however many calls and servers; reused keys refused.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { errorOf, resultOf } from '@socialvault/testkit';
import { startThreadsStack, THREADS_USER_ID, type ThreadsStack } from '../test/fixtures';

let stack: ThreadsStack;
let client: Client;
beforeAll(async () => {
  stack = await startThreadsStack('mcpth_idem');
  client = await stack.connect();
});
beforeEach(() => stack.resetSim());
afterAll(() => stack?.close());

const publishCalls = async () =>
  (await stack.requests('threads')).filter(
    (r) => r.path === `/threads/v1.0/${THREADS_USER_ID}/threads_publish`,
  );

it('posts once for 20 concurrent calls with one key on two servers, and every call gets that post', async () => {
  const other = await stack.startServer();
  const otherClient = await stack.connect(other);
  const args = { text: 'Twenty at once on Threads', idempotency_key: 'calendar-row-threads-20' };
  const results = await Promise.all(
    Array.from({ length: 20 }, async (_, i) =>
      i % 3 === 0
        ? ((await stack.plain({ method: 'publish_post', params: args }, i % 2 ? other : stack.server))
            .body as Record<string, unknown>)
        : resultOf(await (i % 2 ? otherClient : client).callTool({ name: 'publish_post', arguments: args })),
    ),
  );
  expect(await publishCalls()).toHaveLength(1);
  expect(results.filter((result) => result.deduplicated === false)).toHaveLength(1);
  const postIds = new Set(results.map((result) => result.post_id));
  expect(postIds.size).toBe(1);
  expect([...postIds][0]).toMatch(/^\d+$/);
});

it('refuses the same key with other text, and replays an identical call without a key', async () => {
  const key = 'calendar-row-threads-reuse';
  resultOf(
    await client.callTool({ name: 'publish_post', arguments: { text: 'first text', idempotency_key: key } }),
  );
  const reused = errorOf(
    await client.callTool({ name: 'publish_post', arguments: { text: 'second text', idempotency_key: key } }),
  );
  expect(reused).toMatchObject({
    code: 'invalid_input',
    message: expect.stringContaining('idempotency_key'),
  });

  const first = resultOf(await client.callTool({ name: 'publish_post', arguments: { text: 'no key here' } }));
  const again = await stack.plain({ method: 'publish_post', params: { text: 'no key here' } });
  expect(again.body).toEqual({ ...first, deduplicated: true });
  expect(await publishCalls()).toHaveLength(2);
});
