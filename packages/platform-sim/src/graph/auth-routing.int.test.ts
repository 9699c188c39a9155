// Token checks, version routing, foreign ids and injected faults, as seen on the wire.
import type { PlatformSim } from '../index';
import { ACCESS_TOKEN, graph, IG_USER_ID, startSimWithAccount } from '../../test/fixtures';

let sim: PlatformSim;

beforeAll(async () => {
  sim = await startSimWithAccount();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.state.clearFaults();
  sim.state.clearRequests();
});

describe('Graph token checks', () => {
  it('answers a request without token with 400, code 104, OAuthException', async () => {
    const answer = await graph(sim, 'GET', `/v25.0/${IG_USER_ID}`, {}, null);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      error: {
        message: 'An access token is required to request this resource.',
        type: 'OAuthException',
        code: 104,
        fbtrace_id: expect.any(String),
      },
    });
  });

  it('answers an unknown token with code 190', async () => {
    const answer = await graph(sim, 'GET', `/v25.0/${IG_USER_ID}`, {}, 'EAAnotatoken000000000');
    expect(answer.body.error).toMatchObject({
      code: 190,
      type: 'OAuthException',
      message: 'Invalid OAuth access token - Cannot parse access token',
    });
  });

  it('answers an expired token with code 190, subcode 463 "Session has expired"', async () => {
    sim.state.registerInstagramAccount({
      access_token: 'EAAexpiredsince2024xxxx',
      ig_user_id: '17841400000000009',
      username: 'expired',
      token_expires_at: '2024-01-01T00:00:00Z',
    });
    const answer = await graph(sim, 'GET', '/v25.0/17841400000000009', {}, 'EAAexpiredsince2024xxxx');
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 190, error_subcode: 463 });
    expect(answer.body.error.message).toMatch(
      /^Error validating access token: Session has expired on Mon, 01 Jan 2024 00:00:00 UTC\./,
    );
  });

  it('accepts the token as an access_token query parameter too, and records where it came from', async () => {
    const answer = await graph(
      sim,
      'GET',
      `/v25.0/${IG_USER_ID}`,
      { access_token: ACCESS_TOKEN, fields: 'username' },
      null,
    );
    expect(answer.body).toEqual({ id: IG_USER_ID, username: 'sim_test' });
    expect(sim.state.requests[0]).toMatchObject({ token: ACCESS_TOKEN, tokenSource: 'query', status: 200 });
  });

  it('treats another account id as "does not exist or missing permissions" (code 100, subcode 33)', async () => {
    sim.state.registerInstagramAccount({
      access_token: 'EAAsecondaccount000000',
      ig_user_id: '17841400000000002',
      username: 'second',
    });
    const read = await graph(sim, 'GET', '/v25.0/17841400000000002');
    const post = await graph(sim, 'POST', '/v25.0/17841400000000002/media', {
      image_url: sim.sampleImageUrl,
    });
    expect(read.body.error).toMatchObject({ code: 100, error_subcode: 33, type: 'GraphMethodException' });
    expect(read.body.error.message).toMatch(
      /^Unsupported get request\. Object with ID '17841400000000002' does not exist/,
    );
    expect(post.body.error.message).toMatch(/^Unsupported post request\./);
  });
});

describe('Graph versions and paths', () => {
  it('rejects another API version with a Graph-shaped error', async () => {
    const answer = await graph(sim, 'GET', `/v19.0/${IG_USER_ID}`);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 2635, type: 'OAuthException' });
    expect(answer.body.error.message).toContain('v19.0');
  });

  it('rejects a path without version as unknown path components', async () => {
    const answer = await graph(sim, 'GET', `/${IG_USER_ID}/media`);
    expect(answer.body.error).toMatchObject({
      code: 2500,
      message: `Unknown path components: /${IG_USER_ID}/media`,
    });
  });

  it('rejects an edge the node does not have', async () => {
    const answer = await graph(sim, 'GET', `/v25.0/${IG_USER_ID}/stories_archive`);
    expect(answer.body.error).toMatchObject({
      code: 100,
      message: '(#100) Tried accessing nonexisting field (stories_archive) on node type (ShadowIGUser)',
    });
  });
});

describe('Injected faults', () => {
  it('throttles the next call with 403, code 4 and X-Business-Use-Case-Usage, then recovers', async () => {
    sim.state.injectFault({ platform: 'instagram', kind: 'rate_limit', regain_access_minutes: 12 });
    const limited = await graph(sim, 'GET', `/v25.0/${IG_USER_ID}`);
    expect(limited.status).toBe(403);
    expect(limited.body.error).toMatchObject({
      code: 4,
      message: '(#4) Application request limit reached',
      is_transient: true,
    });
    const usage = JSON.parse(limited.headers.get('x-business-use-case-usage')!);
    expect(usage[IG_USER_ID][0]).toMatchObject({ type: 'instagram', estimated_time_to_regain_access: 12 });

    expect((await graph(sim, 'GET', `/v25.0/${IG_USER_ID}`)).status).toBe(200);
  });

  it('throttles with another code when asked, for as many calls as asked', async () => {
    sim.state.injectFault({ platform: 'instagram', kind: 'rate_limit', code: 32, times: 2 });
    const codes = [];
    for (let i = 0; i < 3; i += 1)
      codes.push((await graph(sim, 'GET', `/v25.0/${IG_USER_ID}`)).body.error?.code ?? 'ok');
    expect(codes).toEqual([32, 32, 'ok']);
  });

  it('answers a server_error fault with HTTP 500, code 2', async () => {
    sim.state.injectFault({ platform: 'instagram', kind: 'server_error' });
    const answer = await graph(sim, 'GET', `/v25.0/${IG_USER_ID}`);
    expect(answer.status).toBe(500);
    expect(answer.body.error).toMatchObject({ code: 2, is_transient: true });
  });

  it('checks the token before any fault: an unauthenticated call does not consume it', async () => {
    sim.state.injectFault({ platform: 'instagram', kind: 'rate_limit' });
    expect((await graph(sim, 'GET', `/v25.0/${IG_USER_ID}`, {}, null)).body.error.code).toBe(104);
    expect((await graph(sim, 'GET', `/v25.0/${IG_USER_ID}`)).body.error.code).toBe(4);
  });
});
