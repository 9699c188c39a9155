// Publishing you can retry on Mastodon: the ledger makes one key one post across calls and servers, and the
// effective key (given or derived) still goes to the instance as Idempotency-Key.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { resultOf } from '@socialvault/testkit';
import { ALICE, startMastodonStack, type MastodonStack } from '../test/fixtures';

let stack: MastodonStack;
let client: Client;
beforeAll(async () => {
  stack = await startMastodonStack('mcpma_idem');
  client = await stack.connect();
});
beforeEach(() => stack.resetSim());
afterAll(() => stack?.close());

const statusPosts = async () =>
  (await stack.requests('mastodon')).filter(
    (r) => r.method === 'POST' && r.path.endsWith('/api/v1/statuses'),
  );

it('posts once for 20 concurrent calls with one key on two servers, and every call gets that post', async () => {
  const other = await stack.startServer();
  const otherClient = await stack.connect(other);
  const args = {
    account_id: ALICE,
    status: 'Twenty at once on Mastodon',
    idempotency_key: 'calendar-row-ma-20',
  };
  const results = await Promise.all(
    Array.from({ length: 20 }, async (_, i) =>
      resultOf(await (i % 2 ? otherClient : client).callTool({ name: 'publish_post', arguments: args })),
    ),
  );
  expect(await statusPosts()).toHaveLength(1);
  expect(results.filter((result) => result.deduplicated === false)).toHaveLength(1);
  expect(new Set(results.map((result) => result.id)).size).toBe(1);
});

it('sends the derived key as Idempotency-Key when the caller gives none, and replays an identical call', async () => {
  const args = { account_id: ALICE, status: 'No key given' };
  const first = resultOf(await client.callTool({ name: 'publish_post', arguments: args }));
  const again = await stack.plain({
    method: 'publish_post',
    params: { status: 'No key given', account_id: ALICE },
  });
  expect(again.body).toEqual({ ...first, deduplicated: true });
  const [post, ...more] = await statusPosts();
  expect(more).toEqual([]);
  expect(post!.headers?.['idempotency-key']).toMatch(/^auto-[0-9a-f]{40}-\d+$/);
});
