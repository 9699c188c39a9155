// DELETE /api/credentials/:id against the platform simulator: revoked at the provider, then wiped here, whatever the provider says.
import request from 'supertest';
import { startPlatformSim, type PlatformSim } from '@socialvault/platform-sim';
import {
  auditRows,
  brokerPost,
  CANARY,
  genericPayload,
  metaPayload,
  startTestVault,
  type TestVault,
} from '../../test/fixtures';
import { APPS, registerApps, simRefreshEnv } from '../../test/refresh-fixtures';

const X_ACCESS = 'xat-revocation-access-0123456789';
const X_REFRESH = 'xrt-revocation-refresh-0123456789';
const MASTODON_APP = {
  client_id: 'masto-app-client-0123',
  client_secret: 'canary-masto-app-secret-0123456789',
};
const MASTODON_TOKEN = 'masto-revocation-token-0123456789';
const IG_TOKEN = 'EAArevocation-user-token-0123456789';
const META_USER_ID = '10987654321';
const SECRETS = [
  X_ACCESS,
  X_REFRESH,
  MASTODON_TOKEN,
  IG_TOKEN,
  MASTODON_APP.client_secret,
  APPS.x.client_secret,
];

let sim: PlatformSim;
let t: TestVault;
beforeAll(async () => {
  sim = await startPlatformSim();
  t = await startTestVault({
    prefix: 'revocation',
    env: simRefreshEnv(sim, {
      VAULT_REFRESH_TIMEOUT_MS: '500',
      MASTODON_PRIVATE_INSTANCE_ALLOWLIST: sim.url,
    }),
  });
});
beforeEach(() => {
  sim.state.reset();
  registerApps(sim);
});
afterAll(async () => {
  await t?.stop();
  await sim?.close();
});

/** Every DELETE answer's text, for the canary check at the end. */
const answers: string[] = [];

// Vault answers are JSON; tests read fields off them freely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function del(id: string, body?: object): Promise<{ status: number; body: any }> {
  const req = request(t.vault.ingressUrl)
    .delete(`/api/credentials/${id}`)
    .set('X-API-Key', CANARY.brokerApiKey);
  const res = await (body === undefined ? req : req.send(body));
  answers.push(res.text);
  return res;
}

async function store(payload: Record<string, unknown>): Promise<string> {
  const res = await brokerPost(t.vault.ingressUrl, payload);
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function row(id: string): Promise<Record<string, unknown>> {
  const { rows } = await t.pool.query('SELECT * FROM credentials WHERE id = $1', [id]);
  return rows[0] as Record<string, unknown>;
}

/** The newest credential.revoke audit row of `id` (an upsert keeps the id of an earlier, revoked row). */
const lastRevokeAudit = async (id: string) =>
  (await auditRows(t.pool)).filter((r) => r.credential_id === id && r.action === 'credential.revoke').at(-1);

function expectWiped(stored: Record<string, unknown>): void {
  expect(stored).toMatchObject({
    status: 'revoked',
    access_token_ciphertext: null,
    refresh_token_ciphertext: null,
    key_id: null,
    extra: {},
  });
  expect(stored.revoked_at).toBeInstanceOf(Date);
}

function registerXUser(): void {
  sim.state.registerXUser({
    access_token: X_ACCESS,
    refresh_token: X_REFRESH,
    user_id: '2244994945',
    username: 'vault_x',
    name: 'Vault',
    client_id: APPS.x.client_id,
  });
}
const storeX = () =>
  store(
    genericPayload({
      account_id: '2244994945',
      access_token: X_ACCESS,
      refresh_token: X_REFRESH,
      extra: { note: 'x' },
    }),
  );
const xMe = () => request(sim.xUrl).get('/2/users/me').set('Authorization', `Bearer ${X_ACCESS}`);

describe('X', () => {
  it('revokes the refresh and access tokens at X, then wipes the row; the token no longer works there', async () => {
    registerXUser();
    const id = await storeX();
    expect((await xMe()).status).toBe(200);
    const res = await del(id);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id,
      platform: 'x',
      account_id: '2244994945',
      status: 'revoked',
      token_expires_at: expect.any(String),
      revoked_at: expect.any(String),
      provider_revocation: 'succeeded',
    });
    const basic = `Basic ${Buffer.from(`${APPS.x.client_id}:${APPS.x.client_secret}`).toString('base64')}`;
    expect(sim.state.oauth.calls('x_revoke')).toEqual([
      expect.objectContaining({
        form: { token: X_REFRESH, token_type_hint: 'refresh_token', client_id: APPS.x.client_id },
        authorization: basic,
        status: 200,
      }),
      expect.objectContaining({
        form: { token: X_ACCESS, token_type_hint: 'access_token', client_id: APPS.x.client_id },
        status: 200,
      }),
    ]);
    expect((await xMe()).body).toEqual({
      title: 'Unauthorized',
      type: 'about:blank',
      status: 401,
      detail: 'Unauthorized',
    });
    expectWiped(await row(id));
    const audit = await lastRevokeAudit(id);
    expect(audit).toMatchObject({
      actor: 'broker',
      outcome: 'success',
      detail: { provider_revocation: 'succeeded' },
    });
  });

  it('wipes locally and answers "failed" when X answers 5xx; the failure is in the answer and the audit row', async () => {
    registerXUser();
    const id = await storeX();
    sim.state.oauth.faults.add({ endpoint: 'x_revoke', kind: 'unavailable', times: 2 });
    const res = await del(id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'revoked', provider_revocation: 'failed' });
    expect(res.body.provider_error).toMatch(/^X revocation endpoint answered HTTP 503/);
    expect(res.body.provider_error.length).toBeLessThanOrEqual(500);
    expectWiped(await row(id));
    const audit = await lastRevokeAudit(id);
    expect(audit?.detail).toEqual({ provider_revocation: 'failed', provider_error: res.body.provider_error });
    // Said as it is: X never revoked the token.
    expect((await xMe()).status).toBe(200);
  });

  it('wipes locally and answers "failed" when X does not answer within the provider timeout', async () => {
    registerXUser();
    const id = await storeX();
    sim.state.oauth.faults.add({ endpoint: 'x_revoke', kind: 'slow', delay_ms: 1_500, times: 2 });
    const res = await del(id);
    expect(res.body).toMatchObject({ status: 'revoked', provider_revocation: 'failed' });
    expect(res.body.provider_error).toMatch(/X revocation endpoint unreachable \(ETIMEDOUT\)/);
    expectWiped(await row(id));
  });

  it('a repeated DELETE calls nobody: provider_revocation "skipped"', async () => {
    registerXUser();
    const id = await storeX();
    await del(id);
    const again = await del(id);
    expect(again.body).toMatchObject({
      status: 'revoked',
      provider_revocation: 'skipped',
      provider_note: expect.any(String),
    });
    expect(sim.state.oauth.calls('x_revoke')).toHaveLength(2);
  });

  it('refuses a client_secret body for a non-Mastodon credential, changing nothing', async () => {
    registerXUser();
    const id = await storeX();
    const res = await del(id, { client_secret: 'some-secret-0123' });
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatchObject({ field: 'client_secret', hint: expect.any(String) });
    expect(await row(id)).toMatchObject({ status: 'active', extra: { note: 'x' } });
    expect(sim.state.oauth.calls('x_revoke')).toEqual([]);
  });
});

describe('Mastodon', () => {
  const instanceUrl = () => sim.mastodonUrl('social');
  const setUp = async () => {
    sim.state.mastodon.registerApp('social', MASTODON_APP);
    sim.state.mastodon.registerAccount('social', {
      access_token: MASTODON_TOKEN,
      username: 'vault',
      client_id: MASTODON_APP.client_id,
    });
    return store(
      genericPayload({
        platform: 'mastodon',
        account_id: '109000000000000001',
        access_token: MASTODON_TOKEN,
        refresh_token: undefined,
        expires_in: undefined,
        extra: { instance_url: instanceUrl(), client_id: MASTODON_APP.client_id },
      }),
    );
  };
  const verify = () =>
    request(instanceUrl())
      .get('/api/v1/accounts/verify_credentials')
      .set('Authorization', `Bearer ${MASTODON_TOKEN}`);

  it('revokes with extra.client_id and the client_secret from the DELETE body; the token then answers 401', async () => {
    const id = await setUp();
    expect((await verify()).status).toBe(200);
    const res = await del(id, { client_secret: MASTODON_APP.client_secret });
    expect(res.body).toMatchObject({ status: 'revoked', provider_revocation: 'succeeded' });
    expect(sim.state.oauth.calls('mastodon_revoke')).toEqual([
      expect.objectContaining({
        path: '/mastodon/social/oauth/revoke',
        form: {
          client_id: MASTODON_APP.client_id,
          client_secret: MASTODON_APP.client_secret,
          token: MASTODON_TOKEN,
        },
        status: 200,
      }),
    ]);
    expect((await verify()).body).toEqual({ error: 'The access token was revoked' });
    expectWiped(await row(id));
    expect((await lastRevokeAudit(id))?.detail).toEqual({ provider_revocation: 'succeeded' });
  });

  it('without the app secret, wipes locally, calls nobody and says what to send', async () => {
    const id = await setUp();
    const res = await del(id);
    expect(res.body).toMatchObject({ status: 'revoked', provider_revocation: 'failed' });
    expect(res.body.provider_error).toMatch(/client_secret in the DELETE body/);
    expect(sim.state.oauth.calls('mastodon_revoke')).toEqual([]);
    expectWiped(await row(id));
  });

  it('a provider refusal (wrong app secret) is "failed" with Mastodon\'s error, and the row is wiped', async () => {
    const id = await setUp();
    const res = await del(id, { client_secret: 'not-the-app-secret-0123' });
    expect(res.body).toMatchObject({ provider_revocation: 'failed' });
    expect(res.body.provider_error).toMatch(/HTTP 403: .*unauthorized_client/);
    expectWiped(await row(id));
  });
});

describe('Instagram (Facebook Login)', () => {
  it("withdraws the user's permissions with DELETE /{meta_user_id}/permissions; the token then answers code 190", async () => {
    sim.state.registerInstagramAccount({
      access_token: IG_TOKEN,
      ig_user_id: '17841400000000001',
      username: 'vault_ig',
      meta_user_id: META_USER_ID,
    });
    const id = await store(metaPayload({ access_token: IG_TOKEN, meta_user_id: META_USER_ID }));
    const res = await del(id);
    expect(res.body).toMatchObject({
      platform: 'instagram',
      status: 'revoked',
      provider_revocation: 'succeeded',
    });
    expect(sim.state.oauth.calls('meta_permissions')).toEqual([
      expect.objectContaining({
        method: 'DELETE',
        path: `/v25.0/${META_USER_ID}/permissions`,
        authorization: `Bearer ${IG_TOKEN}`,
        status: 200,
      }),
    ]);
    const after = await request(sim.graphUrl)
      .get('/17841400000000001?fields=id')
      .set('Authorization', `Bearer ${IG_TOKEN}`);
    expect(after.body.error).toMatchObject({ code: 190 });
    expectWiped(await row(id));
    expect((await lastRevokeAudit(id))?.detail).toEqual({ provider_revocation: 'succeeded' });
  });
});

describe('platforms without a revocation endpoint', () => {
  it.each([
    ['linkedin', { extra: { person_urn: 'urn:li:person:abc' } }, /LinkedIn documents no endpoint/],
    ['threads', {}, /Threads documents no token revocation endpoint/],
    [
      'instagram',
      { extra: { login_type: 'instagram' } },
      /Instagram Login documents no token revocation endpoint/,
    ],
  ] as const)(
    '%s: wiped locally, provider_revocation "not_supported" with a note, nobody called',
    async (platform, fields, note) => {
      const id = await store(genericPayload({ platform, account_id: `nosupport-${platform}`, ...fields }));
      const res = await del(id);
      expect(res.body).toMatchObject({ platform, status: 'revoked', provider_revocation: 'not_supported' });
      expect(res.body.provider_note).toMatch(note);
      expect(sim.state.oauth.calls()).toEqual([]);
      expectWiped(await row(id));
      expect((await lastRevokeAudit(id))?.detail).toEqual({ provider_revocation: 'not_supported' });
    },
  );
});

it('never puts a token or an app secret in a DELETE answer or an audit row', async () => {
  expect(answers.length).toBeGreaterThan(10);
  const { rows } = await t.pool.query('SELECT * FROM audit_events');
  const text = JSON.stringify(rows) + answers.join('\n');
  for (const secret of SECRETS) expect(text).not.toContain(secret);
});
