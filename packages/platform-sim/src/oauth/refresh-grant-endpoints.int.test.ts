// X and LinkedIn refresh_token grants of the simulator: client auth, exact form, rotation, OAuth 2.0 errors.
import { startPlatformSim, type PlatformSim } from '..';

const X_APP = { client_id: 'x-client-id-0123', client_secret: 'x-client-secret-0123456789' };
const LI_APP = { client_id: 'li-client-id-0123', client_secret: 'li-client-secret-0123456789' };
const X_REFRESH = 'x-refresh-token-0123456789';
const LI_REFRESH = 'li-refresh-token-0123456789';

// Token endpoints answer JSON; tests read fields off it freely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { status: number; body: any };

let sim: PlatformSim;
beforeEach(async () => {
  sim = await startPlatformSim();
  sim.state.oauth.registerApp({ endpoint: 'x', ...X_APP });
  sim.state.oauth.registerApp({ endpoint: 'linkedin', ...LI_APP });
  sim.state.oauth.registerGrant({
    endpoint: 'x',
    account_ref: '2244994945',
    access_token: 'x-access-token-0123456789',
    refresh_token: X_REFRESH,
  });
  sim.state.oauth.registerGrant({
    endpoint: 'linkedin',
    account_ref: 'abc123',
    access_token: 'li-access-token-0123456789',
    refresh_token: LI_REFRESH,
    refresh_expires_at: new Date(Date.now() + 100 * 86_400_000).toISOString(),
    scope: 'openid profile w_member_social',
  });
});
afterEach(async () => sim.close());

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

async function post(
  path: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: await response.json() };
}

const xRefresh = (
  form: Record<string, string> = {},
  auth: string | null = basic(X_APP.client_id, X_APP.client_secret),
) =>
  post(
    '/x/2/oauth2/token',
    { grant_type: 'refresh_token', refresh_token: X_REFRESH, client_id: X_APP.client_id, ...form },
    auth ? { authorization: auth } : {},
  );

describe('POST /x/2/oauth2/token', () => {
  it('rotates the refresh token for a confidential client: the old one then answers invalid_request', async () => {
    const first = await xRefresh();
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      token_type: 'bearer',
      expires_in: 7200,
      access_token: expect.stringMatching(/^xat-/),
      scope: 'tweet.read tweet.write users.read offline.access',
      refresh_token: expect.any(String),
    });
    expect(first.body.refresh_token).not.toBe(X_REFRESH);
    const again = await xRefresh();
    expect(again).toEqual({
      status: 400,
      body: { error: 'invalid_request', error_description: 'Value passed for the token was invalid.' },
    });
    expect((await xRefresh({ refresh_token: first.body.refresh_token })).status).toBe(200);
  });

  it('lets exactly one of two concurrent refreshes with the same token succeed', async () => {
    sim.state.oauth.faults.add({ endpoint: 'x', kind: 'slow', times: 2, delay_ms: 100 });
    const answers = await Promise.all([xRefresh(), xRefresh()]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400]);
    expect(sim.state.oauth.statsOf('x')).toMatchObject({ calls: 2, succeeded: 1, failed: 1, maxInFlight: 2 });
  });

  it('requires Basic auth from a confidential client and the right secret', async () => {
    expect(await xRefresh({}, null)).toEqual({
      status: 401,
      body: { error: 'unauthorized_client', error_description: 'Missing valid authorization header' },
    });
    expect((await xRefresh({}, basic(X_APP.client_id, 'wrong'))).body.error).toBe('invalid_client');
    expect((await xRefresh({ client_secret: X_APP.client_secret }, null)).status).toBe(400);
    expect((await xRefresh({ client_id: 'other-client' })).body.error).toBe('invalid_request');
  });

  it('serves a public client by client_id alone', async () => {
    sim.state.oauth.registerApp({ endpoint: 'x', client_id: 'public-client' });
    sim.state.oauth.registerGrant({
      endpoint: 'x',
      account_ref: '1',
      access_token: 'x-public-access-0123',
      refresh_token: 'x-public-refresh-0123',
      client_id: 'public-client',
    });
    const res = await xRefresh({ client_id: 'public-client', refresh_token: 'x-public-refresh-0123' }, null);
    expect(res.status).toBe(200);
  });

  it('refuses a JSON body, another grant type and a missing refresh token', async () => {
    const json = await fetch(`${sim.url}/x/2/oauth2/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: basic(X_APP.client_id, X_APP.client_secret),
      },
      body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: X_REFRESH }),
    });
    expect(json.status).toBe(400);
    expect((await xRefresh({ grant_type: 'password' })).body.error).toBe('unsupported_grant_type');
    const missing = await post(
      '/x/2/oauth2/token',
      { grant_type: 'refresh_token' },
      {
        authorization: basic(X_APP.client_id, X_APP.client_secret),
      },
    );
    expect(missing.body).toEqual({
      error: 'invalid_request',
      error_description: 'Missing required parameter [refresh_token].',
    });
  });
});

const liRefresh = (form: Record<string, string | undefined> = {}) => {
  const all: Record<string, string | undefined> = {
    grant_type: 'refresh_token',
    refresh_token: LI_REFRESH,
    ...LI_APP,
    ...form,
  };
  return post(
    '/linkedin-oauth/oauth/v2/accessToken',
    Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined)) as Record<string, string>,
  );
};

describe('POST /linkedin-oauth/oauth/v2/accessToken', () => {
  it('issues a new access token and repeats the fixed-lifetime refresh token', async () => {
    const res = await liRefresh();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      access_token: expect.stringMatching(/^AQV/),
      expires_in: 5184000,
      refresh_token: LI_REFRESH,
      refresh_token_expires_in: expect.any(Number),
      scope: 'openid profile w_member_social',
    });
    expect(res.body.refresh_token_expires_in).toBeLessThanOrEqual(100 * 86_400);
    expect((await liRefresh()).status).toBe(200);
  });

  it.each(['client_secret', 'client_id', 'refresh_token', 'grant_type'])(
    'requires %s in the form',
    async (name) => {
      expect(await liRefresh({ [name]: undefined })).toEqual({
        status: 400,
        body: { error: 'invalid_request', error_description: `A required parameter "${name}" is missing` },
      });
    },
  );

  it('refuses wrong client credentials, an unknown and an expired refresh token', async () => {
    expect((await liRefresh({ client_secret: 'wrong' })).status).toBe(401);
    expect((await liRefresh({ refresh_token: 'unknown-refresh-0123' })).body.error).toBe('invalid_grant');
    sim.state.oauth.registerGrant({
      endpoint: 'linkedin',
      account_ref: 'old',
      access_token: 'li-old-access-0123456',
      refresh_token: 'li-old-refresh-0123456',
      refresh_expires_at: new Date(Date.now() - 1000).toISOString(),
    });
    expect((await liRefresh({ refresh_token: 'li-old-refresh-0123456' })).body.error).toBe('invalid_grant');
  });
});
