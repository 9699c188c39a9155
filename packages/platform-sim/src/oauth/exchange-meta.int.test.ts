// Facebook Login against the simulator: dialog, code → short-lived → long-lived token, /me/accounts with two pages, publishing.
import { startPlatformSim, type PlatformSim } from '..';
import { answerConsent } from './authorize/consent-client';
import { get, paramsOf, postForm, withQuery } from '../../test/connect-fixtures';

const APP = { client_id: '1234567890', client_secret: 'fb-app-secret-0123456789' };
const REDIRECT = 'https://broker.example.test/callback/instagram';
const SCOPE =
  'instagram_basic,instagram_content_publish,instagram_manage_insights,pages_show_list,pages_read_engagement,business_management';
const IG_A = '17841400000000011';
const IG_B = '17841400000000012';

let sim: PlatformSim;
beforeEach(async () => {
  sim = await startPlatformSim();
  sim.state.oauth.registerApp({
    endpoint: 'facebook',
    ...APP,
    name: 'Socialvault',
    redirect_uris: [REDIRECT],
  });
  sim.state.registerMetaUser({
    user_id: '10001',
    name: 'Ada Lovelace',
    pages: [
      { id: '201', name: 'Page A', instagram_business_account: { id: IG_A, username: 'ada_a' } },
      { id: '202', name: 'Page B', instagram_business_account: { id: IG_B, username: 'ada_b' } },
      { id: '203', name: 'Page without Instagram' },
    ],
    ad_account_ids: ['555'],
  });
});
afterEach(async () => sim.close());

const dialogUrl = (overrides: Record<string, string> = {}) =>
  withQuery(`${sim.url}/facebook-www/v25.0/dialog/oauth`, {
    client_id: APP.client_id,
    redirect_uri: REDIRECT,
    state: 'fb-state',
    response_type: 'code',
    scope: SCOPE,
    ...overrides,
  });

const exchange = (code: string, overrides: Record<string, string> = {}) =>
  get(
    withQuery(`${sim.url}/v25.0/oauth/access_token`, {
      client_id: APP.client_id,
      client_secret: APP.client_secret,
      redirect_uri: REDIRECT,
      code,
      ...overrides,
    }),
  );

const codeOf = async () => paramsOf((await answerConsent(dialogUrl())).location).code!;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('Facebook Login connect flow', () => {
  it('exchanges the code, then the short-lived token for a long-lived one that lists both pages and publishes', async () => {
    const short = await exchange(await codeOf());
    expect(short.status).toBe(200);
    expect(short.body).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    const long = await get(
      withQuery(`${sim.url}/v25.0/oauth/access_token`, {
        grant_type: 'fb_exchange_token',
        client_id: APP.client_id,
        client_secret: APP.client_secret,
        fb_exchange_token: short.body.access_token,
      }),
    );
    expect(long.body.expires_in).toBe(5_183_944);
    const token = long.body.access_token as string;

    expect((await get(`${sim.url}/v25.0/me?fields=id`, bearer(token))).body).toEqual({ id: '10001' });
    const pages = await get(
      withQuery(`${sim.url}/v25.0/me/accounts`, {
        fields: 'id,name,instagram_business_account{id,username}',
      }),
      bearer(token),
    );
    expect(pages.body.data).toEqual([
      { id: '201', name: 'Page A', instagram_business_account: { id: IG_A, username: 'ada_a' } },
      { id: '202', name: 'Page B', instagram_business_account: { id: IG_B, username: 'ada_b' } },
      { id: '203', name: 'Page without Instagram' },
    ]);
    expect((await get(`${sim.url}/v25.0/me/adaccounts`, bearer(token))).body.data).toEqual([
      { id: 'act_555', account_id: '555' },
    ]);

    for (const igUserId of [IG_A, IG_B]) {
      const created = await postForm(
        `${sim.url}/v25.0/${igUserId}/media`,
        { image_url: sim.sampleImageUrl, caption: 'hi' },
        bearer(token),
      );
      expect(created.status).toBe(200);
      const read = await get(`${sim.url}/v25.0/${created.body.id}?fields=id`, bearer(token));
      expect(read.status).toBe(200);
    }
  });

  it('records the dialog, the consent and both token calls', async () => {
    await exchange(await codeOf());
    expect(sim.state.oauth.calls('facebook').map((c) => [c.step, c.status])).toEqual([
      ['authorize', 200],
      ['consent', 302],
      ['token', 200],
    ]);
  });

  it('answers Graph errors for a reused code, another redirect_uri, an expired code and a wrong secret', async () => {
    const code = await codeOf();
    const first = await exchange(code);
    const reused = await exchange(code);
    expect(reused.status).toBe(400);
    expect(reused.body.error).toMatchObject({ type: 'OAuthException', code: 100, error_subcode: 36009 });
    expect(reused.body.error.fbtrace_id).toEqual(expect.any(String));
    expect((await get(`${sim.url}/v25.0/me`, bearer(first.body.access_token))).status).toBe(400);

    const other = await exchange(await codeOf(), { redirect_uri: `${REDIRECT}?x=1` });
    expect(other.body.error.error_subcode).toBe(36008);
    const late = await codeOf();
    sim.state.oauth.advanceClock(601);
    expect((await exchange(late)).body.error.error_subcode).toBe(36007);
    expect((await exchange('whatever', { client_secret: 'nope' })).body.error).toMatchObject({ code: 1 });
  });

  it('redirects Cancel as Facebook does and an unknown permission with invalid_scope', async () => {
    const cancelled = await answerConsent(dialogUrl(), { decision: 'cancel' });
    expect(paramsOf(cancelled.location)).toMatchObject({
      error: 'access_denied',
      error_reason: 'user_denied',
      state: 'fb-state',
    });
    const scope = await get(dialogUrl({ scope: 'instagram_basic,publish_actions' }));
    expect(paramsOf(scope.headers.get('location')!)).toMatchObject({
      error: 'invalid_scope',
      state: 'fb-state',
    });
  });

  it('shows an error page for an unknown app id', async () => {
    const page = await get(dialogUrl({ client_id: '999' }));
    expect(page.status).toBe(400);
    expect(page.headers.get('location')).toBeNull();
  });
});
