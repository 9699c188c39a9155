// Mastodon connect flow against a simulated instance: app registration, PKCE authorize, token, verify_credentials.
import { startPlatformSim, type PlatformSim } from '..';
import { answerConsent } from './authorize/consent-client';
import { get, paramsOf, pkcePair, postForm, withQuery } from '../../test/connect-fixtures';

const REDIRECT = 'https://broker.example.test/callback/mastodon';
const SCOPES = 'read:accounts read:statuses write:statuses write:media';

let sim: PlatformSim;
let base: string;
let accountId: string;
let app: { client_id: string; client_secret: string };
let pkce: ReturnType<typeof pkcePair>;
beforeEach(async () => {
  sim = await startPlatformSim();
  base = sim.mastodonUrl('social');
  accountId = sim.state.mastodon.registerAccount('social', {
    access_token: 'masto-unrelated-0123',
    username: 'ada',
  }).id;
  const registered = await postForm(`${base}/api/v1/apps`, {
    client_name: 'Socialvault',
    redirect_uris: REDIRECT,
    scopes: SCOPES,
    website: 'https://socialvault.example.test',
  });
  expect(registered.status).toBe(200);
  app = registered.body;
  pkce = pkcePair();
});
afterEach(async () => sim.close());

const authorizeUrl = (overrides: Record<string, string> = {}) =>
  withQuery(`${base}/oauth/authorize`, {
    response_type: 'code',
    client_id: app.client_id,
    redirect_uri: REDIRECT,
    scope: SCOPES,
    state: 'm-state',
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
    ...overrides,
  });

const exchange = (code: string, overrides: Record<string, string> = {}) =>
  postForm(`${base}/oauth/token`, {
    grant_type: 'authorization_code',
    code,
    client_id: app.client_id,
    client_secret: app.client_secret,
    redirect_uri: REDIRECT,
    code_verifier: pkce.verifier,
    ...overrides,
  });

const codeOf = async () => paramsOf((await answerConsent(authorizeUrl())).location).code!;

describe('Mastodon connect flow', () => {
  it('registers an app, then issues a token that verifies credentials and posts', async () => {
    expect(app).toMatchObject({ name: 'Socialvault', redirect_uris: [REDIRECT], scopes: SCOPES.split(' ') });
    const token = await exchange(await codeOf());
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({ token_type: 'Bearer', scope: SCOPES });
    const auth = { authorization: `Bearer ${token.body.access_token}` };
    const me = await get(`${base}/api/v1/accounts/verify_credentials`, auth);
    expect(me.body).toMatchObject({ id: accountId, username: 'ada' });
    const posted = await postForm(`${base}/api/v1/statuses`, { status: 'hello' }, auth);
    expect(posted.status).toBe(200);
    expect(sim.state.oauth.calls('mastodon').map((c) => c.step)).toEqual([
      'register_app',
      'authorize',
      'consent',
      'token',
    ]);
  });

  it('publishes its OAuth server metadata with S256 PKCE', async () => {
    const meta = await get(`${base}/.well-known/oauth-authorization-server`);
    expect(meta.body).toMatchObject({
      authorization_endpoint: `${base}/oauth/authorize`,
      token_endpoint: `${base}/oauth/token`,
      code_challenge_methods_supported: ['S256'],
    });
  });

  it('refuses app registrations without a name, with a relative redirect URI or an unknown scope', async () => {
    const bad: Record<string, string>[] = [
      { redirect_uris: REDIRECT },
      { client_name: 'x', redirect_uris: '/callback' },
      { client_name: 'x', redirect_uris: REDIRECT, scopes: 'read write:everything' },
    ];
    for (const form of bad) {
      const answer = await postForm(`${base}/api/v1/apps`, form);
      expect(answer.status).toBe(422);
      expect(answer.body.error).toMatch(/^Validation failed: /);
    }
  });

  it('refuses a scope the app did not register, a missing PKCE challenge, and an app of another instance', async () => {
    const outside = await get(authorizeUrl({ scope: 'read:accounts follow' }));
    expect(paramsOf(outside.headers.get('location')!).error).toBe('invalid_scope');
    const noPkce = await get(authorizeUrl({ code_challenge: '' }));
    expect(paramsOf(noPkce.headers.get('location')!).error).toBe('invalid_request');
    sim.state.mastodon.configureInstance({ name: 'other' });
    const elsewhere = await get(authorizeUrl().replace('/mastodon/social/', '/mastodon/other/'));
    expect(elsewhere.status).toBe(400);
  });

  it('refuses a wrong verifier, a wrong secret and a reused code', async () => {
    expect((await exchange(await codeOf(), { code_verifier: pkcePair().verifier })).body.error).toBe(
      'invalid_grant',
    );
    expect((await exchange(await codeOf(), { client_secret: 'nope' })).status).toBe(401);
    const code = await codeOf();
    const first = await exchange(code);
    const again = await exchange(code);
    expect(again.status).toBe(400);
    const me = await get(`${base}/api/v1/accounts/verify_credentials`, {
      authorization: `Bearer ${first.body.access_token}`,
    });
    expect(me.status).toBe(401);
  });

  it('lets only the app it issued the token to revoke it', async () => {
    const token = (await exchange(await codeOf())).body.access_token as string;
    const other = (
      await postForm(`${base}/api/v1/apps`, { client_name: 'Other', redirect_uris: REDIRECT, scopes: 'read' })
    ).body;
    const revoke = (client: { client_id: string; client_secret: string }) =>
      postForm(`${base}/oauth/revoke`, { ...client, token });
    expect((await revoke(other)).status).toBe(403);
    const auth = { authorization: `Bearer ${token}` };
    expect((await get(`${base}/api/v1/accounts/verify_credentials`, auth)).status).toBe(200);
    expect(await revoke(app)).toMatchObject({ status: 200, body: {} });
    expect(await get(`${base}/api/v1/accounts/verify_credentials`, auth)).toMatchObject({
      status: 401,
      body: { error: 'The access token was revoked' },
    });
  });

  it('stops the tokens an app got through the flow when the instance forgets the app', async () => {
    const token = (await exchange(await codeOf())).body.access_token as string;
    const auth = { authorization: `Bearer ${token}` };
    expect((await get(`${base}/api/v1/accounts/verify_credentials`, auth)).status).toBe(200);
    expect(sim.state.mastodon.forgetApp('social', app.client_id)).toBe(true);
    expect(await get(`${base}/api/v1/accounts/verify_credentials`, auth)).toMatchObject({
      status: 401,
      body: { error: 'The access token was revoked' },
    });
  });

  it('forgets an app through the admin route: its code exchange then answers 401 invalid_client as Mastodon does', async () => {
    const code = await codeOf();
    const forget = () =>
      fetch(`${sim.url}/_sim/mastodon/instances/social/apps/${encodeURIComponent(app.client_id)}`, {
        method: 'DELETE',
      });
    expect((await forget()).status).toBe(200);
    const refused = await exchange(code);
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({
      error: 'invalid_client',
      error_description:
        'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
    });
    expect((await get(authorizeUrl())).status).toBe(400);
    expect((await forget()).status).toBe(404);
  });

  it('redirects Cancel with error=access_denied', async () => {
    const outcome = await answerConsent(authorizeUrl(), { decision: 'cancel' });
    expect(paramsOf(outcome.location)).toMatchObject({ error: 'access_denied', state: 'm-state' });
  });
});
