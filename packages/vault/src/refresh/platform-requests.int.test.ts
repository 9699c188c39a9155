// Inline refresh against the simulator's strict token endpoints: each platform's exact request, and what is stored after.
import request from 'supertest';
import { captureLogs } from '@socialvault/common/testing';
import { auditRows, CANARY, genericPayload, metaPayload, SERVICE_SECRETS } from '../../test/fixtures';
import {
  ageToken,
  APPS,
  DAY_MS,
  fetchToken,
  startRefreshStack,
  storeCredential,
  storedTokens,
  type RefreshStack,
} from '../../test/refresh-fixtures';

const IG_USER_ID = '17841400000000099';
let t: RefreshStack;
let capture: ReturnType<typeof captureLogs>;
beforeAll(async () => {
  t = await startRefreshStack('refresh_requests');
});
afterAll(async () => t.stop());
beforeEach(() => {
  capture = captureLogs();
});
afterEach(() => capture.stop());

const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();
const logText = () => capture.lines.join('');

function expectNoSecretsLogged(...secrets: string[]): void {
  for (const secret of [
    ...secrets,
    APPS.meta.client_secret,
    APPS.x.client_secret,
    APPS.linkedin.client_secret,
  ]) {
    expect(logText()).not.toContain(secret);
  }
}

it('Instagram (Facebook Login): fb_exchange_token with app id and secret; the new token works on the Graph API', async () => {
  const oldToken = 'EAAoldLongLivedInstagram0123456789';
  t.sim.state.registerInstagramAccount({
    access_token: oldToken,
    ig_user_id: IG_USER_ID,
    username: 'refresh_me',
    token_expires_at: inDays(5),
  });
  const id = await storeCredential(
    t.main.vault.ingressUrl,
    metaPayload({
      access_token: oldToken,
      instagram_business_account_id: IG_USER_ID,
      token_expires_at: inDays(5),
    }),
  );
  const res = await request(t.main.vault.internalUrl)
    .get(`/api/credentials/token?platform=instagram&account_id=${IG_USER_ID}`)
    .set('Authorization', `Bearer ${SERVICE_SECRETS.instagram}`);
  const [grant] = t.sim.state.oauth.grantsOf('facebook', IG_USER_ID);
  expect(res.body).toMatchObject({ access_token: grant!.accessToken, token_expired: false });
  expect(res.body.access_token).not.toBe(oldToken);
  expect(t.sim.state.oauth.calls('facebook')).toEqual([
    expect.objectContaining({
      method: 'GET',
      path: '/v25.0/oauth/access_token',
      query: {
        grant_type: 'fb_exchange_token',
        client_id: APPS.meta.client_id,
        client_secret: APPS.meta.client_secret,
        fb_exchange_token: oldToken,
      },
      form: {},
      status: 200,
    }),
  ]);
  expect(Date.parse(res.body.token_expires_at) - Date.now()).toBeGreaterThan(59 * DAY_MS);
  const me = await fetch(`${t.sim.url}/v25.0/${IG_USER_ID}?fields=id,username`, {
    headers: { authorization: `Bearer ${res.body.access_token}` },
  });
  expect(await me.json()).toEqual({ id: IG_USER_ID, username: 'refresh_me' });
  const audit = (await auditRows(t.pool)).filter((row) => row.credential_id === id);
  expect(audit.map((row) => [row.action, row.outcome, row.actor])).toContainEqual([
    'credential.refresh',
    'success',
    'instagram-mcp',
  ]);
  expect(logText()).toContain(`[Token Refreshed] instagram:${IG_USER_ID} via fb_exchange_token`);
  expectNoSecretsLogged(oldToken, res.body.access_token);
});

it.each([
  [
    'instagram',
    'instagram',
    '/instagram/refresh_access_token',
    'ig_refresh_token',
    { login_type: 'instagram' },
  ],
  ['threads', 'threads', '/threads/refresh_access_token', 'th_refresh_token', {}],
] as const)(
  '%s: %s refresh with only grant_type and access_token (no app secret)',
  async (platform, endpoint, path, grantType, extra) => {
    const oldToken = `${endpoint}-old-long-lived-token-0123456789`;
    const accountId = `${endpoint}-account-1`;
    t.sim.state.oauth.registerGrant({
      endpoint,
      account_ref: accountId,
      access_token: oldToken,
      issued_at: new Date(Date.now() - 50 * DAY_MS).toISOString(),
      access_expires_at: inDays(10),
    });
    const id = await storeCredential(t.main.vault.ingressUrl, {
      platform,
      account_id: accountId,
      access_token: oldToken,
      expires_at: inDays(10),
      extra,
    });
    await ageToken(t.pool, id, 50 * DAY_MS);
    const res = await fetchToken(t.main.vault.internalUrl, platform, accountId);
    expect(res.body.access_token).toBe(t.sim.state.oauth.grantsOf(endpoint, accountId)[0]!.accessToken);
    expect(t.sim.state.oauth.calls(endpoint)).toEqual([
      expect.objectContaining({
        method: 'GET',
        path,
        query: { grant_type: grantType, access_token: oldToken },
        status: 200,
      }),
    ]);
    expect(logText()).toContain(`[Token Refreshed] ${platform}:${accountId} via ${grantType}`);
    expectNoSecretsLogged(oldToken, res.body.access_token);
  },
);

it('a Threads token younger than 24 h is served as it is, without a call', async () => {
  await storeCredential(t.main.vault.ingressUrl, {
    platform: 'threads',
    account_id: 'threads-young',
    access_token: 'threads-young-token-0123456789',
    expires_at: inDays(3),
  });
  const res = await fetchToken(t.main.vault.internalUrl, 'threads', 'threads-young');
  expect(res.body).toMatchObject({ access_token: 'threads-young-token-0123456789', token_expired: false });
  expect(
    t.sim.state.oauth.calls('threads').filter((c) => c.query.access_token === res.body.access_token),
  ).toEqual([]);
});

it('X: refresh_token grant as a form with client_id and Basic auth; the rotated refresh token is stored', async () => {
  const accountId = '2244994945';
  t.sim.state.oauth.registerGrant({
    endpoint: 'x',
    account_ref: accountId,
    access_token: CANARY.accessToken,
    refresh_token: CANARY.refreshToken,
  });
  const id = await storeCredential(
    t.main.vault.ingressUrl,
    genericPayload({ account_id: accountId, expires_in: 600 }),
  );
  const res = await fetchToken(t.main.vault.internalUrl, 'x', accountId);
  const grant = t.sim.state.oauth.grantsOf('x', accountId)[0]!;
  expect(res.body.access_token).toBe(grant.accessToken);
  const basic = `Basic ${Buffer.from(`${APPS.x.client_id}:${APPS.x.client_secret}`).toString('base64')}`;
  expect(t.sim.state.oauth.calls('x')).toEqual([
    expect.objectContaining({
      method: 'POST',
      path: '/x/2/oauth2/token',
      contentType: 'application/x-www-form-urlencoded',
      authorization: basic,
      query: {},
      form: { grant_type: 'refresh_token', refresh_token: CANARY.refreshToken, client_id: APPS.x.client_id },
      status: 200,
    }),
  ]);
  const stored = await storedTokens(t.pool, t.main.config, id);
  expect(stored).toMatchObject({ accessToken: grant.accessToken, refreshToken: grant.refreshToken });
  expect(stored.refreshToken).not.toBe(CANARY.refreshToken);
  expect(Date.parse(res.body.token_expires_at) - Date.now()).toBeGreaterThan(7100_000);
  expectNoSecretsLogged(CANARY.refreshToken, stored.refreshToken as string, res.body.access_token);
});

it('LinkedIn: refresh_token grant with client_id and client_secret in the form; the refresh expiry is kept current', async () => {
  const refreshExpiresAt = new Date(Date.now() + 200 * DAY_MS);
  t.sim.state.oauth.registerGrant({
    endpoint: 'linkedin',
    account_ref: 'li-member-1',
    access_token: 'AQVoldLinkedInToken0123456789',
    refresh_token: 'AQXoldLinkedInRefresh0123456789',
    refresh_expires_at: refreshExpiresAt.toISOString(),
  });
  const id = await storeCredential(t.main.vault.ingressUrl, {
    platform: 'linkedin',
    account_id: 'li-member-1',
    access_token: 'AQVoldLinkedInToken0123456789',
    refresh_token: 'AQXoldLinkedInRefresh0123456789',
    expires_in: 3 * 86_400,
    refresh_token_expires_in: 365 * 86_400,
  });
  const res = await fetchToken(t.main.vault.internalUrl, 'linkedin', 'li-member-1');
  expect(res.body.access_token).toBe(t.sim.state.oauth.grantsOf('linkedin', 'li-member-1')[0]!.accessToken);
  const [call] = t.sim.state.oauth.calls('linkedin');
  expect(call).toMatchObject({
    method: 'POST',
    path: '/linkedin-oauth/oauth/v2/accessToken',
    form: {
      grant_type: 'refresh_token',
      refresh_token: 'AQXoldLinkedInRefresh0123456789',
      client_id: APPS.linkedin.client_id,
      client_secret: APPS.linkedin.client_secret,
    },
    status: 200,
  });
  expect(call!.authorization).toBeUndefined();
  const { row, refreshToken } = await storedTokens(t.pool, t.main.config, id);
  expect(refreshToken).toBe('AQXoldLinkedInRefresh0123456789');
  expect(Math.abs((row.refresh_expires_at as Date).getTime() - refreshExpiresAt.getTime())).toBeLessThan(
    5_000,
  );
});
