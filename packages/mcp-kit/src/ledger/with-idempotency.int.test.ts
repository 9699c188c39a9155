// withIdempotency against the real vault ledger on PostgreSQL: one publish per key, across calls and clients.
import crypto from 'node:crypto';
import { AppError, createLogger, generateKeyEntry } from '@socialvault/common';
import { captureLogs, createScratchDatabase, type ScratchDatabase } from '@socialvault/common/testing';
import { ephemeralVaultEnv, loadVaultConfig, startVault, type RunningVault } from '@socialvault/vault';
import type { Credential } from '../credential';
import type { ToolContext } from '../tool';
import { LedgerClient } from './ledger-client';
import { derivedKey, requestHash } from './request-key';
import { withIdempotency, type PublishAttempt, type PublishedPost } from './with-idempotency';

const SERVICE_TOKEN = `svc-x-ledger-${crypto.randomBytes(8).toString('hex')}`;
const ACCESS_TOKEN = `xatcanary${crypto.randomBytes(12).toString('hex')}`;
const ACCOUNT = '1500000000000000001';

let db: ScratchDatabase;
let vault: RunningVault;
let capture: ReturnType<typeof captureLogs>;
beforeAll(async () => {
  capture = captureLogs();
  db = await createScratchDatabase(process.env.TEST_DATABASE_SERVER_URL!, 'mcpkit_ledger');
  vault = await startVault(
    loadVaultConfig(
      ephemeralVaultEnv(db.url, {
        BROKER_API_KEY: `broker-${crypto.randomBytes(12).toString('hex')}`,
        VAULT_ENCRYPTION_KEYS: generateKeyEntry('k1'),
        VAULT_SERVICE_TOKENS: `x-mcp:x:${SERVICE_TOKEN}`,
      }),
    ),
  );
});
afterAll(async () => {
  await vault.close();
  await db.drop();
  capture.stop();
  expect(capture.lines.join('')).not.toContain(ACCESS_TOKEN);
  expect(capture.lines.join('')).not.toContain(SERVICE_TOKEN);
});

const ledgerWith = (options: { leaseS?: number; waitMs?: number } = {}) =>
  new LedgerClient({ vaultUrl: vault.internalUrl, serviceToken: SERVICE_TOKEN, ...options });

function contextWith(ledger: LedgerClient): ToolContext<unknown> {
  const credential = { accountId: ACCOUNT, platform: 'x', extra: {} } as unknown as Credential;
  Object.defineProperty(credential, 'accessToken', { value: ACCESS_TOKEN, enumerable: false });
  return {
    tool: 'publish_post',
    platform: 'x',
    config: {},
    logger: createLogger('mcp-kit-test', 'ledger'),
    accountId: undefined,
    transport: 'plain',
    signal: new AbortController().signal,
    ledger,
    credential: async () => credential,
    invalidateCredential: () => undefined,
    fetchMedia: () => Promise.reject(new Error('these tests download no media')),
    hostMedia: () => Promise.reject(new Error('these tests host no media')),
  };
}

/** A fake platform: counts posts, optionally slow or failing. */
function platform(options: { delayMs?: number; fail?: () => Error } = {}) {
  const posts: string[] = [];
  const attempts: PublishAttempt[] = [];
  const publish = async (
    attempt: PublishAttempt,
  ): Promise<PublishedPost<{ post_id: string; text: string }>> => {
    attempts.push(attempt);
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    if (options.fail) throw options.fail();
    const id = String(1_900_000_000_000_000_000n + BigInt(posts.length + 1));
    posts.push(id);
    return {
      result: { post_id: id, text: 'hello' },
      platformPostId: id,
      permalink: `https://x.com/i/status/${id}`,
    };
  };
  return { posts, attempts, publish };
}

const key = () => `key-${crypto.randomUUID()}`;
const failure = async (promise: Promise<unknown>): Promise<AppError> => {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a failure');
};

describe('withIdempotency', () => {
  it('publishes once and replays the stored result with deduplicated: true', async () => {
    const ctx = contextWith(ledgerWith());
    const fake = platform();
    const k = key();
    const first = await withIdempotency(ctx, { key: k, request: { text: 'hello' } }, fake.publish);
    const second = await withIdempotency(
      ctx,
      { key: k, request: { text: 'hello', idempotency_key: k } },
      fake.publish,
    );
    expect(first).toEqual({ post_id: fake.posts[0], text: 'hello', deduplicated: false });
    expect(second).toEqual({ ...first, deduplicated: true });
    expect(fake.posts).toHaveLength(1);
    expect(fake.attempts[0]).toMatchObject({ idempotencyKey: k, progress: {}, retry: false });
    const stored = await ctx.ledger.find('x', ACCOUNT, k);
    expect(stored).toMatchObject({
      status: 'published',
      platform_post_id: fake.posts[0],
      permalink: `https://x.com/i/status/${fake.posts[0]}`,
      result: { post_id: fake.posts[0], text: 'hello' },
    });
  });

  it('refuses the same key with different content as invalid_input naming the conflict', async () => {
    const ctx = contextWith(ledgerWith());
    const fake = platform();
    const k = key();
    await withIdempotency(ctx, { key: k, request: { text: 'hello' } }, fake.publish);
    const error = await failure(withIdempotency(ctx, { key: k, request: { text: 'other' } }, fake.publish));
    expect(error).toMatchObject({
      code: 'invalid_input',
      details: expect.objectContaining({ field: 'idempotency_key' }),
    });
    expect(error.message).toContain(`idempotency_key "${k}" was already used for a different request`);
    expect(fake.posts).toHaveLength(1);
  });

  it('derives a key from the account and content, so an identical retry without a key posts once', async () => {
    const ctx = contextWith(ledgerWith());
    const fake = platform();
    const text = `derived ${crypto.randomUUID()}`;
    const a = await withIdempotency(ctx, { request: { text, visibility: 'public' } }, fake.publish);
    const b = await withIdempotency(
      ctx,
      { request: { visibility: 'public', text, account_id: ACCOUNT } },
      fake.publish,
    );
    const c = await withIdempotency(
      ctx,
      { request: { text: `${text}!`, visibility: 'public' } },
      fake.publish,
    );
    expect(b).toEqual({ ...a, deduplicated: true });
    expect(c.deduplicated).toBe(false);
    expect(fake.posts).toHaveLength(2);
    expect(fake.attempts[0]!.idempotencyKey).toMatch(/^auto-[0-9a-f]{40}-\d+$/);
  });

  it('keeps a derived key for 24 h across the window boundary (the previous window’s key is reused)', async () => {
    const ledger = ledgerWith();
    const ctx = contextWith(ledger);
    const request = { text: `boundary ${crypto.randomUUID()}` };
    const hash = requestHash('publish_post', request);
    const previous = derivedKey(ACCOUNT, hash, Math.floor(Date.now() / 86_400_000) - 1);
    const held = await ledger.reserve({
      platform: 'x',
      accountId: ACCOUNT,
      idempotencyKey: previous,
      requestHash: hash,
      tool: 'publish_post',
      resumable: false,
    });
    await ledger.published(held.publication.id, held.lease_id!, {
      platformPostId: '1',
      result: { post_id: '1', text: 'earlier' },
    });
    const fake = platform();
    expect(await withIdempotency(ctx, { request }, fake.publish)).toEqual({
      post_id: '1',
      text: 'earlier',
      deduplicated: true,
    });
    expect(fake.posts).toHaveLength(0);
  });

  it('posts once for 20 concurrent calls with one key, over two ledger clients, and gives all 20 the same post', async () => {
    const fake = platform({ delayMs: 400 });
    const k = key();
    const contexts = [contextWith(ledgerWith()), contextWith(ledgerWith())];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        withIdempotency(contexts[i % 2]!, { key: k, request: { text: 'hello' } }, fake.publish),
      ),
    );
    expect(fake.posts).toHaveLength(1);
    expect(results.filter((result) => !result.deduplicated)).toHaveLength(1);
    for (const result of results) expect(result).toMatchObject({ post_id: fake.posts[0], text: 'hello' });
  });

  it('marks an attempt the platform refused as failed, and tries again on the next call', async () => {
    const ctx = contextWith(ledgerWith());
    const k = key();
    const limited = platform({
      fail: () => new AppError('rate_limited', 'X is rate-limiting', { hint: 'wait', retryAfterS: 30 }),
    });
    expect(
      await failure(withIdempotency(ctx, { key: k, request: { text: 'hi' } }, limited.publish)),
    ).toMatchObject({
      code: 'rate_limited',
    });
    expect(await ctx.ledger.find('x', ACCOUNT, k)).toMatchObject({
      status: 'failed',
      error_code: 'rate_limited',
    });
    const fine = platform();
    const result = await withIdempotency(ctx, { key: k, request: { text: 'hi' } }, fine.publish);
    expect(result.deduplicated).toBe(false);
    expect(fine.attempts[0]!.retry).toBe(true);
    expect(await ctx.ledger.find('x', ACCOUNT, k)).toMatchObject({ status: 'published', attempts: 2 });
  });

  it('reconciles an attempt of unknown outcome: returns the post found on the platform, or posts when there is none', async () => {
    const ctx = contextWith(ledgerWith());
    const timeout = () => new AppError('platform_error', 'X did not answer in time', { hint: 'retry' });
    const k = key();
    const first = platform({ fail: timeout });
    await failure(withIdempotency(ctx, { key: k, request: { text: 'maybe' } }, first.publish));
    const row = await ctx.ledger.find('x', ACCOUNT, k);
    expect(row).toMatchObject({ status: 'unknown' });

    // The look fails (e.g. rate limited): nothing posted, the row stays unknown for the next call.
    const retry = platform();
    const lookFails = async () => {
      throw new AppError('rate_limited', 'X says wait', { hint: 'wait', retryAfterS: 60 });
    };
    expect(
      await failure(
        withIdempotency(ctx, { key: k, request: { text: 'maybe' }, reconcile: lookFails }, retry.publish),
      ),
    ).toMatchObject({ code: 'rate_limited' });
    expect(await ctx.ledger.find('x', ACCOUNT, k)).toMatchObject({ status: 'unknown' });

    const lookups: Array<{ since: Date }> = [];
    const found = {
      result: { post_id: '1900000000000000777', text: 'maybe' },
      platformPostId: '1900000000000000777',
    };
    const reconciled = await withIdempotency(
      ctx,
      {
        key: k,
        request: { text: 'maybe' },
        reconcile: async (lookup) => {
          lookups.push(lookup);
          return found;
        },
      },
      retry.publish,
    );
    expect(reconciled).toEqual({ ...found.result, deduplicated: true });
    expect(retry.posts).toHaveLength(0);
    expect(lookups[0]!.since.getTime()).toBe(Date.parse(row!.created_at) - 60_000);
    expect(await ctx.ledger.find('x', ACCOUNT, k)).toMatchObject({
      status: 'published',
      platform_post_id: '1900000000000000777',
    });

    const k2 = key();
    await failure(
      withIdempotency(ctx, { key: k2, request: { text: 'lost' } }, platform({ fail: timeout }).publish),
    );
    const missing = platform();
    const posted = await withIdempotency(
      ctx,
      { key: k2, request: { text: 'lost' }, reconcile: async () => null },
      missing.publish,
    );
    expect(posted.deduplicated).toBe(false);
    expect(missing.posts).toHaveLength(1);
  });

  it('marks an attempt without an answer unknown: conflict for a plain retry, resumed with its progress when resumable', async () => {
    const ctx = contextWith(ledgerWith());
    const k = key();
    const lost = async (attempt: PublishAttempt): Promise<PublishedPost<{ post_id: string }>> => {
      await attempt.saveProgress({ container_id: '17900000000000001' });
      throw new AppError('platform_error', 'X could not create the post: the request timed out', {
        hint: 'retry',
      });
    };
    await failure(withIdempotency(ctx, { key: k, request: { text: 'lost' }, resumable: true }, lost));
    expect(await ctx.ledger.find('x', ACCOUNT, k)).toMatchObject({ status: 'unknown' });

    const plain = platform();
    const conflict = await failure(
      withIdempotency(ctx, { key: k, request: { text: 'lost' } }, plain.publish),
    );
    expect(conflict).toMatchObject({ code: 'conflict', hint: expect.stringContaining('get_recent_posts') });
    expect(plain.posts).toHaveLength(0);

    const resumed = platform();
    const result = await withIdempotency(
      ctx,
      { key: k, request: { text: 'lost' }, resumable: true },
      resumed.publish,
    );
    expect(result.deduplicated).toBe(false);
    expect(resumed.attempts[0]).toMatchObject({
      progress: { container_id: '17900000000000001' },
      retry: true,
    });
  });

  it('resumes from a holder that went away once its lease runs out', async () => {
    const shortLease = ledgerWith({ leaseS: 1 });
    const k = key();
    const held = await shortLease.reserve({
      platform: 'x',
      accountId: ACCOUNT,
      idempotencyKey: k,
      requestHash: requestHash('publish_post', { text: 'crash' }),
      tool: 'publish_post',
      resumable: true,
    });
    await shortLease.progress(held.publication.id, held.lease_id!, { container_id: '17900000000000002' });
    const fake = platform();
    const startedAt = Date.now();
    const result = await withIdempotency(
      contextWith(ledgerWith({ waitMs: 5000 })),
      { key: k, request: { text: 'crash' }, resumable: true },
      fake.publish,
    );
    expect(result.deduplicated).toBe(false);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(500);
    expect(fake.attempts[0]!.progress).toEqual({ container_id: '17900000000000002' });
  });

  it('gives waiting callers the holder’s failure, and conflict when the holder stays pending past the wait', async () => {
    const k = key();
    const slowFail = platform({
      delayMs: 300,
      fail: () =>
        new AppError('invalid_input', 'X refused the text', {
          hint: 'change it',
          details: { http_status: 400 },
        }),
    });
    const [holder, waiter] = await Promise.allSettled([
      withIdempotency(contextWith(ledgerWith()), { key: k, request: { text: 'x' } }, slowFail.publish),
      new Promise((resolve) => setTimeout(resolve, 50)).then(() =>
        withIdempotency(contextWith(ledgerWith()), { key: k, request: { text: 'x' } }, slowFail.publish),
      ),
    ]);
    expect(holder).toMatchObject({
      status: 'rejected',
      reason: expect.objectContaining({ code: 'invalid_input' }),
    });
    expect(waiter).toMatchObject({
      status: 'rejected',
      reason: expect.objectContaining({ code: 'invalid_input' }),
    });
    expect(slowFail.attempts).toHaveLength(1);

    const k2 = key();
    const slow = platform({ delayMs: 1500 });
    const running = withIdempotency(
      contextWith(ledgerWith()),
      { key: k2, request: { text: 'y' } },
      slow.publish,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const impatient = await failure(
      withIdempotency(
        contextWith(ledgerWith({ waitMs: 300 })),
        { key: k2, request: { text: 'y' } },
        slow.publish,
      ),
    );
    expect(impatient).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('is still publishing'),
    });
    expect((await running).deduplicated).toBe(false);
    expect(slow.posts).toHaveLength(1);
  });

  it('never stores a result that carries the access token', async () => {
    const ctx = contextWith(ledgerWith());
    const k = key();
    const leaky = async (): Promise<PublishedPost<{ post_id: string; note: string }>> => ({
      result: { post_id: '5', note: `token ${ACCESS_TOKEN}` },
      platformPostId: '5',
    });
    expect(await failure(withIdempotency(ctx, { key: k, request: { text: 'z' } }, leaky))).toMatchObject({
      code: 'platform_error',
    });
    const stored = await ctx.ledger.find('x', ACCOUNT, k);
    expect(stored).toMatchObject({ status: 'unknown', result: null });
    expect(JSON.stringify(stored)).not.toContain(ACCESS_TOKEN);
  });

  it('answers vault_unavailable when the ledger cannot be reached, before any platform call', async () => {
    const fake = platform();
    const offline = new LedgerClient({
      vaultUrl: 'http://127.0.0.1:9',
      serviceToken: SERVICE_TOKEN,
      timeoutMs: 500,
    });
    const error = await failure(
      withIdempotency(contextWith(offline), { key: key(), request: { text: 'a' } }, fake.publish),
    );
    expect(error.code).toBe('vault_unavailable');
    expect(fake.attempts).toHaveLength(0);
  });
});
