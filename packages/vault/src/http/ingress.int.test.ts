import request from 'supertest';
import {
  auditRows,
  CANARY,
  credentialRows,
  genericPayload,
  metaPayload,
  SERVICE_SECRETS,
  useTestVault,
} from '../../test/fixtures';

const t = useTestVault({ prefix: 'ingress' });
const post = (body: unknown, apiKey?: string | null) => t.brokerPost(body, apiKey);

describe('POST /api/credentials (generic form)', () => {
  it('stores a credential and answers 201 with metadata only', async () => {
    const res = await post(genericPayload({ account_id: 'gen-1' }));
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual([
      'account_id',
      'id',
      'platform',
      'status',
      'token_expires_at',
    ]);
    expect(res.body).toMatchObject({ platform: 'x', account_id: 'gen-1', status: 'active' });
    expect(new Date(res.body.token_expires_at).getTime()).toBeGreaterThan(Date.now() + 7100 * 1000);
    expect(JSON.stringify(res.body)).not.toContain(CANARY.accessToken);
    const [row] = (await credentialRows(t.pool)).filter((r) => r.account_id === 'gen-1');
    expect(row).toMatchObject({
      platform: 'x',
      username: 'socialvault_x',
      client_id: 'client-a',
      scopes: ['tweet.read', 'tweet.write', 'users.read', 'offline.access'],
      key_id: 'k1',
    });
    expect(row?.access_token_ciphertext).toMatch(
      /^v2:k1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/,
    );
    expect(row?.refresh_token_ciphertext).toMatch(/^v2:k1:/);
    expect(JSON.stringify(row)).not.toContain(CANARY.accessToken);
    expect(JSON.stringify(row)).not.toContain(CANARY.refreshToken);
  });

  it('upserts on (platform, account_id): a second POST replaces the row and keeps its id', async () => {
    const first = await post(genericPayload({ account_id: 'gen-up', username: 'before' }));
    const second = await post(
      genericPayload({
        account_id: 'gen-up',
        username: 'after',
        refresh_token: undefined,
        expires_in: undefined,
      }),
    );
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.token_expires_at).toBeNull();
    const rows = (await credentialRows(t.pool)).filter((r) => r.account_id === 'gen-up');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ username: 'after', refresh_token_ciphertext: null });
  });

  it('accepts expires_at and an array of scopes', async () => {
    const res = await post(
      genericPayload({
        account_id: 'gen-at',
        expires_in: undefined,
        expires_at: '2030-01-02T03:04:05+02:00',
        scopes: ['a', 'b'],
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body.token_expires_at).toBe('2030-01-02T01:04:05.000Z');
  });

  it('stores a Mastodon credential with its https instance_url normalised', async () => {
    const res = await post(
      genericPayload({
        platform: 'mastodon',
        account_id: '109876',
        refresh_token: undefined,
        expires_in: undefined,
        extra: { instance_url: 'https://mastodon.example/' },
      }),
    );
    expect(res.status).toBe(201);
    const [row] = (await credentialRows(t.pool)).filter((r) => r.platform === 'mastodon');
    expect(row?.extra).toEqual({ instance_url: 'https://mastodon.example' });
  });

  it('writes a credential.store audit row without any secret', async () => {
    await post(genericPayload({ account_id: 'gen-audit' }));
    const rows = (await auditRows(t.pool)).filter((r) => r.account_id === 'gen-audit');
    expect(rows).toEqual([
      expect.objectContaining({
        actor: 'broker',
        action: 'credential.store',
        outcome: 'success',
        platform: 'x',
      }),
    ]);
    expect(JSON.stringify(rows)).not.toContain(CANARY.accessToken);
  });
});

describe('POST /api/credentials (seed Meta form)', () => {
  it('maps instagram_business_account_id to account_id and the Meta ids into extra', async () => {
    const res = await post(metaPayload());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      platform: 'instagram',
      account_id: '17841400000000001',
      status: 'active',
      token_expires_at: '2099-03-01T00:00:00.000Z',
    });
    const [row] = (await credentialRows(t.pool)).filter((r) => r.platform === 'instagram');
    expect(row).toMatchObject({
      client_id: 'test-client-a',
      extra: { facebook_page_id: '108154000000001', ad_account_id: 'act_123456', meta_user_id: '12345678' },
    });
  });
});

describe('DELETE /api/credentials/:id', () => {
  it('revokes: status revoked, ciphertexts and extra wiped, revoked_at set, audit row written', async () => {
    const created = await post(
      genericPayload({
        account_id: 'to-revoke',
        extra: { facebook_page_id: '1081', note: 'kept until revoked' },
      }),
    );
    const res = await request(t.vault.ingressUrl)
      .delete(`/api/credentials/${created.body.id}`)
      .set('X-API-Key', CANARY.brokerApiKey);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: created.body.id,
      status: 'revoked',
      revoked_at: expect.any(String),
    });
    const [row] = (await credentialRows(t.pool)).filter((r) => r.account_id === 'to-revoke');
    expect(row).toMatchObject({
      status: 'revoked',
      access_token_ciphertext: null,
      refresh_token_ciphertext: null,
      key_id: null,
    });
    expect(row?.extra).toEqual({});
    expect(row?.revoked_at).toBeInstanceOf(Date);
    const audit = (await auditRows(t.pool)).filter((r) => r.credential_id === created.body.id);
    expect(audit.map((r) => r.action)).toEqual(['credential.store', 'credential.revoke']);
  });

  it('answers 401 without the broker key and 404 for an unknown id, changing nothing', async () => {
    const created = await post(genericPayload({ account_id: 'keep-me' }));
    const before = await credentialRows(t.pool);
    const noKey = await request(t.vault.ingressUrl).delete(`/api/credentials/${created.body.id}`);
    expect(noKey.status).toBe(401);
    const unknown = await request(t.vault.ingressUrl)
      .delete('/api/credentials/00000000-0000-4000-8000-000000000000')
      .set('X-API-Key', CANARY.brokerApiKey);
    expect(unknown.status).toBe(404);
    const malformed = await request(t.vault.ingressUrl)
      .delete('/api/credentials/not-a-uuid')
      .set('X-API-Key', CANARY.brokerApiKey);
    expect(malformed.status).toBe(400);
    expect(malformed.body.detail.field).toBe('id');
    expect(await credentialRows(t.pool)).toEqual(before);
  });

  it('a later broker POST re-activates a revoked credential', async () => {
    const created = await post(genericPayload({ account_id: 'revive' }));
    await request(t.vault.ingressUrl)
      .delete(`/api/credentials/${created.body.id}`)
      .set('X-API-Key', CANARY.brokerApiKey);
    const again = await post(genericPayload({ account_id: 'revive' }));
    expect(again.body).toMatchObject({ id: created.body.id, status: 'active' });
  });
});

describe('GET /api/credentials (broker key)', () => {
  const list = (query = '', apiKey: string | null = CANARY.brokerApiKey) => {
    const req = request(t.vault.ingressUrl).get(`/api/credentials${query}`);
    return apiKey === null ? req : req.set('X-API-Key', apiKey);
  };

  it('lists the same metadata as the internal route, never a token or refresh token', async () => {
    await post(genericPayload({ account_id: 'listed-x' }));
    await post(metaPayload({ instagram_business_account_id: '17841400000000077' }));
    const res = await list();
    expect(res.status).toBe(200);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(CANARY.accessToken);
    expect(text).not.toContain(CANARY.refreshToken);
    expect(text).not.toMatch(/ciphertext|"access_token"|"refresh_token"/);
    expect(res.body.credentials).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ platform: 'x', account_id: 'listed-x', has_refresh_token: true }),
        expect.objectContaining({
          platform: 'instagram',
          account_id: '17841400000000077',
          instagram_business_account_id: '17841400000000077',
          facebook_page_id: '108154000000001',
        }),
      ]),
    );
    const internal = await request(t.vault.internalUrl)
      .get('/api/credentials')
      .set('Authorization', `Bearer ${SERVICE_SECRETS.all}`);
    expect(res.body).toEqual(internal.body);
  });

  it('filters by ?platform= and refuses an unknown platform with 400 naming the field', async () => {
    await post(genericPayload({ account_id: 'filtered-x' }));
    const res = await list('?platform=x');
    expect(res.status).toBe(200);
    expect(res.body.credentials.length).toBeGreaterThan(0);
    expect(new Set(res.body.credentials.map((c: { platform: string }) => c.platform))).toEqual(
      new Set(['x']),
    );
    const bad = await list('?platform=myspace');
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatchObject({ field: 'platform', hint: expect.any(String) });
  });

  it('answers 401 to a wrong or missing key and to a service token, and audits the refusal', async () => {
    const wrong = await list('', CANARY.wrongApiKey);
    const missing = await list('', null);
    const service = await request(t.vault.ingressUrl)
      .get('/api/credentials')
      .set('Authorization', `Bearer ${SERVICE_SECRETS.all}`);
    for (const res of [wrong, missing, service]) {
      expect(res.status).toBe(401);
      expect(res.body.detail.field).toBe('X-API-Key');
      expect(res.body.credentials).toBeUndefined();
    }
    const refusals = (await auditRows(t.pool)).filter(
      (r) => r.action === 'credential.list' && r.outcome === 'rejected',
    );
    expect(refusals.length).toBeGreaterThanOrEqual(3);
  });
});

describe('the ingress listener', () => {
  it('does not serve the token route or metrics (404)', async () => {
    for (const path of ['/api/credentials/token', '/api/credentials/token?platform=x', '/metrics']) {
      const res = await request(t.vault.ingressUrl)
        .get(path)
        .set('Authorization', 'Bearer whatever-123456789');
      expect(res.status).toBe(404);
      expect(res.body.detail.hint).toMatch(/broker listener/);
    }
  });

  it('answers GET /health with up/down only (no key ids, no counts) and Cache-Control: no-store', async () => {
    const res = await request(t.vault.ingressUrl).get('/health');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({ status: 'ok', service: 'vault' });
  });
});
