// Threads connect flow against the simulator: consent, code exchange, th_exchange_token, publishing, refusals.
import { startPlatformSim, type PlatformSim } from '..';
import { answerConsent } from './authorize/consent-client';
import { get, paramsOf, postForm, withQuery } from '../../test/connect-fixtures';

const APP = { client_id: '551122334455', client_secret: 'th-app-secret-0123456789' };
const REDIRECT = 'https://broker.example.test/callback/threads';
const USER = '25001234567';

let sim: PlatformSim;
beforeEach(async () => {
  sim = await startPlatformSim();
  sim.state.oauth.registerApp({ endpoint: 'threads', ...APP, redirect_uris: [REDIRECT] });
  sim.state.registerThreadsAccount({
    access_token: 'THAAunrelated0123',
    threads_user_id: USER,
    username: 'ada_th',
  });
});
afterEach(async () => sim.close());

const authorizeUrl = (overrides: Record<string, string> = {}) =>
  withQuery(`${sim.url}/threads-www/oauth/authorize`, {
    client_id: APP.client_id,
    redirect_uri: REDIRECT,
    scope: 'threads_basic,threads_content_publish,threads_manage_insights',
    response_type: 'code',
    state: 'th-state',
    ...overrides,
  });

const exchange = (code: string, overrides: Record<string, string> = {}) =>
  postForm(`${sim.url}/threads/oauth/access_token`, {
    client_id: APP.client_id,
    client_secret: APP.client_secret,
    code,
    grant_type: 'authorization_code',
    redirect_uri: REDIRECT,
    ...overrides,
  });

const codeOf = async () => paramsOf((await answerConsent(authorizeUrl())).location).code!;

describe('Threads connect flow', () => {
  it('issues a short-lived token, then a 60-day one that publishes', async () => {
    const short = await exchange(await codeOf());
    expect(short.status).toBe(200);
    expect(short.body.user_id).toBe(USER);
    const long = await get(
      withQuery(`${sim.url}/threads/access_token`, {
        grant_type: 'th_exchange_token',
        client_secret: APP.client_secret,
        access_token: short.body.access_token,
      }),
    );
    expect(long.body).toMatchObject({ token_type: 'bearer', expires_in: 5_184_000 });
    const auth = { authorization: `Bearer ${long.body.access_token}` };
    const container = await postForm(
      `${sim.url}/threads/v1.0/${USER}/threads`,
      { media_type: 'TEXT', text: 'hi' },
      auth,
    );
    expect(container.status).toBe(200);
    const published = await postForm(
      `${sim.url}/threads/v1.0/${USER}/threads_publish`,
      { creation_id: container.body.id },
      auth,
    );
    expect(published.status).toBe(200);
  });

  it('answers Graph errors for a reused code, an expired one and an unknown app', async () => {
    const code = await codeOf();
    await exchange(code);
    expect((await exchange(code)).body.error).toMatchObject({ code: 100, error_subcode: 36009 });
    const late = await codeOf();
    sim.state.oauth.advanceClock(601);
    expect((await exchange(late)).body.error.error_subcode).toBe(36007);
    expect((await exchange('x', { client_id: '1' })).body.error.code).toBe(101);
  });

  it('refuses unknown permissions and redirects Cancel with access_denied', async () => {
    const scope = await get(authorizeUrl({ scope: 'threads_basic,threads_everything' }));
    expect(paramsOf(scope.headers.get('location')!).error).toBe('invalid_scope');
    const cancelled = await answerConsent(authorizeUrl(), { decision: 'cancel' });
    expect(paramsOf(cancelled.location)).toMatchObject({ error: 'access_denied', state: 'th-state' });
  });
});
