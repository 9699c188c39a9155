// LinkedIn connect flow against the simulator: consent, code exchange with the secret in the form, OIDC userinfo.
import crypto from 'node:crypto';
import { startPlatformSim, type PlatformSim } from '..';
import { answerConsent } from './authorize/consent-client';
import { get, paramsOf, postForm, withQuery } from '../../test/connect-fixtures';

const APP = { client_id: 'li-connect-client', client_secret: 'li-connect-secret-0123456789' };
const REDIRECT = 'https://broker.example.test/callback/linkedin';

let sim: PlatformSim;
beforeEach(async () => {
  sim = await startPlatformSim();
  sim.state.oauth.registerApp({ endpoint: 'linkedin', ...APP, redirect_uris: [REDIRECT] });
  sim.state.linkedin.registerMember({
    access_token: 'li-unrelated-token-0123',
    sub: 'aBcD123',
    name: 'Ada Lovelace',
    email: 'ada@example.test',
  });
});
afterEach(async () => sim.close());

const authorizeUrl = (overrides: Record<string, string> = {}) =>
  withQuery(`${sim.url}/linkedin-oauth/oauth/v2/authorization`, {
    response_type: 'code',
    client_id: APP.client_id,
    redirect_uri: REDIRECT,
    state: 'li-state',
    scope: 'openid profile email w_member_social',
    ...overrides,
  });

const exchange = (code: string, overrides: Record<string, string> = {}) =>
  postForm(`${sim.url}/linkedin-oauth/oauth/v2/accessToken`, {
    grant_type: 'authorization_code',
    code,
    client_id: APP.client_id,
    client_secret: APP.client_secret,
    redirect_uri: REDIRECT,
    ...overrides,
  });

async function consentedCode(): Promise<string> {
  const outcome = await answerConsent(authorizeUrl());
  expect(paramsOf(outcome.location).state).toBe('li-state');
  return paramsOf(outcome.location).code!;
}

describe('LinkedIn connect flow', () => {
  it('issues a 60-day token that reads /v2/userinfo and an id_token signed with the client secret', async () => {
    const token = await exchange(await consentedCode());
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({
      expires_in: 5_184_000,
      scope: 'openid,profile,email,w_member_social',
    });
    expect(token.body.refresh_token).toBeUndefined();
    const [header, claims, signature] = (token.body.id_token as string).split('.');
    const expected = crypto
      .createHmac('sha256', APP.client_secret)
      .update(`${header}.${claims}`)
      .digest('base64url');
    expect(signature).toBe(expected);
    expect(JSON.parse(Buffer.from(claims!, 'base64url').toString())).toMatchObject({
      sub: 'aBcD123',
      aud: APP.client_id,
    });
    const me = await get(`${sim.url}/linkedin/v2/userinfo`, {
      authorization: `Bearer ${token.body.access_token}`,
    });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ sub: 'aBcD123', name: 'Ada Lovelace', email: 'ada@example.test' });
  });

  it('adds a refresh token that refreshes for apps with programmatic refresh', async () => {
    sim.state.oauth.registerApp({
      endpoint: 'linkedin',
      ...APP,
      redirect_uris: [REDIRECT],
      programmatic_refresh: true,
    });
    const token = await exchange(await consentedCode());
    expect(token.body).toMatchObject({ refresh_token_expires_in: 365 * 86_400 });
    const refreshed = await exchange('', {
      grant_type: 'refresh_token',
      refresh_token: token.body.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    const me = await get(`${sim.url}/linkedin/v2/userinfo`, {
      authorization: `Bearer ${refreshed.body.access_token}`,
    });
    expect(me.body.sub).toBe('aBcD123');
  });

  it('refuses a wrong client secret, a reused code and an expired one', async () => {
    const code = await consentedCode();
    expect((await exchange(code, { client_secret: 'wrong' })).status).toBe(401);
    expect((await exchange(code)).status).toBe(200);
    const reused = await exchange(code);
    expect(reused.status).toBe(400);
    expect(reused.body.error).toBe('invalid_request');
    const late = await consentedCode();
    sim.state.oauth.advanceClock(601);
    expect((await exchange(late)).status).toBe(400);
  });

  it('refuses an unknown scope by redirect and a foreign redirect_uri by page', async () => {
    const scope = await get(authorizeUrl({ scope: 'openid r_liteprofile' }));
    expect(paramsOf(scope.headers.get('location')!)).toMatchObject({
      error: 'invalid_scope',
      state: 'li-state',
    });
    const foreign = await get(authorizeUrl({ redirect_uri: 'https://evil.example.test/callback/linkedin' }));
    expect(foreign.status).toBe(400);
    expect(foreign.headers.get('location')).toBeNull();
  });

  it('redirects Cancel with error=access_denied', async () => {
    const outcome = await answerConsent(authorizeUrl(), { decision: 'cancel' });
    expect(paramsOf(outcome.location)).toMatchObject({ error: 'access_denied', state: 'li-state' });
  });
});
