// The /_sim admin surface over HTTP: accounts, tokens, faults, recorded requests, sample media.
import { SIM_PLATFORMS } from '../faults';
import { startPlatformSim, type PlatformSim } from '../index';
import { graph } from '../../test/fixtures';

let sim: PlatformSim;

beforeAll(async () => {
  sim = await startPlatformSim();
});
afterAll(async () => {
  await sim.close();
});

const post = (path: string, body: unknown) =>
  fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('/_sim admin', () => {
  it('reports health with the served Graph version', async () => {
    const response = await fetch(`${sim.url}/_sim/health`);
    expect(await response.json()).toEqual({
      ok: true,
      platforms: [...SIM_PLATFORMS],
      graph_version: 'v25.0',
    });
    expect(SIM_PLATFORMS).toEqual(expect.arrayContaining(['instagram', 'linkedin', 'mastodon']));
  });

  it('registers an account whose token then works, and validates the input', async () => {
    const created = await post('/_sim/instagram/accounts', {
      access_token: 'EAAadmintoken000000001',
      ig_user_id: '17841400000000101',
      username: 'admin_made',
      followers_count: 99,
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({
      ig_user_id: '17841400000000101',
      username: 'admin_made',
      followers_count: 99,
    });
    const me = await graph(
      sim,
      'GET',
      '/v25.0/17841400000000101',
      { fields: 'username' },
      'EAAadmintoken000000001',
    );
    expect(me.body).toEqual({ id: '17841400000000101', username: 'admin_made' });

    const bad = await post('/_sim/instagram/accounts', { access_token: 'short', ig_user_id: 'abc' });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { issues: string[] };
    expect(body.issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^access_token: /),
        expect.stringMatching(/^ig_user_id: /),
      ]),
    );
  });

  it('expires a token on request', async () => {
    await post('/_sim/instagram/accounts', {
      access_token: 'EAAsoontoexpire0000001',
      ig_user_id: '17841400000000102',
      username: 'soon',
    });
    expect(
      (await post('/_sim/instagram/tokens/expire', { access_token: 'EAAsoontoexpire0000001' })).status,
    ).toBe(200);
    const answer = await graph(sim, 'GET', '/v25.0/17841400000000102', {}, 'EAAsoontoexpire0000001');
    expect(answer.body.error).toMatchObject({ code: 190, error_subcode: 463 });
    expect(
      (await post('/_sim/instagram/tokens/expire', { access_token: 'EAAneverregistered0000' })).status,
    ).toBe(404);
  });

  it('lists what it received, with the token used, and clears the list', async () => {
    await fetch(`${sim.url}/_sim/requests`, { method: 'DELETE' });
    await graph(sim, 'GET', '/v25.0/17841400000000101', { fields: 'username' }, 'EAAadmintoken000000001');
    const { requests } = (await (await fetch(`${sim.url}/_sim/requests?platform=instagram`)).json()) as {
      requests: unknown[];
    };
    expect(requests).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: '/v25.0/17841400000000101',
        query: { fields: 'username' },
        token: 'EAAadmintoken000000001',
        tokenSource: 'header',
        status: 200,
      }),
    ]);
  });

  it('queues faults, validates them and clears them', async () => {
    const created = await post('/_sim/faults', { platform: 'instagram', kind: 'server_error', times: 2 });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ kind: 'server_error', remaining: 2 });
    expect((await post('/_sim/faults', { platform: 'instagram', kind: 'meteor' })).status).toBe(400);
    await fetch(`${sim.url}/_sim/faults`, { method: 'DELETE' });
    expect(await (await fetch(`${sim.url}/_sim/faults`)).json()).toEqual({ faults: [] });
  });

  it('serves a real JPEG and an MP4 stub with the right content types', async () => {
    const jpeg = await fetch(sim.sampleImageUrl);
    const bytes = Buffer.from(await jpeg.arrayBuffer());
    expect(jpeg.headers.get('content-type')).toBe('image/jpeg');
    expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect([...bytes.subarray(-2)]).toEqual([0xff, 0xd9]);
    const mp4 = await fetch(sim.sampleVideoUrl);
    expect(mp4.headers.get('content-type')).toBe('video/mp4');
    expect(
      Buffer.from(await mp4.arrayBuffer())
        .subarray(4, 8)
        .toString(),
    ).toBe('ftyp');
  });

  it('answers unknown admin routes with 404 JSON and never routes /_sim to the Graph host', async () => {
    const response = await fetch(`${sim.url}/_sim/v25.0/me`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'no simulator admin route GET /_sim/v25.0/me' });
  });

  it('forgets everything on reset', async () => {
    expect((await post('/_sim/reset', {})).status).toBe(204);
    const answer = await graph(sim, 'GET', '/v25.0/17841400000000101', {}, 'EAAadmintoken000000001');
    expect(answer.body.error.code).toBe(190);
  });
});
