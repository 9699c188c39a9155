// Revocation endpoints of the simulator: X /2/oauth2/revoke, Mastodon /oauth/revoke, Graph DELETE /{user-id}/permissions.
import { startPlatformSim, type PlatformSim } from '..';

const X_APP = { client_id: 'x-client-id-0123', client_secret: 'x-client-secret-0123456789' };
const X_PUBLIC_APP = { client_id: 'x-public-client-0123' };
const X_ACCESS = 'x-access-token-0123456789';
const X_REFRESH = 'x-refresh-token-0123456789';
const MASTODON_APP = { client_id: 'masto-client-id-0123', client_secret: 'masto-client-secret-0123456789' };
const MASTODON_TOKEN = 'masto-access-token-0123456789';
const IG_TOKEN = 'EAAig-user-token-0123456789';
const IG_OTHER_TOKEN = 'EAAig-other-user-token-0123456789';
const META_USER_ID = '12345678';

// Provider answers are JSON; tests read fields off them freely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { status: number; body: any };

let sim: PlatformSim;
beforeEach(async () => {
  sim = await startPlatformSim();
  sim.state.oauth.registerApp({ endpoint: 'x', ...X_APP });
  sim.state.oauth.registerApp({ endpoint: 'x', ...X_PUBLIC_APP });
  sim.state.registerXUser({
    access_token: X_ACCESS,
    refresh_token: X_REFRESH,
    user_id: '2244994945',
    username: 'socialvault_x',
    name: 'Socialvault',
    client_id: X_APP.client_id,
  });
  sim.state.mastodon.registerApp('social', MASTODON_APP);
  sim.state.mastodon.registerAccount('social', {
    access_token: MASTODON_TOKEN,
    username: 'vault',
    client_id: MASTODON_APP.client_id,
  });
  sim.state.registerInstagramAccount({
    access_token: IG_TOKEN,
    ig_user_id: '17841400000000001',
    username: 'vault_ig',
    meta_user_id: META_USER_ID,
  });
  sim.state.registerInstagramAccount({
    access_token: IG_OTHER_TOKEN,
    ig_user_id: '17841400000000002',
    username: 'other_ig',
    meta_user_id: '87654321',
  });
});
afterEach(async () => sim.close());

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

async function send(
  method: string,
  path: string,
  form?: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: { ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...headers },
    ...(form ? { body: new URLSearchParams(form).toString() } : {}),
  });
  return { status: response.status, body: await response.json() };
}

const xRevoke = (
  form: Record<string, string>,
  auth: string | null = basic(X_APP.client_id, X_APP.client_secret),
) => send('POST', '/x/2/oauth2/revoke', form, auth ? { authorization: auth } : {});
const xMe = (token: string) => send('GET', '/x/2/users/me', undefined, { authorization: `Bearer ${token}` });
const xRefresh = () =>
  send(
    'POST',
    '/x/2/oauth2/token',
    { grant_type: 'refresh_token', refresh_token: X_REFRESH, client_id: X_APP.client_id },
    { authorization: basic(X_APP.client_id, X_APP.client_secret) },
  );

describe('POST /x/2/oauth2/revoke', () => {
  it('revokes the grant: the access token then answers 401 in X problem shape and the refresh token is dead', async () => {
    expect((await xMe(X_ACCESS)).status).toBe(200);
    const revoked = await xRevoke({
      token: X_ACCESS,
      token_type_hint: 'access_token',
      client_id: X_APP.client_id,
    });
    expect(revoked).toEqual({ status: 200, body: { revoked: true } });
    expect(await xMe(X_ACCESS)).toEqual({
      status: 401,
      body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' },
    });
    expect((await xRefresh()).body).toMatchObject({ error: 'invalid_request' });
    const [call] = sim.state.oauth.calls('x_revoke');
    expect(call).toMatchObject({
      method: 'POST',
      path: '/x/2/oauth2/revoke',
      form: { token: X_ACCESS, token_type_hint: 'access_token', client_id: X_APP.client_id },
      authorization: basic(X_APP.client_id, X_APP.client_secret),
      status: 200,
    });
  });

  it('revoking the refresh token also ends the access tokens it issued', async () => {
    expect(
      (await xRevoke({ token: X_REFRESH, token_type_hint: 'refresh_token', client_id: X_APP.client_id }))
        .status,
    ).toBe(200);
    expect((await xMe(X_ACCESS)).status).toBe(401);
  });

  it('refuses a confidential client without Basic auth, a wrong secret and an unknown client, revoking nothing', async () => {
    const form = { token: X_ACCESS, client_id: X_APP.client_id };
    expect(await xRevoke(form, null)).toEqual({
      status: 401,
      body: { error: 'unauthorized_client', error_description: 'Missing valid authorization header' },
    });
    expect((await xRevoke(form, basic(X_APP.client_id, 'wrong-secret-0123'))).body).toMatchObject({
      error: 'invalid_client',
    });
    expect((await xRevoke({ token: X_ACCESS, client_id: 'nobody' }, null)).status).toBe(401);
    expect((await xRevoke({ client_id: X_APP.client_id })).body).toMatchObject({ error: 'invalid_request' });
    expect((await xMe(X_ACCESS)).status).toBe(200);
  });

  it("refuses another client's token and an unknown token_type_hint; an unknown token is a 200", async () => {
    const otherClient = await xRevoke({ token: X_ACCESS, client_id: X_PUBLIC_APP.client_id }, null);
    expect(otherClient).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    const badHint = await xRevoke({
      token: X_ACCESS,
      token_type_hint: 'id_token',
      client_id: X_APP.client_id,
    });
    expect(badHint).toMatchObject({ status: 400, body: { error: 'unsupported_token_type' } });
    expect((await xMe(X_ACCESS)).status).toBe(200);
    expect(await xRevoke({ token: 'never-issued-0123456789', client_id: X_APP.client_id })).toEqual({
      status: 200,
      body: { revoked: true },
    });
  });

  it('answers an injected fault in its own shape and revokes nothing', async () => {
    sim.state.oauth.faults.add({ endpoint: 'x_revoke', kind: 'unavailable' });
    const answer = await xRevoke({ token: X_ACCESS, client_id: X_APP.client_id });
    expect(answer.status).toBe(503);
    expect((await xMe(X_ACCESS)).status).toBe(200);
  });
});

describe('POST /mastodon/:instance/oauth/revoke', () => {
  const path = '/mastodon/social/oauth/revoke';
  const verify = (token: string) =>
    send('GET', '/mastodon/social/api/v1/accounts/verify_credentials', undefined, {
      authorization: `Bearer ${token}`,
    });
  const refused = {
    status: 403,
    body: { error: 'unauthorized_client', error_description: 'You are not authorized to revoke this token' },
  };

  it('revokes with the app credentials: {} and then 401 "The access token was revoked"', async () => {
    expect((await verify(MASTODON_TOKEN)).status).toBe(200);
    expect(await send('POST', path, { ...MASTODON_APP, token: MASTODON_TOKEN })).toEqual({
      status: 200,
      body: {},
    });
    expect(await verify(MASTODON_TOKEN)).toEqual({
      status: 401,
      body: { error: 'The access token was revoked' },
    });
    expect(sim.state.oauth.calls('mastodon_revoke')).toEqual([
      expect.objectContaining({ path, form: { ...MASTODON_APP, token: MASTODON_TOKEN }, status: 200 }),
    ]);
  });

  it('refuses without client_secret, with a wrong one, or for an app that did not get the token', async () => {
    sim.state.mastodon.registerApp('social', {
      client_id: 'other-app-0123',
      client_secret: 'other-secret-0123',
    });
    expect(await send('POST', path, { client_id: MASTODON_APP.client_id, token: MASTODON_TOKEN })).toEqual(
      refused,
    );
    expect(
      await send('POST', path, { ...MASTODON_APP, client_secret: 'wrong-secret', token: MASTODON_TOKEN }),
    ).toEqual(refused);
    expect(
      await send('POST', path, {
        client_id: 'other-app-0123',
        client_secret: 'other-secret-0123',
        token: MASTODON_TOKEN,
      }),
    ).toEqual(refused);
    expect(await send('POST', path, { ...MASTODON_APP })).toEqual(refused);
    expect((await verify(MASTODON_TOKEN)).status).toBe(200);
  });

  it('accepts Basic client authentication and answers {} for a token nobody holds', async () => {
    const auth = { authorization: basic(MASTODON_APP.client_id, MASTODON_APP.client_secret) };
    expect(await send('POST', path, { token: 'never-issued-0123456789' }, auth)).toEqual({
      status: 200,
      body: {},
    });
    expect(await send('POST', path, { token: MASTODON_TOKEN }, auth)).toEqual({ status: 200, body: {} });
    expect((await verify(MASTODON_TOKEN)).status).toBe(401);
  });
});

describe('DELETE /v25.0/:user-id/permissions', () => {
  const me = (token: string) =>
    send('GET', `/v25.0/17841400000000001?fields=id`, undefined, { authorization: `Bearer ${token}` });

  it("withdraws the user's authorization: {success:true}, then code 190 for the token and no fb_exchange_token", async () => {
    expect((await me(IG_TOKEN)).status).toBe(200);
    const answer = await send('DELETE', `/v25.0/${META_USER_ID}/permissions`, undefined, {
      authorization: `Bearer ${IG_TOKEN}`,
    });
    expect(answer).toEqual({ status: 200, body: { success: true } });
    const after = await me(IG_TOKEN);
    expect(after.status).toBe(400);
    expect(after.body.error).toMatchObject({ code: 190, type: 'OAuthException' });
    expect(sim.state.oauth.grantHolding('facebook', IG_TOKEN)?.revoked).toBe(true);
    expect(sim.state.oauth.calls('meta_permissions')).toEqual([
      expect.objectContaining({ method: 'DELETE', path: `/v25.0/${META_USER_ID}/permissions`, status: 200 }),
    ]);
    // Another user's token is untouched.
    expect(sim.state.instagram.tokens.has(IG_OTHER_TOKEN)).toBe(true);
  });

  it('accepts /me, and refuses another user id (code 100), no token (104) and an unknown token (190)', async () => {
    const other = await send('DELETE', '/v25.0/87654321/permissions', undefined, {
      authorization: `Bearer ${IG_TOKEN}`,
    });
    expect(other.body.error).toMatchObject({ code: 100, error_subcode: 33 });
    expect((await send('DELETE', `/v25.0/${META_USER_ID}/permissions`)).body.error).toMatchObject({
      code: 104,
    });
    const unknown = await send('DELETE', `/v25.0/${META_USER_ID}/permissions`, undefined, {
      authorization: 'Bearer EAAunknown0123456789',
    });
    expect(unknown.body.error).toMatchObject({ code: 190 });
    expect((await me(IG_TOKEN)).status).toBe(200);
    const viaMe = await send('DELETE', '/v25.0/me/permissions', undefined, {
      authorization: `Bearer ${IG_TOKEN}`,
    });
    expect(viaMe.body).toEqual({ success: true });
    expect((await me(IG_TOKEN)).body.error).toMatchObject({ code: 190 });
  });
});
