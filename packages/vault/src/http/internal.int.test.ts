import request from 'supertest';
import { captureLogs } from '@socialvault/common/testing';
import {
  auditRows,
  CANARY,
  credentialRows,
  genericPayload,
  metaPayload,
  SERVICE_SECRETS,
  useTestVault,
} from '../../test/fixtures';

const t = useTestVault({ prefix: 'internal' });
let capture: ReturnType<typeof captureLogs>;
beforeAll(async () => {
  const store = (body: Record<string, unknown>) => t.brokerPost(body);
  expect((await store(metaPayload())).status).toBe(201);
  expect((await store(genericPayload({ account_id: 'x-one' }))).status).toBe(201);
  expect(
    (await store(genericPayload({ account_id: 'x-two', access_token: 'x-two-token-0123456789' }))).status,
  ).toBe(201);
});
beforeEach(() => {
  capture = captureLogs();
});
afterEach(() => capture.stop());

const get = (path: string, secret: string | null) => t.serviceGet(path, secret);
const logText = () => capture.lines.join('');

describe("the seed's testing checklist", () => {
  it('1: the metadata endpoint returns account ids and no token', async () => {
    const res = await get('/api/credentials?platform=instagram', SERVICE_SECRETS.instagram);
    expect(res.status).toBe(200);
    expect(res.body.credentials).toEqual([
      expect.objectContaining({
        platform: 'instagram',
        account_id: '17841400000000001',
        client_id: 'test-client-a',
        instagram_business_account_id: '17841400000000001',
        facebook_page_id: '108154000000001',
        ad_account_id: 'act_123456',
        token_expires_at: '2099-03-01T00:00:00.000Z',
        token_expired: false,
        status: 'active',
      }),
    ]);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(CANARY.accessToken);
    expect(text).not.toMatch(/access_token|ciphertext/);
  });

  it('2: the token endpoint returns the decrypted token, token_expired: false and all account ids', async () => {
    const res = await get('/api/credentials/token', SERVICE_SECRETS.instagram);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      access_token: CANARY.accessToken,
      token_type: 'bearer',
      id: expect.any(String),
      platform: 'instagram',
      account_id: '17841400000000001',
      username: null,
      client_id: 'test-client-a',
      status: 'active',
      scopes: [],
      token_expires_at: '2099-03-01T00:00:00.000Z',
      token_expired: false,
      extra: { facebook_page_id: '108154000000001', ad_account_id: 'act_123456', meta_user_id: '12345678' },
      instagram_business_account_id: '17841400000000001',
      facebook_page_id: '108154000000001',
      ad_account_id: 'act_123456',
      meta_user_id: '12345678',
    });
  });

  it('3: the stored column holds ciphertext in the v2 form, not the token', async () => {
    const [row] = (await credentialRows(t.pool)).filter((r) => r.platform === 'instagram');
    expect(row?.access_token_ciphertext).toMatch(/^v2:k1:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/);
    expect(String(row?.access_token_ciphertext)).not.toContain(CANARY.accessToken);
  });

  it('4: every token access logs [Token Access] <service> <platform>:<account_id> and writes an audit row', async () => {
    await get('/api/credentials/token?platform=instagram', SERVICE_SECRETS.instagram);
    expect(logText()).toContain('[Token Access] instagram-mcp instagram:17841400000000001');
    const rows = await auditRows(t.pool);
    expect(rows[rows.length - 1]).toMatchObject({
      actor: 'instagram-mcp',
      action: 'token.serve',
      outcome: 'success',
      platform: 'instagram',
      account_id: '17841400000000001',
    });
    expect(logText()).not.toContain(CANARY.accessToken);
    expect(JSON.stringify(rows)).not.toContain(CANARY.accessToken);
  });

  it('5: a past token_expires_at gives token_expired: true and a [Token Expired] line', async () => {
    await t.pool.query(
      `UPDATE credentials SET token_expires_at = '2024-01-01T00:00:00Z' WHERE platform = 'instagram'`,
    );
    try {
      const res = await get('/api/credentials/token', SERVICE_SECRETS.instagram);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ access_token: CANARY.accessToken, token_expired: true });
      expect(logText()).toContain(
        '[Token Expired] instagram:17841400000000001 token expired at 2024-01-01T00:00:00.000Z',
      );
      const list = await get('/api/credentials', SERVICE_SECRETS.instagram);
      expect(list.body.credentials[0].token_expired).toBe(true);
    } finally {
      await t.pool.query(
        `UPDATE credentials SET token_expires_at = '2099-03-01T00:00:00Z' WHERE platform = 'instagram'`,
      );
    }
  });
});

describe('GET /api/credentials/token', () => {
  it('serves the generic form with scopes, username and the refresh token withheld', async () => {
    const res = await get('/api/credentials/token?platform=x&account_id=x-one', SERVICE_SECRETS.x);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      access_token: CANARY.accessToken,
      platform: 'x',
      account_id: 'x-one',
      username: 'socialvault_x',
      scopes: ['tweet.read', 'tweet.write', 'users.read', 'offline.access'],
      token_expired: false,
    });
    expect(res.body).not.toHaveProperty('instagram_business_account_id');
    expect(JSON.stringify(res.body)).not.toContain(CANARY.refreshToken);
  });

  it('answers 409 listing the account ids when several credentials match and account_id is omitted', async () => {
    const res = await get('/api/credentials/token?platform=x', SERVICE_SECRETS.x);
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatchObject({ field: 'account_id', choices: ['x-one', 'x-two'] });
    expect(res.body.detail.hint).toContain('x-one, x-two');
  });

  const rejections: [string, string, string | null, number, RegExp][] = [
    ['no bearer', '/api/credentials/token', null, 401, /Authorization header is missing/],
    ['a wrong bearer', '/api/credentials/token', CANARY.wrongApiKey, 401, /not a configured service token/],
    [
      'another platform',
      '/api/credentials/token?platform=x',
      SERVICE_SECRETS.instagram,
      403,
      /may not read x/,
    ],
    [
      'a metadata-only identity',
      '/api/credentials/token?platform=x',
      SERVICE_SECRETS.n8n,
      403,
      /not read tokens/,
    ],
    [
      'an unknown account',
      '/api/credentials/token?platform=x&account_id=nobody',
      SERVICE_SECRETS.x,
      404,
      /nobody/,
    ],
    [
      'a platform with no credential',
      '/api/credentials/token?platform=linkedin',
      SERVICE_SECRETS.all,
      404,
      /No linkedin/,
    ],
    [
      'an unknown platform',
      '/api/credentials/token?platform=myspace',
      SERVICE_SECRETS.all,
      400,
      /^platform must be/,
    ],
    [
      'no platform for a multi-platform identity',
      '/api/credentials/token',
      SERVICE_SECRETS.all,
      400,
      /platform is required/,
    ],
    [
      'a repeated account_id',
      '/api/credentials/token?platform=x&account_id=a&account_id=b',
      SERVICE_SECRETS.x,
      400,
      /^account_id/,
    ],
  ];

  it.each(rejections)('rejects %s', async (_name, path, secret, status, message) => {
    const before = await credentialRows(t.pool);
    const res = await get(path, secret);
    expect(res.status).toBe(status);
    expect(res.body.detail.message).toMatch(message);
    expect(res.body.detail.hint).toEqual(expect.any(String));
    expect(JSON.stringify(res.body)).not.toContain(CANARY.accessToken);
    expect(await credentialRows(t.pool)).toEqual(before);
  });

  it('audits a rejected token request under the caller identity', async () => {
    await get('/api/credentials/token?platform=x', SERVICE_SECRETS.instagram);
    const rows = await auditRows(t.pool);
    expect(rows[rows.length - 1]).toMatchObject({
      actor: 'instagram-mcp',
      action: 'token.serve',
      outcome: 'rejected',
      detail: expect.objectContaining({ status: 403, code: 'forbidden' }),
    });
  });

  it('answers 404 for a revoked credential', async () => {
    const created = await request(t.vault.ingressUrl)
      .post('/api/credentials')
      .set('X-API-Key', CANARY.brokerApiKey)
      .send(
        genericPayload({
          platform: 'mastodon',
          account_id: 'gone',
          extra: { instance_url: 'https://m.example' },
        }),
      );
    await request(t.vault.ingressUrl)
      .delete(`/api/credentials/${created.body.id}`)
      .set('X-API-Key', CANARY.brokerApiKey);
    const res = await get('/api/credentials/token?platform=mastodon', SERVICE_SECRETS.mastodon);
    expect(res.status).toBe(404);
    const list = await get('/api/credentials', SERVICE_SECRETS.mastodon);
    expect(list.body.credentials).toEqual([
      expect.objectContaining({ account_id: 'gone', status: 'revoked' }),
    ]);
  });
});

describe('GET /api/credentials', () => {
  it("lists only the identity's platforms", async () => {
    const res = await get('/api/credentials', SERVICE_SECRETS.x);
    expect(res.body.credentials.map((c: { account_id: string }) => c.account_id)).toEqual(['x-one', 'x-two']);
  });

  it('lets a metadata-only identity list every platform, without tokens', async () => {
    const res = await get('/api/credentials', SERVICE_SECRETS.n8n);
    expect(res.status).toBe(200);
    expect(new Set(res.body.credentials.map((c: { platform: string }) => c.platform))).toEqual(
      new Set(['instagram', 'x', 'mastodon']),
    );
    expect(JSON.stringify(res.body)).not.toContain(CANARY.accessToken);
    expect(JSON.stringify(res.body)).not.toContain('x-two-token-0123456789');
  });

  it('pages the list with limit and next_cursor, in the order of the whole list', async () => {
    const whole = await get('/api/credentials', SERVICE_SECRETS.n8n);
    expect(whole.body.next_cursor).toBeNull();
    const paged: unknown[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(
        `/api/credentials?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        SERVICE_SECRETS.n8n,
      );
      expect(res.status).toBe(200);
      expect(res.body.credentials).toHaveLength(1);
      paged.push(...res.body.credentials);
      cursor = res.body.next_cursor;
    } while (cursor !== null && paged.length <= whole.body.credentials.length);
    expect(paged).toEqual(whole.body.credentials);
    const onePlatform = await get('/api/credentials?platform=x&limit=500', SERVICE_SECRETS.x);
    expect(onePlatform.body).toEqual({ credentials: expect.any(Array), next_cursor: null });
  });

  it('answers 400 naming limit or cursor when either is not one the list takes', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=ten', 'limit'],
      ['cursor=not-a-cursor', 'cursor'],
    ]) {
      const res = await get(`/api/credentials?${query}`, SERVICE_SECRETS.n8n);
      expect(res.status).toBe(400);
      expect(res.body.detail.message).toMatch(new RegExp(`^${field} `));
    }
  });

  it('answers 403 for a platform outside the identity and 401 without a bearer', async () => {
    expect((await get('/api/credentials?platform=instagram', SERVICE_SECRETS.x)).status).toBe(403);
    expect((await get('/api/credentials', null)).status).toBe(401);
  });
});

describe('the internal listener', () => {
  it('does not accept broker routes (404)', async () => {
    const res = await request(t.vault.internalUrl)
      .post('/api/credentials')
      .set('X-API-Key', CANARY.brokerApiKey)
      .send(genericPayload());
    expect(res.status).toBe(404);
  });

  it('serves /health and Prometheus /metrics without secrets', async () => {
    const health = await request(t.vault.internalUrl).get('/health');
    expect(health.body).toMatchObject({ status: 'ok', listener: 'internal', database: 'ok' });
    const metrics = await request(t.vault.internalUrl).get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(/vault_tokens_served_total\{platform="instagram",expired="false"\} \d+/);
    expect(metrics.text).toMatch(/vault_credentials_stored_total\{platform="x"\} 2/);
    expect(metrics.text).not.toContain(CANARY.accessToken);
  });
});
