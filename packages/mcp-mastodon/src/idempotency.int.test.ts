// Publishing you can retry on Mastodon: the ledger makes one key one post across calls and servers, and the
// effective key (given or derived) still goes to the instance as Idempotency-Key.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { requestHash } from '@socialvault/mcp-kit';
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

async function ledger(path: string, body: unknown) {
  const response = await fetch(`${stack.vault.internalUrl}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${stack.serviceToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  stack.record(text);
  return JSON.parse(text) as { lease_id: string; publication: { id: string } };
}

/** `publish_post` of `request` as alice with the idempotency key `key`; the tool's result. */
async function publishWithKey(request: Record<string, unknown>, key: string) {
  return resultOf(
    await client.callTool({
      name: 'publish_post',
      arguments: { ...request, account_id: ALICE, idempotency_key: key },
    }),
  );
}

/** A ledger row for `request` left `unknown`, as an attempt that got no answer leaves it. */
async function unknownAttempt(key: string, request: Record<string, unknown>) {
  const held = await ledger('/api/publications/reserve', {
    platform: 'mastodon',
    account_id: ALICE,
    idempotency_key: key,
    request_hash: requestHash('publish_post', request),
    tool: 'publish_post',
  });
  await ledger(`/api/publications/${held.publication.id}/release`, { lease_id: held.lease_id });
}

it('finds the status an attempt of unknown outcome made, instead of posting it again', async () => {
  const key = 'calendar-row-ma-unknown';
  const request = { status: 'Did it go out?', visibility: 'public' };
  // The earlier attempt reached the instance (with another Idempotency-Key) but its answer was lost.
  const posted = await fetch(`${stack.sim.mastodonUrl('alpha')}/api/v1/statuses`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${stack.tokens[ALICE]}`, 'content-type': 'application/json' },
    body: JSON.stringify({ status: request.status }),
  });
  const earlier = (await posted.json()) as { id: string };
  await unknownAttempt(key, request);
  await stack.resetSim();

  const result = await publishWithKey(request, key);
  expect(result).toMatchObject({ id: earlier.id, deduplicated: true });
  expect(await statusPosts()).toHaveLength(0);
});

it('posts once, with the key as Idempotency-Key, when the attempt of unknown outcome left no status', async () => {
  const key = 'calendar-row-ma-unknown-2';
  const request = { status: 'Never reached the instance', visibility: 'public' };
  await unknownAttempt(key, request);
  const result = await publishWithKey(request, key);
  expect(result.deduplicated).toBe(false);
  const [post, ...more] = await statusPosts();
  expect(more).toEqual([]);
  expect(post!.headers?.['idempotency-key']).toBe(key);
});

it('finds the status with its inline media an attempt of unknown outcome made, instead of posting it again', async () => {
  const image = await fetch(stack.sim.sampleImageUrl);
  const item = {
    image_base64: Buffer.from(await image.arrayBuffer()).toString('base64'),
    mime_type: image.headers.get('content-type')!,
  };
  const request = { status: 'Did the picture go out?', visibility: 'public', media: [item] };
  // The earlier attempt posted the status with its image, but its answer was lost.
  const earlier = await publishWithKey(request, 'calendar-row-ma-media-first');
  expect(earlier.media_ids).toHaveLength(1);
  const key = 'calendar-row-ma-media-unknown';
  await unknownAttempt(key, request);
  await stack.resetSim();

  const result = await publishWithKey(request, key);
  expect(result).toMatchObject({ id: earlier.id, media_ids: earlier.media_ids, deduplicated: true });
  expect(await statusPosts()).toHaveLength(0);
});
