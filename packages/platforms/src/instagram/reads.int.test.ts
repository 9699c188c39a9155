// InstagramClient reads and error mapping against platform-sim over real HTTP.
import { GraphHttp } from '../meta/graph-http';
import { sharedRateLimitMemory } from '../rate-limit-memory';
import { errorSurface, expectAppError, useInstagramFixture } from '../../test/fixtures';

const fx = useInstagramFixture();

describe('InstagramClient reads', () => {
  it('reads the account profile with Graph field names', async () => {
    expect(await fx.client.getAccount()).toMatchObject({
      id: fx.igUserId,
      username: 'socialvault_test',
      followers_count: 1280,
      media_count: expect.any(Number),
    });
    expect(fx.sim.state.requests[0]!.query).toEqual({
      fields:
        'id,username,name,biography,followers_count,follows_count,media_count,profile_picture_url,website',
    });
  });

  it('pages recent media newest first with an after cursor only while more exist', async () => {
    for (const caption of ['one', 'two', 'three'])
      await fx.client.publishImage({ imageUrl: fx.sim.sampleImageUrl, caption });
    const first = await fx.client.getRecentMedia({ limit: 2 });
    expect(first.data.map((m) => m.caption)).toEqual(['three', 'two']);
    expect(first.paging.after).toEqual(expect.any(String));
    const second = await fx.client.getRecentMedia({ limit: 2, after: first.paging.after });
    expect(second.data.map((m) => m.caption)).toEqual(['one']);
    expect(second.paging.after).toBeUndefined();
  });

  it('reads media insights as totals by metric name', async () => {
    const { mediaId } = await fx.client.publishImage({
      imageUrl: fx.sim.sampleImageUrl,
      caption: 'insights',
    });
    const insights = await fx.client.getMediaInsights(mediaId, ['views', 'reach', 'likes']);
    expect(Object.keys(insights.totals)).toEqual(['views', 'reach', 'likes']);
    expect(insights.totals.views).toBeGreaterThan(0);
    expect(insights.data[0]).toMatchObject({ name: 'views', period: 'lifetime' });
  });

  it('reads account insights with metric_type=total_value, follower_count as a daily series, growing with posts', async () => {
    const before = await fx.client.getAccountInsights({
      metrics: ['reach', 'views', 'follower_count'],
      period: 'day',
    });
    await fx.client.publishImage({ imageUrl: fx.sim.sampleImageUrl });
    const after = await fx.client.getAccountInsights({
      metrics: ['reach', 'views', 'follower_count'],
      period: 'day',
    });

    expect(after.totals.reach).toBeGreaterThan(before.totals.reach!);
    expect(after.totals.views).toBeGreaterThan(before.totals.views!);
    expect(after.totals.follower_count).toEqual(expect.any(Number));
    const insightCalls = fx.sim.state.requests
      .filter((r) => r.path.endsWith('/insights'))
      .map((r) => r.query);
    expect(insightCalls.slice(0, 2)).toEqual([
      expect.objectContaining({ metric: 'reach,views', period: 'day', metric_type: 'total_value' }),
      expect.not.objectContaining({ metric_type: expect.anything() }),
    ]);
  });

  it('turns period week into a seven-day range', async () => {
    const result = await fx.client.getAccountInsights({ metrics: ['reach'], period: 'week' });
    expect(Date.parse(result.until!) - Date.parse(result.since!)).toBe(7 * 86_400_000);
  });
});

describe('InstagramClient errors', () => {
  it('refuses deprecated metrics before any call, with the replacement in the hint', async () => {
    const account = await expectAppError(fx.client.getAccountInsights({ metrics: ['impressions', 'reach'] }));
    const media = await expectAppError(fx.client.getMediaInsights('18000000000000001', ['plays']));
    expect(account).toMatchObject({
      code: 'invalid_input',
      hint: expect.stringContaining('impressions → views'),
    });
    expect(media).toMatchObject({ code: 'invalid_input', hint: expect.stringContaining('plays → views') });
    expect(fx.sim.state.requests).toHaveLength(0);
  });

  it('maps the simulator refusing a deprecated metric (sent raw) to invalid_input with the Graph message', async () => {
    const http = new GraphHttp({
      baseUrl: fx.sim.graphUrl,
      accessToken: fx.accessToken,
      platform: 'Instagram',
    });
    const error = await expectAppError(
      http.get(`${fx.igUserId}/insights`, { metric: 'impressions', period: 'day' }, 'read account insights'),
    );
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('the impressions metric is no longer supported');
  });

  it('maps an unknown field to invalid_input', async () => {
    const error = await expectAppError(fx.client.getAccount(['id', 'impressions_total']));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('(#100) Tried accessing nonexisting field (impressions_total)');
  });

  it('maps a rate-limited call to rate_limited with retry_after_s from the usage header', async () => {
    fx.sim.state.injectFault({ platform: 'instagram', kind: 'rate_limit', regain_access_minutes: 3 });
    const error = await expectAppError(fx.client.getAccount());
    expect(error.toJSON()).toEqual({
      code: 'rate_limited',
      message: 'Instagram could not read the account: (#4) Application request limit reached',
      hint: expect.any(String),
      retry_after_s: 180,
    });
    // Graph said access returns in 3 minutes: the next call is refused here, without reaching Graph.
    const early = await expectAppError(fx.client.getRecentMedia());
    expect(early).toMatchObject({
      code: 'rate_limited',
      details: expect.objectContaining({ refused_early: true }),
    });
    expect(early.retryAfterS).toBeGreaterThan(170);
    expect(early.retryAfterS).toBeLessThanOrEqual(180);
    expect(fx.sim.state.requests).toHaveLength(1);
    sharedRateLimitMemory.clear();
    await expect(fx.client.getAccount()).resolves.toMatchObject({ id: fx.igUserId });
  });

  it('refuses early once a 200 answer reports X-App-Usage at 100 %', async () => {
    const usage = { call_count: 100, total_cputime: 12, total_time: 30 };
    const http = new GraphHttp({
      baseUrl: 'http://graph.invalid/v25.0',
      accessToken: fx.accessToken,
      platform: 'Instagram',
      http: fakeAxios(200, { id: fx.igUserId }, { 'x-app-usage': JSON.stringify(usage) }),
    });
    await expect(http.get(fx.igUserId, { fields: 'id' }, 'read the account')).resolves.toEqual({
      id: fx.igUserId,
    });
    const early = await expectAppError(
      http.post(`${fx.igUserId}/media`, { image_url: 'x' }, 'create image container'),
    );
    expect(early).toMatchObject({ code: 'rate_limited', retryAfterS: 60 });
    expect(calls).toBe(1);
  });

  it('maps a rate limit hit while polling a container to rate_limited', async () => {
    const { containerId } = await fx.client.createImageContainer({ imageUrl: fx.sim.sampleImageUrl });
    fx.sim.state.injectFault({ platform: 'instagram', kind: 'rate_limit', code: 32 });
    const error = await expectAppError(fx.client.waitForContainer(containerId));
    expect(error).toMatchObject({
      code: 'rate_limited',
      retryAfterS: 300,
      details: expect.objectContaining({ graph_code: 32 }),
    });
  });

  it('maps an expired or unknown token to reconnect_required, without the token anywhere in the error', async () => {
    const expiredToken = 'EAAexpiredcanary9876543210';
    fx.sim.state.registerInstagramAccount({
      access_token: expiredToken,
      ig_user_id: fx.igUserId,
      username: 'socialvault_test',
    });
    fx.sim.state.expireInstagramToken(expiredToken);
    const unknownToken = 'EAAunknowncanary1234567890';

    const expired = await expectAppError(fx.clientWith({ accessToken: expiredToken }).getAccount());
    const unknown = await expectAppError(fx.clientWith({ accessToken: unknownToken }).getRecentMedia());

    expect(expired).toMatchObject({
      code: 'reconnect_required',
      details: expect.objectContaining({ graph_code: 190, graph_subcode: 463 }),
    });
    expect(expired.message).toContain('the access token has expired');
    expect(expired.hint).toMatch(/OAuth broker/);
    expect(unknown.code).toBe('reconnect_required');
    expect(errorSurface(expired)).not.toContain(expiredToken);
    expect(errorSurface(unknown)).not.toContain(unknownToken);
  });

  it('maps a media id of another account to not_found and a server failure to platform_error', async () => {
    fx.sim.state.registerInstagramAccount({
      access_token: 'EAAothertoken000000001',
      ig_user_id: '17841400000000002',
      username: 'other',
    });
    const other = fx.clientWith({ accessToken: 'EAAothertoken000000001', igUserId: '17841400000000002' });
    const foreign = await other.publishImage({ imageUrl: fx.sim.sampleImageUrl });
    const notFound = await expectAppError(fx.client.getMedia(foreign.mediaId));
    expect(notFound.code).toBe('not_found');

    fx.sim.state.clearRequests();
    fx.sim.state.injectFault({ platform: 'instagram', kind: 'server_error', times: 3 });
    const server = await expectAppError(fx.client.getAccount());
    expect(server).toMatchObject({
      code: 'platform_error',
      details: expect.objectContaining({ http_status: 500, fbtrace_id: expect.any(String) }),
    });
    // A read is tried three times in all before the 500 reaches the caller.
    expect(fx.sim.state.requests.map((r) => r.status)).toEqual([500, 500, 500]);
  });

  it('retries a read that answered 5xx and returns its later answer', async () => {
    fx.sim.state.injectFault({ platform: 'instagram', kind: 'server_error', times: 2 });
    await expect(fx.client.getAccount()).resolves.toMatchObject({ id: fx.igUserId });
    expect(fx.sim.state.requests.map((r) => r.status)).toEqual([500, 500, 200]);
  });

  it('never retries a publishing call that answered 5xx', async () => {
    fx.sim.state.injectFault({ platform: 'instagram', kind: 'server_error', times: 3 });
    const error = await expectAppError(fx.client.createImageContainer({ imageUrl: fx.sim.sampleImageUrl }));
    expect(error).toMatchObject({
      code: 'platform_error',
      details: expect.objectContaining({ http_status: 500 }),
    });
    expect(fx.sim.state.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['POST 500']);
  });

  it('maps an unreachable Graph host to platform_error', async () => {
    const closed = await import('@socialvault/platform-sim').then((m) => m.startPlatformSim());
    await closed.close();
    const offline = new (await import('./client')).InstagramClient({
      baseUrl: closed.graphUrl,
      credential: { accessToken: fx.accessToken, igUserId: fx.igUserId },
    });
    const error = await expectAppError(offline.getAccount());
    expect(error.code).toBe('platform_error');
    expect(error.message).toContain('network error (ECONNREFUSED)');
    expect(errorSurface(error)).not.toContain(fx.accessToken);
  });

  it('refuses ids that are not Graph ids before any call', async () => {
    const error = await expectAppError(fx.client.getMediaInsights('../me/accounts'));
    expect(error.code).toBe('invalid_input');
    expect(fx.sim.state.requests).toHaveLength(0);
  });
});

let calls = 0;
/** An axios stand-in answering every request with `status`, `body` and `headers`, counting calls. */
function fakeAxios(status: number, body: unknown, headers: Record<string, string>) {
  calls = 0;
  return {
    request: async () => {
      calls += 1;
      return { status, data: body, headers };
    },
  } as unknown as import('axios').AxiosInstance;
}
