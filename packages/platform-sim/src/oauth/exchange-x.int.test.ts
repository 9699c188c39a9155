// X connect flow against the simulator: consent page, PKCE S256, Basic auth, single-use codes, tokens that work at once.
import { startPlatformSim, type PlatformSim } from '..';
import { answerConsent } from './authorize/consent-client';
import {
  basicAuth,
  get,
  paramsOf,
  pkcePair,
  postForm,
  REDIRECT_URI,
  withQuery,
} from '../../test/connect-fixtures';

const APP = { client_id: 'x-connect-client', client_secret: 'x-connect-secret-0123456789' };
const USER_ID = '2244994945';
const SCOPE = 'tweet.read tweet.write users.read offline.access media.write';

let sim: PlatformSim;
let pkce: ReturnType<typeof pkcePair>;
beforeEach(async () => {
  sim = await startPlatformSim();
  sim.state.oauth.registerApp({ endpoint: 'x', ...APP, name: 'Socialvault', redirect_uris: [REDIRECT_URI] });
  sim.state.registerXUser({
    access_token: 'x-unrelated-token-0123',
    user_id: USER_ID,
    username: 'sv_demo',
    name: 'Socialvault Demo',
  });
  pkce = pkcePair();
});
afterEach(async () => sim.close());

const authorizeUrl = (overrides: Record<string, string> = {}) =>
  withQuery(`${sim.url}/x-www/i/oauth2/authorize`, {
    response_type: 'code',
    client_id: APP.client_id,
    redirect_uri: REDIRECT_URI,
    scope: SCOPE,
    state: 'state-123',
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
    ...overrides,
  });

const exchange = (
  code: string,
  form: Record<string, string> = {},
  auth: string | null = basicAuth(APP.client_id, APP.client_secret),
) =>
  postForm(
    `${sim.url}/x/2/oauth2/token`,
    {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: pkce.verifier,
      client_id: APP.client_id,
      ...form,
    },
    auth ? { authorization: auth } : {},
  );

async function consentedCode(): Promise<string> {
  const outcome = await answerConsent(authorizeUrl());
  expect(outcome.status).toBe(302);
  const params = paramsOf(outcome.location);
  expect(params.state).toBe('state-123');
  return params.code!;
}

describe('X connect flow', () => {
  it('shows a consent page, redirects with code and state, and issues tokens that post and refresh', async () => {
    const page = await get(authorizeUrl());
    expect(page.status).toBe(200);
    expect(page.body).toContain('Socialvault');
    expect(page.body).toContain('offline.access');
    expect(page.body).toContain('@sv_demo');

    const code = await consentedCode();
    const token = await exchange(code);
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({ token_type: 'bearer', expires_in: 7200, scope: SCOPE });
    expect(token.body.refresh_token).toEqual(expect.any(String));

    const me = await get(`${sim.url}/x/2/users/me`, { authorization: `Bearer ${token.body.access_token}` });
    expect(me.status).toBe(200);
    expect(me.body.data).toMatchObject({ id: USER_ID, username: 'sv_demo' });

    const refreshed = await postForm(
      `${sim.url}/x/2/oauth2/token`,
      { grant_type: 'refresh_token', refresh_token: token.body.refresh_token, client_id: APP.client_id },
      { authorization: basicAuth(APP.client_id, APP.client_secret) },
    );
    expect(refreshed.status).toBe(200);
    const afterRefresh = await get(`${sim.url}/x/2/users/me`, {
      authorization: `Bearer ${refreshed.body.access_token}`,
    });
    expect(afterRefresh.body.data.id).toBe(USER_ID);
  });

  it('records the authorize, consent and token calls in the OAuth call log', async () => {
    await exchange(await consentedCode());
    const calls = sim.state.oauth.calls('x');
    expect(calls.map((c) => [c.step, c.method, c.status])).toEqual([
      ['authorize', 'GET', 200],
      ['consent', 'POST', 302],
      ['token', 'POST', 200],
    ]);
    expect(calls[2]!.form).toMatchObject({ grant_type: 'authorization_code', code_verifier: pkce.verifier });
  });

  it('connects the user chosen with sim_user', async () => {
    sim.state.registerXUser({
      access_token: 'x-other-token-0123',
      user_id: '42',
      username: 'other',
      name: 'O',
    });
    const outcome = await answerConsent(authorizeUrl(), { simUser: '42' });
    const token = await exchange(paramsOf(outcome.location).code!);
    const me = await get(`${sim.url}/x/2/users/me`, { authorization: `Bearer ${token.body.access_token}` });
    expect(me.body.data.id).toBe('42');
  });

  it('omits the refresh token without offline.access', async () => {
    const outcome = await answerConsent(authorizeUrl({ scope: 'tweet.read users.read' }));
    const token = await exchange(paramsOf(outcome.location).code!);
    expect(token.status).toBe(200);
    expect(token.body.refresh_token).toBeUndefined();
  });
});

describe('X authorize refusals', () => {
  it('shows an error page for an unknown client and never redirects', async () => {
    const page = await get(authorizeUrl({ client_id: 'nobody' }));
    expect(page.status).toBe(400);
    expect(page.headers.get('location')).toBeNull();
    expect(page.body).toContain('invalid_client');
  });

  it('shows an error page for a redirect_uri that is not an exact match', async () => {
    const page = await get(authorizeUrl({ redirect_uri: `${REDIRECT_URI}/` }));
    expect(page.status).toBe(400);
    expect(page.headers.get('location')).toBeNull();
    expect(page.body).toContain('redirect_uri');
  });

  it('redirects an unknown scope with error=invalid_scope and the state', async () => {
    const page = await get(authorizeUrl({ scope: 'tweet.read tweet.delete' }));
    expect(page.status).toBe(302);
    expect(paramsOf(page.headers.get('location')!)).toMatchObject({
      error: 'invalid_scope',
      state: 'state-123',
    });
    expect(page.headers.get('location')!.startsWith(`${REDIRECT_URI}?`)).toBe(true);
  });

  it('requires a PKCE challenge with method S256', async () => {
    for (const overrides of [{ code_challenge: '' }, { code_challenge_method: 'plain' }] as Record<
      string,
      string
    >[]) {
      const page = await get(authorizeUrl(overrides));
      expect(paramsOf(page.headers.get('location')!).error).toBe('invalid_request');
    }
  });

  it('requires a state', async () => {
    const page = await get(authorizeUrl({ state: '' }));
    expect(paramsOf(page.headers.get('location')!)).toMatchObject({ error: 'invalid_request' });
  });

  it('redirects Cancel with error=access_denied and the state', async () => {
    const outcome = await answerConsent(authorizeUrl(), { decision: 'cancel' });
    expect(outcome.status).toBe(302);
    expect(paramsOf(outcome.location)).toMatchObject({ error: 'access_denied', state: 'state-123' });
    expect(paramsOf(outcome.location).code).toBeUndefined();
  });

  it('refuses a consent form answered twice', async () => {
    const page = await get(authorizeUrl());
    const requestId = /name="request_id"\s+value="([^"]+)"/.exec(page.body)![1]!;
    const form = { request_id: requestId, sim_user: USER_ID, decision: 'authorize' };
    expect((await postForm(`${sim.url}/x-www/i/oauth2/authorize`, form)).status).toBe(302);
    expect((await postForm(`${sim.url}/x-www/i/oauth2/authorize`, form)).status).toBe(400);
  });
});

describe('X code exchange refusals', () => {
  it('refuses a reused code and revokes the tokens issued with it', async () => {
    const code = await consentedCode();
    const first = await exchange(code);
    const again = await exchange(code);
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_request');
    const me = await get(`${sim.url}/x/2/users/me`, { authorization: `Bearer ${first.body.access_token}` });
    expect(me.status).toBe(401);
  });

  it('refuses a code older than 10 minutes', async () => {
    const code = await consentedCode();
    sim.state.oauth.advanceClock(601);
    const answer = await exchange(code);
    expect(answer.status).toBe(400);
    expect(answer.body.error_description).toMatch(/expired/);
  });

  it('refuses a wrong PKCE verifier', async () => {
    const answer = await exchange(await consentedCode(), { code_verifier: pkcePair().verifier });
    expect(answer.status).toBe(400);
    expect(answer.body.error_description).toMatch(/code_verifier/);
  });

  it('refuses another redirect_uri than the authorize request named', async () => {
    const answer = await exchange(await consentedCode(), {
      redirect_uri: 'https://broker.example.test/other',
    });
    expect(answer.status).toBe(400);
  });

  it('answers 401 unauthorized_client when a confidential client omits Basic auth', async () => {
    const answer = await exchange(await consentedCode(), {}, null);
    expect(answer.status).toBe(401);
    expect(answer.body.error).toBe('unauthorized_client');
  });
});

describe('simProviderEnv', () => {
  it('points X_OAUTH_AUTHORIZE_URL at the authorize endpoint this suite drives', async () => {
    const page = await get(
      authorizeUrl().replace(`${sim.url}/x-www/i/oauth2/authorize`, sim.providerEnv.X_OAUTH_AUTHORIZE_URL!),
    );
    expect(page.status).toBe(200);
    expect(sim.providerEnv.LINKEDIN_OAUTH_URL).toBe(`${sim.url}/linkedin-oauth/oauth/v2`);
  });
});
