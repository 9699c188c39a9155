// The Threads simulator over HTTP: tokens, versions, containers, publishing, quotas, reads, insights, faults, refresh.
import { startPlatformSim, type PlatformSim } from '../index';
import { graph } from '../../test/fixtures';

const USER = '25000000000000001';
const TOKEN = 'THAAsimtesttoken0123456789';
const V = '/threads/v1.0';
let sim: PlatformSim;

beforeAll(async () => {
  sim = await startPlatformSim();
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.state.reset();
  sim.state.registerThreadsAccount({
    access_token: TOKEN,
    threads_user_id: USER,
    username: 'sim_threads',
    followers_count: 900,
  });
});

async function publishText(text: string): Promise<string> {
  const created = await graph(sim, 'POST', `${V}/me/threads`, { media_type: 'TEXT', text }, TOKEN);
  expect(created.status).toBe(200);
  const published = await graph(
    sim,
    'POST',
    `${V}/${USER}/threads_publish`,
    { creation_id: created.body.id },
    TOKEN,
  );
  expect(published.status).toBe(200);
  return published.body.id as string;
}

describe('tokens and routing', () => {
  it('answers 104 without a token, 190 for an unknown one and 190/463 for an expired one', async () => {
    expect((await graph(sim, 'GET', `${V}/me`, {}, null)).body.error).toMatchObject({ code: 104 });
    expect((await graph(sim, 'GET', `${V}/me`, {}, 'THAAunknown0123456789')).body.error).toMatchObject({
      code: 190,
      type: 'OAuthException',
      fbtrace_id: expect.any(String),
    });
    sim.state.threads.tokens.expire(TOKEN);
    const expired = await graph(sim, 'GET', `${V}/me`, {}, TOKEN);
    expect(expired.status).toBe(400);
    expect(expired.body.error).toMatchObject({ code: 190, error_subcode: 463 });
  });

  it('refuses other API versions and other users', async () => {
    expect((await graph(sim, 'GET', '/threads/v0.9/me', {}, TOKEN)).body.error).toMatchObject({ code: 2635 });
    const other = await graph(sim, 'GET', `${V}/25000000000000999/threads`, {}, TOKEN);
    expect(other.body.error).toMatchObject({ code: 100, error_subcode: 33 });
  });

  it('serves the profile with field selection and refuses unknown fields', async () => {
    const me = await graph(sim, 'GET', `${V}/me`, { fields: 'id,username,threads_biography' }, TOKEN);
    expect(me.body).toEqual({ id: USER, username: 'sim_threads' });
    const bad = await graph(sim, 'GET', `${V}/me`, { fields: 'followers_count' }, TOKEN);
    expect(bad.body.error.message).toContain('nonexisting field (followers_count)');
  });
});

describe('publishing', () => {
  it('publishes text at once and an image after its container finishes, then lists both newest first', async () => {
    const textId = await publishText('Hello Threads');
    const image = await graph(
      sim,
      'POST',
      `${V}/${USER}/threads`,
      { media_type: 'IMAGE', image_url: sim.sampleImageUrl, text: 'A picture' },
      TOKEN,
    );
    const early = await graph(
      sim,
      'POST',
      `${V}/${USER}/threads_publish`,
      { creation_id: image.body.id },
      TOKEN,
    );
    expect(early.body.error).toMatchObject({ code: 9007 });
    expect((await graph(sim, 'GET', `${V}/${image.body.id}`, { fields: 'status' }, TOKEN)).body.status).toBe(
      'IN_PROGRESS',
    );
    expect(
      (await graph(sim, 'GET', `${V}/${image.body.id}`, { fields: 'status,error_message' }, TOKEN)).body,
    ).toEqual({ id: image.body.id, status: 'FINISHED' });
    const imageId = (
      await graph(sim, 'POST', `${V}/${USER}/threads_publish`, { creation_id: image.body.id }, TOKEN)
    ).body.id;

    const again = await graph(
      sim,
      'POST',
      `${V}/${USER}/threads_publish`,
      { creation_id: image.body.id },
      TOKEN,
    );
    expect(again.body.error).toMatchObject({ code: 100, error_user_title: 'Media already published' });

    const list = await graph(
      sim,
      'GET',
      `${V}/me/threads`,
      { fields: 'id,text,media_type,permalink', limit: '1' },
      TOKEN,
    );
    expect(list.body.data).toEqual([
      {
        id: imageId,
        text: 'A picture',
        media_type: 'IMAGE',
        permalink: expect.stringContaining('threads.net/@sim_threads/post/'),
      },
    ]);
    const older = await graph(
      sim,
      'GET',
      `${V}/me/threads`,
      { fields: 'id', after: list.body.paging.cursors.after },
      TOKEN,
    );
    expect(older.body.data).toEqual([{ id: textId }]);
    expect(list.body.paging.next).not.toContain(TOKEN);
  });

  it('refuses text over 500 as Threads counts it (emoji as UTF-8 bytes) and TEXT without text', async () => {
    const long = await graph(
      sim,
      'POST',
      `${V}/me/threads`,
      { media_type: 'TEXT', text: `${'a'.repeat(497)}😀` },
      TOKEN,
    );
    expect(long.body.error).toMatchObject({ code: 100 });
    expect(long.body.error.message).toContain('500');
    const ok = await graph(
      sim,
      'POST',
      `${V}/me/threads`,
      { media_type: 'TEXT', text: `${'a'.repeat(496)}😀` },
      TOKEN,
    );
    expect(ok.status).toBe(200);
    const empty = await graph(sim, 'POST', `${V}/me/threads`, { media_type: 'TEXT' }, TOKEN);
    expect(empty.body.error.message).toBe('(#100) The parameter text is required');
  });

  it('lets an image container end in ERROR (UNKNOWN) when the image cannot be fetched', async () => {
    const created = await graph(
      sim,
      'POST',
      `${V}/me/threads`,
      { media_type: 'IMAGE', image_url: `${sim.url}/_sim/missing.jpg` },
      TOKEN,
    );
    await graph(sim, 'GET', `${V}/${created.body.id}`, { fields: 'status' }, TOKEN);
    const settled = await graph(
      sim,
      'GET',
      `${V}/${created.body.id}`,
      { fields: 'status,error_message' },
      TOKEN,
    );
    expect(settled.body).toEqual({ id: created.body.id, status: 'ERROR', error_message: 'UNKNOWN' });
  });

  it('accepts replies only to existing posts and counts them against the reply quota', async () => {
    const root = await publishText('Root post');
    const missing = await graph(
      sim,
      'POST',
      `${V}/me/threads`,
      { media_type: 'TEXT', text: 'x', reply_to_id: '181999' },
      TOKEN,
    );
    expect(missing.body.error).toMatchObject({ code: 100 });
    const reply = await graph(
      sim,
      'POST',
      `${V}/me/threads`,
      { media_type: 'TEXT', text: 'A reply', reply_to_id: root },
      TOKEN,
    );
    await graph(sim, 'POST', `${V}/me/threads_publish`, { creation_id: reply.body.id }, TOKEN);
    const limit = await graph(
      sim,
      'GET',
      `${V}/me/threads_publishing_limit`,
      { fields: 'quota_usage,config,reply_quota_usage,reply_config' },
      TOKEN,
    );
    expect(limit.body.data[0]).toEqual({
      quota_usage: 1,
      config: { quota_total: 250, quota_duration: 86400 },
      reply_quota_usage: 1,
      reply_config: { quota_total: 1000, quota_duration: 86400 },
    });
  });

  it('enforces the posts-per-24 h quota with code 9 / 2207042', async () => {
    sim.state.registerThreadsAccount({
      access_token: TOKEN,
      threads_user_id: USER,
      username: 'sim_threads',
      posts_quota_total: 1,
    });
    await publishText('First');
    const second = await graph(sim, 'POST', `${V}/me/threads`, { media_type: 'TEXT', text: 'Second' }, TOKEN);
    const refused = await graph(
      sim,
      'POST',
      `${V}/me/threads_publish`,
      { creation_id: second.body.id },
      TOKEN,
    );
    expect(refused.body.error).toMatchObject({ code: 9, error_subcode: 2207042 });
  });
});

describe('insights', () => {
  it('answers post insights as lifetime values and refuses unknown metrics', async () => {
    const id = await publishText('Measured');
    const insights = await graph(sim, 'GET', `${V}/${id}/insights`, { metric: 'views,likes,shares' }, TOKEN);
    expect(insights.body.data.map((row: { name: string }) => row.name)).toEqual(['views', 'likes', 'shares']);
    expect(insights.body.data[0]).toMatchObject({
      period: 'lifetime',
      values: [{ value: expect.any(Number) }],
    });
    const bad = await graph(sim, 'GET', `${V}/${id}/insights`, { metric: 'impressions' }, TOKEN);
    expect(bad.body.error.message).toContain('metric[0] must be one of the following values');
  });

  it('answers user insights: views as a daily series, the others as totals; refuses ranges before 2024-04-13', async () => {
    await publishText('Counted');
    const until = Math.ceil(Date.now() / 1000) + 10;
    const since = until - 2 * 86_400;
    const insights = await graph(
      sim,
      'GET',
      `${V}/me/threads_insights`,
      { metric: 'views,likes,followers_count', since: String(since), until: String(until) },
      TOKEN,
    );
    const [views, likes, followers] = insights.body.data;
    expect(views).toMatchObject({ name: 'views', values: [expect.any(Object), expect.any(Object)] });
    expect(likes.total_value.value).toBeGreaterThan(0);
    expect(followers.total_value.value).toBe(900);
    const early = await graph(
      sim,
      'GET',
      `${V}/me/threads_insights`,
      { metric: 'likes', since: '1700000000', until: String(until) },
      TOKEN,
    );
    expect(early.body.error).toMatchObject({ code: 100 });
  });
});

describe('faults and refreshed tokens', () => {
  it('throttles with 429, a Graph rate-limit code and X-App-Usage', async () => {
    sim.state.injectFault({ platform: 'threads', kind: 'rate_limit', code: 17 });
    const throttled = await graph(sim, 'GET', `${V}/me`, {}, TOKEN);
    expect(throttled.status).toBe(429);
    expect(throttled.body.error).toMatchObject({ code: 17 });
    expect(JSON.parse(throttled.headers.get('x-app-usage')!)).toMatchObject({ call_count: 100 });
    expect((await graph(sim, 'GET', `${V}/me`, {}, TOKEN)).status).toBe(200);
  });

  it('accepts a token refreshed by the OAuth simulator (th_refresh_token)', async () => {
    const [grant] = sim.state.oauth.grantsOf('threads', USER);
    grant!.issuedAt = new Date(Date.now() - 2 * 86_400_000);
    const refreshed = await fetch(
      `${sim.url}/threads/refresh_access_token?grant_type=th_refresh_token&access_token=${TOKEN}`,
    );
    expect(refreshed.status).toBe(200);
    const { access_token: fresh } = (await refreshed.json()) as { access_token: string };
    expect(fresh).not.toBe(TOKEN);
    expect((await graph(sim, 'GET', `${V}/me`, { fields: 'id' }, fresh)).body).toEqual({ id: USER });
  });

  it('expires the token for the API and for its refresh alike through the admin route', async () => {
    const [grant] = sim.state.oauth.grantsOf('threads', USER);
    grant!.issuedAt = new Date(Date.now() - 2 * 86_400_000);
    const expire = await fetch(`${sim.url}/_sim/threads/tokens/expire`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ access_token: TOKEN }),
    });
    expect(expire.status).toBe(200);
    expect((await graph(sim, 'GET', `${V}/me`, {}, TOKEN)).body.error).toMatchObject({ code: 190 });
    const refresh = await fetch(
      `${sim.url}/threads/refresh_access_token?grant_type=th_refresh_token&access_token=${TOKEN}`,
    );
    expect(refresh.status).not.toBe(200);
  });
});
