// Field selection, media paging and insight metric rules of the simulated Instagram API.
import type { PlatformSim } from '../../index';
import { finishedImageContainer, graph, IG_USER_ID, startSimWithAccount } from '../../../test/fixtures';

let sim: PlatformSim;
let mediaIds: string[] = [];
const userInsights = `/v25.0/${IG_USER_ID}/insights`;

beforeAll(async () => {
  sim = await startSimWithAccount();
  for (const caption of ['first', 'second', 'third']) {
    const container = await finishedImageContainer(sim, { caption });
    const published = await graph(sim, 'POST', `/v25.0/${IG_USER_ID}/media_publish`, {
      creation_id: container,
    });
    mediaIds.push(published.body.id);
  }
  mediaIds = mediaIds.reverse();
});
afterAll(async () => {
  await sim.close();
});

describe('nodes and fields', () => {
  it('answers the account with the fields asked, and only the id by default', async () => {
    const full = await graph(sim, 'GET', `/v25.0/${IG_USER_ID}`, {
      fields: 'username,followers_count,media_count',
    });
    expect(full.body).toEqual({
      id: IG_USER_ID,
      username: 'sim_test',
      followers_count: 1280,
      media_count: 3,
    });
    expect((await graph(sim, 'GET', `/v25.0/${IG_USER_ID}`)).body).toEqual({ id: IG_USER_ID });
  });

  it('rejects an unknown field with code 100 naming it', async () => {
    const answer = await graph(sim, 'GET', `/v25.0/${IG_USER_ID}`, { fields: 'username,impressions' });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({
      code: 100,
      type: 'OAuthException',
      message: '(#100) Tried accessing nonexisting field (impressions) on node type (ShadowIGUser)',
    });
    const onMedia = await graph(sim, 'GET', `/v25.0/${IG_USER_ID}/media`, { fields: 'id,plays' });
    expect(onMedia.body.error.message).toBe(
      '(#100) Tried accessing nonexisting field (plays) on node type (ShadowIGMedia)',
    );
  });

  it('answers a media node in Graph formats (timestamp with +0000, permalink, counts)', async () => {
    const answer = await graph(sim, 'GET', `/v25.0/${mediaIds[0]}`, {
      fields: 'caption,media_type,media_product_type,permalink,timestamp,like_count,comments_count,owner',
    });
    expect(answer.body).toEqual({
      id: mediaIds[0],
      caption: 'third',
      media_type: 'IMAGE',
      media_product_type: 'FEED',
      permalink: expect.stringMatching(/^https:\/\/www\.instagram\.com\/p\/[\w-]{11}\/$/),
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/),
      like_count: expect.any(Number),
      comments_count: expect.any(Number),
      owner: { id: IG_USER_ID },
    });
  });

  it('lists media newest first with cursors, and a next link only while more exist', async () => {
    const first = await graph(sim, 'GET', `/v25.0/${IG_USER_ID}/media`, { fields: 'caption', limit: '2' });
    expect(first.body.data).toEqual([
      { id: mediaIds[0], caption: 'third' },
      { id: mediaIds[1], caption: 'second' },
    ]);
    expect(first.body.paging.next).not.toContain('access_token');
    const second = await graph(sim, 'GET', `/v25.0/${IG_USER_ID}/media`, {
      fields: 'caption',
      limit: '2',
      after: first.body.paging.cursors.after,
    });
    expect(second.body.data).toEqual([{ id: mediaIds[2], caption: 'first' }]);
    expect(second.body.paging.next).toBeUndefined();
  });
});

describe('insights', () => {
  it('answers media insights as lifetime values', async () => {
    const answer = await graph(sim, 'GET', `/v25.0/${mediaIds[0]}/insights`, { metric: 'views,reach,saved' });
    expect(answer.body.data.map((d: { name: string }) => d.name)).toEqual(['views', 'reach', 'saved']);
    expect(answer.body.data[0]).toMatchObject({
      period: 'lifetime',
      values: [{ value: expect.any(Number) }],
    });
  });

  it('refuses deprecated metrics the way Graph does', async () => {
    const impressions = await graph(sim, 'GET', userInsights, { metric: 'impressions', period: 'day' });
    const videoViews = await graph(sim, 'GET', `/v25.0/${mediaIds[0]}/insights`, {
      metric: 'reach,video_views',
    });
    expect(impressions.body.error).toMatchObject({ code: 100, type: 'OAuthException' });
    expect(impressions.body.error.message).toContain(
      'Starting from version 22 and above, the impressions metric is no longer supported for the queried user',
    );
    expect(videoViews.body.error.message).toMatch(
      /^\(#100\) metric\[1\] must be one of the following values: views, reach, /,
    );
  });

  it('refuses reel-only metrics on a feed image', async () => {
    const answer = await graph(sim, 'GET', `/v25.0/${mediaIds[0]}/insights`, {
      metric: 'ig_reels_avg_watch_time',
    });
    expect(answer.body.error.message).toBe(
      '(#100) The metric ig_reels_avg_watch_time is not supported for this media type',
    );
  });

  it('requires metric_type=total_value for total-only account metrics', async () => {
    const without = await graph(sim, 'GET', userInsights, {
      metric: 'reach,views,accounts_engaged',
      period: 'day',
    });
    expect(without.body.error.message).toBe(
      '(#100) The following metrics (views, accounts_engaged) should be specified with parameter metric_type=total_value',
    );
    const withType = await graph(sim, 'GET', userInsights, {
      metric: 'reach,views,accounts_engaged',
      period: 'day',
      metric_type: 'total_value',
    });
    expect(withType.body.data).toEqual([
      expect.objectContaining({ name: 'reach', period: 'day', total_value: { value: expect.any(Number) } }),
      expect.objectContaining({ name: 'views', total_value: { value: expect.any(Number) } }),
      expect.objectContaining({ name: 'accounts_engaged', total_value: { value: expect.any(Number) } }),
    ]);
  });

  it('checks period and the 30-day range', async () => {
    const noPeriod = await graph(sim, 'GET', userInsights, { metric: 'reach' });
    const badPeriod = await graph(sim, 'GET', userInsights, { metric: 'reach', period: 'fortnight' });
    const tooLong = await graph(sim, 'GET', userInsights, {
      metric: 'reach',
      period: 'day',
      since: '1735689600',
      until: '1740000000',
    });
    expect(noPeriod.body.error.message).toBe('(#100) The parameter period is required');
    expect(badPeriod.body.error.message).toContain('param period must be one of');
    expect(tooLong.body.error.message).toBe(
      '(#100) There cannot be more than 30 days (2592000 s) between since and until',
    );
  });

  it('grows account totals with every published post (deterministically)', async () => {
    const read = async () =>
      (
        await graph(sim, 'GET', userInsights, {
          metric: 'reach,views',
          period: 'day',
          metric_type: 'total_value',
        })
      ).body.data.map((d: { total_value: { value: number } }) => d.total_value.value);
    const before = await read();
    expect(await read()).toEqual(before);
    const container = await finishedImageContainer(sim);
    await graph(sim, 'POST', `/v25.0/${IG_USER_ID}/media_publish`, { creation_id: container });
    const after = await read();
    expect(after[0]).toBeGreaterThan(before[0]);
    expect(after[1]).toBeGreaterThan(before[1]);
  });

  it('omits follower_count for accounts under 100 followers, as Graph does', async () => {
    sim.state.registerInstagramAccount({
      access_token: 'EAAsmallaccount0000000',
      ig_user_id: '17841400000000007',
      username: 'small',
      followers_count: 40,
    });
    const answer = await graph(
      sim,
      'GET',
      '/v25.0/17841400000000007/insights',
      { metric: 'follower_count', period: 'day' },
      'EAAsmallaccount0000000',
    );
    expect(answer.body).toEqual({ data: [] });
  });
});
