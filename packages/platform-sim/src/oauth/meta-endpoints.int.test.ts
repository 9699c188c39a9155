// Meta token endpoints of the simulator: exact parameters, Graph error shapes, rotation into the Instagram API.
import { startPlatformSim, type PlatformSim } from '..';
import { graph, IG_USER_ID } from '../../test/fixtures';

const FB_TOKEN = 'EAAfbLongLivedToken0123456789';
const APP = { client_id: '1234567890', client_secret: 'meta-app-secret-0123456789' };
const DAY_MS = 24 * 3600 * 1000;

// Token endpoints answer JSON; tests read fields off it freely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { status: number; headers: Headers; body: any };

let sim: PlatformSim;
beforeEach(async () => {
  sim = await startPlatformSim();
  sim.state.oauth.registerApp({ endpoint: 'facebook', ...APP });
  sim.state.registerInstagramAccount({
    access_token: FB_TOKEN,
    ig_user_id: IG_USER_ID,
    username: 'sim_oauth',
  });
});
afterEach(async () => sim.close());

async function get(path: string, params: Record<string, string>): Promise<Answer> {
  const response = await fetch(`${sim.url}${path}?${new URLSearchParams(params)}`);
  return { status: response.status, headers: response.headers, body: await response.json() };
}

const exchange = (overrides: Record<string, string | undefined> = {}) => {
  const params: Record<string, string> = {};
  const all = { grant_type: 'fb_exchange_token', ...APP, fb_exchange_token: FB_TOKEN, ...overrides };
  for (const [key, value] of Object.entries(all)) if (value !== undefined) params[key] = value;
  return get('/v25.0/oauth/access_token', params);
};

describe('GET /v25.0/oauth/access_token (fb_exchange_token)', () => {
  it('exchanges a live token for a new long-lived one that the Instagram API then accepts', async () => {
    const res = await exchange();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toEqual({
      access_token: expect.stringMatching(/^EAA/),
      token_type: 'bearer',
      expires_in: 5183944,
    });
    expect(res.body.access_token).not.toBe(FB_TOKEN);
    const me = await graph(
      sim,
      'GET',
      `/v25.0/${IG_USER_ID}`,
      { fields: 'id,username' },
      res.body.access_token,
    );
    expect(me.body).toEqual({ id: IG_USER_ID, username: 'sim_oauth' });
    // Meta keeps the previous token valid until it expires.
    expect((await graph(sim, 'GET', `/v25.0/${IG_USER_ID}`, { fields: 'id' }, FB_TOKEN)).status).toBe(200);
    expect(sim.state.oauth.statsOf('facebook')).toMatchObject({ calls: 1, succeeded: 1, inFlight: 0 });
  });

  it.each([
    [{ client_id: undefined }, 101, 'Missing client_id parameter.'],
    [{ client_id: '999' }, 101, 'Error validating application. Invalid application ID.'],
    [{ client_secret: undefined }, 1, 'Missing client_secret parameter.'],
    [{ client_secret: 'wrong-secret' }, 1, 'Error validating client secret.'],
    [{ fb_exchange_token: undefined }, 100, '(#100) The parameter fb_exchange_token is required'],
    [
      { fb_exchange_token: 'EAAunknown0123456789' },
      190,
      'Invalid OAuth access token - Cannot parse access token',
    ],
    [{ grant_type: 'client_credentials' }, 100, expect.stringContaining('Unsupported grant_type')],
  ])('refuses %j with Graph code %i', async (overrides, code, message) => {
    const res = await exchange(overrides);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code,
      message,
      type: 'OAuthException',
      fbtrace_id: expect.any(String),
    });
    expect(sim.state.oauth.statsOf('facebook')).toMatchObject({ calls: 1, failed: 1 });
  });

  it('refuses an expired token with 190/463', async () => {
    sim.state.expireInstagramToken(FB_TOKEN);
    const res = await exchange();
    expect(res.body.error).toMatchObject({ code: 190, error_subcode: 463 });
  });

  it('is not served for POST or another Graph version', async () => {
    const post = await fetch(`${sim.url}/v25.0/oauth/access_token`, { method: 'POST' });
    expect(post.status).toBe(400);
    const old = await get('/v19.0/oauth/access_token', {
      grant_type: 'fb_exchange_token',
      ...APP,
      fb_exchange_token: FB_TOKEN,
    });
    expect(old.body.error.code).toBe(2635);
    expect(sim.state.oauth.statsOf('facebook').calls).toBe(0);
  });
});

describe.each([
  ['instagram', '/instagram/refresh_access_token', 'ig_refresh_token', /^IGAA/],
  ['threads', '/threads/refresh_access_token', 'th_refresh_token', /^THAA/],
] as const)('GET %s refresh (%s)', (endpoint, path, grantType, prefix) => {
  const token = `${endpoint}-long-lived-token-0123456789`;
  const register = (issuedAgoMs: number) =>
    sim.state.oauth.registerGrant({
      endpoint,
      account_ref: '25025320',
      access_token: token,
      issued_at: new Date(Date.now() - issuedAgoMs).toISOString(),
    });

  it('refreshes a token at least 24 hours old and announces the new one', async () => {
    register(2 * DAY_MS);
    const rotated: unknown[] = [];
    sim.state.oauth.onAccessTokenRotated((...args) => rotated.push(args));
    const res = await get(path, { grant_type: grantType, access_token: token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      access_token: expect.stringMatching(prefix),
      token_type: 'bearer',
      expires_in: 5184000,
    });
    expect(rotated).toEqual([[endpoint, token, res.body.access_token, '25025320', expect.any(Date)]]);
  });

  it('refuses a token younger than 24 hours, an unknown one, and a client_secret', async () => {
    register(3600_000);
    expect((await get(path, { grant_type: grantType, access_token: token })).body.error.code).toBe(100);
    expect(
      (await get(path, { grant_type: grantType, access_token: 'nope-0123456789' })).body.error.code,
    ).toBe(190);
    const withSecret = await get(path, { grant_type: grantType, access_token: token, client_secret: 's' });
    expect(withSecret.body.error.message).toContain('client_secret should not be passed');
  });

  it('refuses the wrong grant_type, a missing token and an expired token', async () => {
    register(2 * DAY_MS);
    expect((await get(path, { grant_type: 'fb_exchange_token', access_token: token })).status).toBe(400);
    expect((await get(path, { grant_type: grantType })).body.error.code).toBe(104);
    sim.state.oauth.expireAccessToken(token);
    expect((await get(path, { grant_type: grantType, access_token: token })).body.error).toMatchObject({
      code: 190,
      error_subcode: 463,
    });
  });
});
