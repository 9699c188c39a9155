import crypto from 'node:crypto';
import { captureLogs } from '@socialvault/common/testing';
import {
  auditRows,
  CANARY,
  genericPayload,
  metaPayload,
  SERVICE_SECRETS,
  useTestVault,
} from '../../test/fixtures';

// Logs are captured from before the vault starts until after it stops.
let capture: ReturnType<typeof captureLogs>;
beforeAll(() => {
  capture = captureLogs();
});
afterAll(() => capture.stop());
const t = useTestVault({ prefix: 'publications' });
beforeAll(async () => {
  expect((await t.brokerPost(metaPayload())).status).toBe(201);
  expect((await t.brokerPost(genericPayload())).status).toBe(201);
});

const IG = '17841400000000001';
const hashOf = (text: string) => crypto.createHash('sha256').update(text).digest('hex');
const newKey = () => `key-${crypto.randomUUID()}`;
const post = (path: string, secret: string, body: unknown) => t.servicePost(path, secret, body);
const get = (path: string, secret: string) => t.serviceGet(path, secret);
const reserve = (overrides: Record<string, unknown> = {}, secret: string = SERVICE_SECRETS.instagram) =>
  post('/api/publications/reserve', secret, {
    platform: 'instagram',
    account_id: IG,
    idempotency_key: 'key-default',
    request_hash: hashOf('caption one'),
    tool: 'publish_post',
    ...overrides,
  });
const step = (
  id: string,
  name: string,
  body: Record<string, unknown>,
  secret: string = SERVICE_SECRETS.instagram,
) => post(`/api/publications/${id}/${name}`, secret, body);

describe('reserve', () => {
  it('creates a pending row held by the caller, and answers later callers with the row as it stands', async () => {
    const key = newKey();
    const first = await reserve({ idempotency_key: key });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      reserved: true,
      lease_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      previous_status: null,
      publication: {
        platform: 'instagram',
        account_id: IG,
        idempotency_key: key,
        request_hash: hashOf('caption one'),
        tool: 'publish_post',
        status: 'pending',
        attempts: 1,
        progress: {},
        created_by: 'instagram-mcp',
        lease_expires_at: expect.any(String),
      },
    });
    expect(first.body.publication).not.toHaveProperty('lease_id');

    const second = await reserve({ idempotency_key: key });
    expect(second.status).toBe(200);
    expect(second.body).toEqual({
      reserved: false,
      publication: expect.objectContaining({ status: 'pending' }),
    });

    const other = await reserve({ idempotency_key: key, request_hash: hashOf('caption two') });
    expect(other.body).toMatchObject({
      reserved: false,
      publication: { request_hash: hashOf('caption one') },
    });

    const audit = (await auditRows(t.pool)).filter((row) => row.action === 'publication.reserve');
    expect(audit[audit.length - 1]).toMatchObject({
      actor: 'instagram-mcp',
      outcome: 'success',
      platform: 'instagram',
      account_id: IG,
      detail: expect.objectContaining({ idempotency_key: key, status: 'pending', attempts: 1 }),
    });
  });

  it('gives the key to exactly one of 20 concurrent callers', async () => {
    const key = newKey();
    const answers = await Promise.all(Array.from({ length: 20 }, () => reserve({ idempotency_key: key })));
    expect(answers.filter((answer) => answer.body.reserved === true)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
    const { rows } = await t.pool.query(
      'SELECT count(*)::int AS n FROM publications WHERE idempotency_key = $1',
      [key],
    );
    expect(rows[0].n).toBe(1);
  });
});

describe('one attempt from reservation to outcome', () => {
  it('stores progress, then the published result, and replays both to later reservations', async () => {
    const key = newKey();
    const { body: held } = await reserve({ idempotency_key: key });
    const id = held.publication.id as string;
    const progress = await step(id, 'progress', {
      lease_id: held.lease_id,
      progress: { container_id: '1790001' },
    });
    expect(progress.status).toBe(200);
    expect((await reserve({ idempotency_key: key })).body.publication.progress).toEqual({
      container_id: '1790001',
    });
    await step(id, 'progress', { lease_id: held.lease_id, progress: { media_id: '1800001' } });

    const result = {
      media_id: '1800001',
      permalink: 'https://www.instagram.com/p/ABC/',
      media_type: 'IMAGE',
    };
    const published = await step(id, 'published', {
      lease_id: held.lease_id,
      platform_post_id: '1800001',
      permalink: 'https://www.instagram.com/p/ABC/',
      result,
    });
    expect(published.status).toBe(200);
    expect(published.body.publication).toMatchObject({
      status: 'published',
      platform_post_id: '1800001',
      permalink: 'https://www.instagram.com/p/ABC/',
      result,
      progress: { container_id: '1790001', media_id: '1800001' },
      published_at: expect.any(String),
      lease_expires_at: null,
    });
    const again = await step(id, 'published', { lease_id: held.lease_id, platform_post_id: '1800001' });
    expect(again.status).toBe(200);

    const later = await reserve({ idempotency_key: key });
    expect(later.body).toMatchObject({ reserved: false, publication: { status: 'published', result } });
    const actions = (await auditRows(t.pool))
      .filter((row) => (row.detail as Record<string, unknown>).publication_id === id)
      .map((row) => row.action);
    expect(actions).toEqual([
      'publication.reserve',
      'publication.progress',
      'publication.progress',
      'publication.published',
    ]);
  });

  it('lets a failed key be tried again (attempts + 1), keeping progress for the same request only', async () => {
    const key = newKey();
    const { body: held } = await reserve({ idempotency_key: key });
    const id = held.publication.id as string;
    await step(id, 'progress', { lease_id: held.lease_id, progress: { container_id: '1790002' } });
    const failed = await step(id, 'failed', {
      lease_id: held.lease_id,
      error_code: 'rate_limited',
      error_message: 'Instagram is throttling',
    });
    expect(failed.body.publication).toMatchObject({ status: 'failed', error_code: 'rate_limited' });

    const retry = await reserve({ idempotency_key: key });
    expect(retry.body).toMatchObject({
      reserved: true,
      previous_status: 'failed',
      publication: {
        status: 'pending',
        attempts: 2,
        error_code: null,
        progress: { container_id: '1790002' },
      },
    });
    expect(retry.body.lease_id).not.toBe(held.lease_id);
    const stale = await step(id, 'published', { lease_id: held.lease_id, platform_post_id: '1' });
    expect(stale.status).toBe(409);
    expect(stale.body.detail.code).toBe('conflict');

    await step(id, 'failed', { lease_id: retry.body.lease_id, error_code: 'platform_error' });
    const changed = await reserve({ idempotency_key: key, request_hash: hashOf('caption two') });
    expect(changed.body).toMatchObject({
      reserved: true,
      publication: { attempts: 3, request_hash: hashOf('caption two'), progress: {} },
    });
  });

  it('hands a pending key whose lease ran out to a resuming caller only', async () => {
    const key = newKey();
    const { body: held } = await reserve({ idempotency_key: key, lease_s: 1 });
    const id = held.publication.id as string;
    await step(id, 'progress', {
      lease_id: held.lease_id,
      progress: { container_id: '1790003' },
      lease_s: 1,
    });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await reserve({ idempotency_key: key })).body.reserved).toBe(false);
    expect(
      (await reserve({ idempotency_key: key, resumable: true, request_hash: hashOf('x') })).body.reserved,
    ).toBe(false);
    const resumed = await reserve({ idempotency_key: key, resumable: true });
    expect(resumed.body).toMatchObject({
      reserved: true,
      previous_status: 'pending',
      publication: { attempts: 2, progress: { container_id: '1790003' } },
    });
  });

  it('release marks the row unknown with its lease ended, so a resuming or reconciling caller may take it at once', async () => {
    const key = newKey();
    const { body: held } = await reserve({ idempotency_key: key });
    const released = await step(held.publication.id, 'release', { lease_id: held.lease_id });
    expect(released.body.publication).toMatchObject({ status: 'unknown' });
    const listed = await get(
      `/api/publications?status=unknown&idempotency_key=${key}`,
      SERVICE_SECRETS.instagram,
    );
    expect(listed.body.publications).toEqual([expect.objectContaining({ idempotency_key: key })]);
    expect((await reserve({ idempotency_key: key })).body.reserved).toBe(false);
    expect((await reserve({ idempotency_key: key, resumable: true })).body).toMatchObject({
      reserved: true,
      previous_status: 'unknown',
      publication: { status: 'pending', attempts: 2 },
    });
  });
});

describe('scope and validation', () => {
  it('keeps each service to its platforms; metadata identities may read history only', async () => {
    expect((await reserve({ platform: 'x', account_id: '2244994945' })).status).toBe(403);
    const n8n = await reserve({}, SERVICE_SECRETS.n8n);
    expect(n8n.status).toBe(403);
    expect(n8n.body.detail.message).toMatch(/may read publication history but not write/);
    expect((await reserve({}, 'not-a-configured-secret-000')).status).toBe(401);

    const { body: xHeld } = await reserve(
      { platform: 'x', account_id: '2244994945', idempotency_key: newKey() },
      SERVICE_SECRETS.x,
    );
    expect(xHeld.reserved).toBe(true);
    expect((await get(`/api/publications/${xHeld.publication.id}`, SERVICE_SECRETS.instagram)).status).toBe(
      404,
    );
    expect(
      (await step(xHeld.publication.id, 'failed', { lease_id: xHeld.lease_id, error_code: 'x' })).status,
    ).toBe(404);
    expect((await get(`/api/publications/${xHeld.publication.id}`, SERVICE_SECRETS.n8n)).status).toBe(200);
    expect((await get('/api/publications?platform=x', SERVICE_SECRETS.instagram)).status).toBe(403);
    const rejected = (await auditRows(t.pool)).filter(
      (row) => row.action === 'publication.reserve' && row.outcome === 'rejected',
    );
    expect(rejected.map((row) => row.actor)).toEqual(
      expect.arrayContaining(['instagram-mcp', 'n8n', 'anonymous']),
    );
  });

  it('refuses bad bodies naming the field, and secrets in result or progress', async () => {
    const bad = await reserve({ request_hash: 'abc' });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatchObject({ code: 'invalid_input', field: 'request_hash' });
    expect((await reserve({ idempotency_key: 'has space' })).body.detail.field).toBe('idempotency_key');
    const { body: held } = await reserve({ idempotency_key: newKey() });
    const secret = await step(held.publication.id, 'published', {
      lease_id: held.lease_id,
      platform_post_id: '1',
      result: { nested: { access_token: CANARY.accessToken } },
    });
    expect(secret.status).toBe(400);
    expect(secret.body.detail.field).toBe('result');
    expect(JSON.stringify(secret.body)).not.toContain(CANARY.accessToken);
    const noLease = await step(held.publication.id, 'progress', { progress: {} });
    expect(noLease.body.detail.field).toBe('lease_id');
  });
});

describe('GET /api/publications (history)', () => {
  it('returns what was published, filtered, newest first and paginated, and never a token', async () => {
    const account = '2244994945';
    const keys: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const key = `history-${i}-${crypto.randomUUID()}`;
      keys.push(key);
      const { body: held } = await reserve(
        { platform: 'x', account_id: account, idempotency_key: key, request_hash: hashOf(`post ${i}`) },
        SERVICE_SECRETS.x,
      );
      if (i === 2) {
        await step(
          held.publication.id,
          'failed',
          { lease_id: held.lease_id, error_code: 'rate_limited' },
          SERVICE_SECRETS.x,
        );
      } else {
        await step(
          held.publication.id,
          'published',
          {
            lease_id: held.lease_id,
            platform_post_id: `19000000000000000${i}`,
            permalink: `https://x.com/socialvault_x/status/19000000000000000${i}`,
            result: { post_id: `19000000000000000${i}`, text: `post ${i}` },
          },
          SERVICE_SECRETS.x,
        );
      }
    }
    const since = new Date(Date.now() - 60_000).toISOString();
    const page1 = await get(
      `/api/publications?platform=x&account_id=${account}&status=published&since=${since}&limit=2`,
      SERVICE_SECRETS.n8n,
    );
    expect(page1.status).toBe(200);
    expect(page1.body.publications.map((p: { idempotency_key: string }) => p.idempotency_key)).toEqual([
      keys[4],
      keys[3],
    ]);
    expect(page1.body.next_cursor).toEqual(expect.any(String));
    const page2 = await get(
      `/api/publications?platform=x&account_id=${account}&status=published&since=${since}&limit=2&cursor=${page1.body.next_cursor}`,
      SERVICE_SECRETS.n8n,
    );
    expect(page2.body.publications.map((p: { idempotency_key: string }) => p.idempotency_key)).toEqual([
      keys[1],
      keys[0],
    ]);
    expect(page2.body.next_cursor).toBeNull();
    expect(page2.body.publications[0]).toMatchObject({
      platform: 'x',
      status: 'published',
      platform_post_id: '190000000000000001',
      permalink: 'https://x.com/socialvault_x/status/190000000000000001',
      result: { post_id: '190000000000000001', text: 'post 1' },
    });

    const failed = await get(`/api/publications?platform=x&status=failed`, SERVICE_SECRETS.x);
    expect(failed.body.publications.map((p: { idempotency_key: string }) => p.idempotency_key)).toContain(
      keys[2],
    );
    const future = await get(`/api/publications?since=2999-01-01`, SERVICE_SECRETS.n8n);
    expect(future.body).toEqual({ publications: [], next_cursor: null });

    const everything = await get('/api/publications?limit=100', SERVICE_SECRETS.n8n);
    const bodies = JSON.stringify([page1.body, page2.body, everything.body]);
    const text = bodies + capture.lines.join('');
    expect(text).not.toContain(CANARY.accessToken);
    expect(text).not.toContain(CANARY.refreshToken);
    expect(bodies).not.toMatch(/lease_id|access_token|ciphertext/);
    expect(JSON.stringify(everything.body)).not.toContain(SERVICE_SECRETS.x);

    expect((await get('/api/publications?cursor=bogus', SERVICE_SECRETS.n8n)).body.detail.field).toBe(
      'cursor',
    );
    expect((await get('/api/publications?since=yesterday', SERVICE_SECRETS.n8n)).body.detail.field).toBe(
      'since',
    );
    expect((await get('/api/publications?limit=101', SERVICE_SECRETS.n8n)).body.detail.field).toBe('limit');
  });

  it('finds a key with ?idempotency_key=', async () => {
    const key = newKey();
    await reserve({ idempotency_key: key });
    const found = await get(`/api/publications?idempotency_key=${key}`, SERVICE_SECRETS.instagram);
    expect(found.body.publications).toEqual([expect.objectContaining({ idempotency_key: key })]);
  });
});
