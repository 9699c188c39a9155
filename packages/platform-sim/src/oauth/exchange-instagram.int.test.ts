// Instagram Login against the simulator: `#_` after the code, api.instagram.com exchange, ig_exchange_token, publishing.
import { startPlatformSim, type PlatformSim } from '..';
import { answerConsent } from './authorize/consent-client';
import { get, paramsOf, postForm, withQuery } from '../../test/connect-fixtures';

const APP = { client_id: '990011223344', client_secret: 'ig-app-secret-0123456789' };
const REDIRECT = 'https://broker.example.test/callback/instagram';
const IG = '17841400000000021';

let sim: PlatformSim;
beforeEach(async () => {
  sim = await startPlatformSim();
  sim.state.oauth.registerApp({ endpoint: 'instagram', ...APP, redirect_uris: [REDIRECT] });
  sim.state.registerInstagramAccount({
    access_token: 'IGAAunrelated0123',
    ig_user_id: IG,
    username: 'ada_ig',
  });
});
afterEach(async () => sim.close());

const authorizeUrl = (overrides: Record<string, string> = {}) =>
  withQuery(`${sim.url}/instagram-www/oauth/authorize`, {
    client_id: APP.client_id,
    redirect_uri: REDIRECT,
    response_type: 'code',
    state: 'ig-state',
    scope: 'instagram_business_basic,instagram_business_content_publish',
    ...overrides,
  });

const exchange = (code: string, overrides: Record<string, string> = {}) =>
  postForm(`${sim.url}/instagram-api/oauth/access_token`, {
    client_id: APP.client_id,
    client_secret: APP.client_secret,
    grant_type: 'authorization_code',
    redirect_uri: REDIRECT,
    code,
    ...overrides,
  });

describe('Instagram Login connect flow', () => {
  it('redirects with #_ after the code, and refuses the code until the #_ is stripped', async () => {
    const outcome = await answerConsent(authorizeUrl());
    expect(outcome.location!.endsWith('#_')).toBe(true);
    const { code, state } = paramsOf(outcome.location);
    expect(state).toBe('ig-state');
    const unstripped = await exchange(`${code}#_`);
    expect(unstripped.status).toBe(400);
    expect(unstripped.body).toEqual({
      error_type: 'OAuthException',
      code: 400,
      error_message: 'Matching code was not found or was already used',
    });
    expect((await exchange(code!)).status).toBe(200);
  });

  it('issues a short-lived token, then a 60-day one that publishes', async () => {
    const code = paramsOf((await answerConsent(authorizeUrl())).location).code!;
    const short = await exchange(code);
    expect(short.status).toBe(200);
    expect(short.body).toMatchObject({
      user_id: IG,
      permissions: 'instagram_business_basic,instagram_business_content_publish',
    });
    const long = await get(
      withQuery(`${sim.url}/instagram/access_token`, {
        grant_type: 'ig_exchange_token',
        client_secret: APP.client_secret,
        access_token: short.body.access_token,
      }),
    );
    expect(long.status).toBe(200);
    expect(long.body).toMatchObject({ token_type: 'bearer', expires_in: 5_184_000 });
    const created = await postForm(
      `${sim.url}/v25.0/${IG}/media`,
      { image_url: sim.sampleImageUrl },
      { authorization: `Bearer ${long.body.access_token}` },
    );
    expect(created.status).toBe(200);
  });

  it('refuses ig_exchange_token with another app secret and a consent for an unknown app', async () => {
    const code = paramsOf((await answerConsent(authorizeUrl())).location).code!;
    const short = await exchange(code);
    const wrong = await get(
      withQuery(`${sim.url}/instagram/access_token`, {
        grant_type: 'ig_exchange_token',
        client_secret: 'nope',
        access_token: short.body.access_token,
      }),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.type).toBe('OAuthException');
    expect((await get(authorizeUrl({ client_id: '1' }))).status).toBe(400);
  });

  it('redirects Cancel with error=access_denied and error_reason=user_denied', async () => {
    const outcome = await answerConsent(authorizeUrl(), { decision: 'cancel' });
    expect(paramsOf(outcome.location)).toMatchObject({ error: 'access_denied', error_reason: 'user_denied' });
  });
});
