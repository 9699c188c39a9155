// Publishing you can retry on X (no container to resume): one key → one post; an attempt cut off midway is a
// conflict that points at get_recent_posts, never a second post.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { requestHash } from '@socialvault/mcp-kit';
import { errorOf, resultOf } from '@socialvault/testkit';
import { startXStack, X_USER_ID, type XStack } from '../test/fixtures';

let stack: XStack;
let client: Client;
beforeAll(async () => {
  stack = await startXStack('mcpx_idem');
  client = await stack.connect();
});
beforeEach(() => stack.resetSim());
afterAll(() => stack?.close());

const posts = async () =>
  (await stack.requests('x')).filter((r) => r.method === 'POST' && r.path === '/x/2/tweets');

async function ledger(path: string, body?: unknown) {
  const response = await fetch(`${stack.vault.internalUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: `Bearer ${stack.serviceToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  stack.record(text);
  return JSON.parse(text) as Record<string, unknown>;
}

it('posts once for 20 concurrent calls with one key on two servers, and every call gets that post', async () => {
  const other = await stack.startServer();
  const otherClient = await stack.connect(other);
  const args = { text: 'Twenty at once on X', idempotency_key: 'calendar-row-x-20' };
  const results = await Promise.all(
    Array.from({ length: 20 }, async (_, i) =>
      resultOf(await (i % 2 ? otherClient : client).callTool({ name: 'publish_post', arguments: args })),
    ),
  );
  expect(await posts()).toHaveLength(1);
  expect(results.filter((result) => result.deduplicated === false)).toHaveLength(1);
  expect(new Set(results.map((result) => result.post_id)).size).toBe(1);
  expect(results[0]).toMatchObject({ account_id: X_USER_ID, text: args.text });
});

it('looks on X first for a key whose earlier attempt stopped without an outcome, and posts once when it is not there', async () => {
  const key = 'calendar-row-x-crashed';
  // An attempt that reserved the key and then went away (released: outcome unknown), before X had the post.
  const request = { text: 'Maybe posted' };
  const held = (await ledger('/api/publications/reserve', {
    platform: 'x',
    account_id: X_USER_ID,
    idempotency_key: key,
    request_hash: requestHash('publish_post', request),
    tool: 'publish_post',
  })) as { lease_id: string; publication: { id: string } };
  await ledger(`/api/publications/${held.publication.id}/release`, { lease_id: held.lease_id });

  const first = resultOf(
    await client.callTool({ name: 'publish_post', arguments: { ...request, idempotency_key: key } }),
  );
  expect(first).toMatchObject({ text: request.text, deduplicated: false });
  const requests = await stack.requests('x');
  expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
    `GET /x/2/users/${X_USER_ID}/tweets`,
    'POST /x/2/tweets',
  ]);
  const plain = await stack.plain({ method: 'publish_post', params: { ...request, idempotency_key: key } });
  expect(plain.body).toMatchObject({ post_id: first.post_id, deduplicated: true });
  expect(await posts()).toHaveLength(1);
});

it('after X timed out on a post it made, the retry with the same key finds that post instead of posting again', async () => {
  const impatient = await stack.startServer({ X_TIMEOUT_MS: '500' });
  const impatientClient = await stack.connect(impatient);
  const args = { text: 'Posted, but nobody heard back', idempotency_key: 'calendar-row-x-timeout' };
  await stack.injectFault({ platform: 'x', kind: 'timeout_after_write', hold_ms: 5000 });

  const timedOut = errorOf(await impatientClient.callTool({ name: 'publish_post', arguments: args }));
  expect(timedOut.code).toBe('platform_error');
  expect(await posts()).toHaveLength(1);
  const row = (await ledger(`/api/publications?platform=x&idempotency_key=${args.idempotency_key}`)) as {
    publications: Array<{ status: string }>;
  };
  expect(row.publications).toEqual([expect.objectContaining({ status: 'unknown' })]);

  const retried = resultOf(await client.callTool({ name: 'publish_post', arguments: args }));
  const made = [...stack.sim.state.x.posts.values()].find((post) => post.text === args.text);
  expect(retried).toMatchObject({
    post_id: made!.id,
    text: args.text,
    account_id: X_USER_ID,
    media_ids: [],
    deduplicated: true,
  });
  expect(await posts()).toHaveLength(1);
  const again = resultOf(await client.callTool({ name: 'publish_post', arguments: args }));
  expect(again).toEqual(retried);
  expect(await posts()).toHaveLength(1);
});

it('after X timed out on a post with inline media, the retry with the same key finds that post instead of posting again', async () => {
  const impatient = await stack.startServer({ X_TIMEOUT_MS: '500' });
  const impatientClient = await stack.connect(impatient);
  const image = await fetch(stack.sim.sampleImageUrl);
  const item = {
    image_base64: Buffer.from(await image.arrayBuffer()).toString('base64'),
    mime_type: image.headers.get('content-type')!,
  };
  const args = {
    text: 'Posted with a picture, unheard',
    media: [item],
    idempotency_key: 'calendar-row-x-media',
  };
  await stack.injectFault({ platform: 'x', kind: 'timeout_after_write', hold_ms: 5000 });

  const timedOut = errorOf(await impatientClient.callTool({ name: 'publish_post', arguments: args }));
  expect(timedOut.code).toBe('platform_error');
  expect(await posts()).toHaveLength(1);

  const retried = resultOf(await client.callTool({ name: 'publish_post', arguments: args }));
  const made = [...stack.sim.state.x.posts.values()].find((post) => post.text === args.text);
  expect(retried).toMatchObject({
    post_id: made!.id,
    media_ids: [expect.stringMatching(/^\d+$/)],
    deduplicated: true,
  });
  expect(await posts()).toHaveLength(1);
});
