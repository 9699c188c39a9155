// Container creation, status progression and media_publish rules of the simulated Instagram API.
import type { PlatformSim } from '../../index';
import { finishedImageContainer, graph, IG_USER_ID, startSimWithAccount } from '../../../test/fixtures';

let sim: PlatformSim;
const media = `/v25.0/${IG_USER_ID}/media`;
const publish = `/v25.0/${IG_USER_ID}/media_publish`;

beforeAll(async () => {
  sim = await startSimWithAccount();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => sim.state.clearFaults());

const statusSequence = async (id: string, reads: number) => {
  const codes: string[] = [];
  for (let i = 0; i < reads; i += 1)
    codes.push((await graph(sim, 'GET', `/v25.0/${id}`, { fields: 'status_code' })).body.status_code);
  return codes;
};

describe('POST /{ig-user-id}/media', () => {
  it('moves an image container IN_PROGRESS → FINISHED after one status read, a reel after two', async () => {
    const image = await graph(sim, 'POST', media, { image_url: sim.sampleImageUrl, caption: 'hi' });
    const reel = await graph(sim, 'POST', media, { media_type: 'REELS', video_url: sim.sampleVideoUrl });
    expect(image.body).toEqual({ id: expect.stringMatching(/^\d{17}$/) });
    expect(await statusSequence(image.body.id, 3)).toEqual(['IN_PROGRESS', 'FINISHED', 'FINISHED']);
    expect(await statusSequence(reel.body.id, 4)).toEqual([
      'IN_PROGRESS',
      'IN_PROGRESS',
      'FINISHED',
      'FINISHED',
    ]);
  });

  it.each([
    ['a missing URL', '/_sim/media/nope.jpg'],
    ['JSON instead of an image', '/_sim/health'],
    ['an MP4 as image', '/_sim/media/sample.mp4'],
  ])('refuses an image URL that is %s with 9004 / 2207052', async (_what, path) => {
    const answer = await graph(sim, 'POST', media, { image_url: `${sim.url}${path}` });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({
      code: 9004,
      error_subcode: 2207052,
      message: 'Only photo or video can be accepted as media type.',
      error_user_msg: expect.stringContaining(`${sim.url}${path}`),
    });
  });

  it('refuses an unreachable image host with 9004', async () => {
    const answer = await graph(sim, 'POST', media, { image_url: 'http://127.0.0.1:1/a.jpg' });
    expect(answer.body.error.code).toBe(9004);
  });

  it('refuses a caption over 2,200 characters, an unknown media_type and missing URLs with code 100', async () => {
    const caption = await graph(sim, 'POST', media, {
      image_url: sim.sampleImageUrl,
      caption: 'x'.repeat(2201),
    });
    const type = await graph(sim, 'POST', media, { media_type: 'HOLOGRAM', image_url: sim.sampleImageUrl });
    const reel = await graph(sim, 'POST', media, { media_type: 'REELS' });
    const image = await graph(sim, 'POST', media, { caption: 'no image' });
    expect(caption.body.error).toMatchObject({
      code: 100,
      message: '(#100) Param caption must be at most 2200 characters long.',
    });
    expect(type.body.error.message).toBe(
      '(#100) media_type must be one of the following values: CAROUSEL, REELS, STORIES, VIDEO, IMAGE',
    );
    expect(reel.body.error.message).toBe('(#100) The parameter video_url is required');
    expect(image.body.error.message).toBe('(#100) The parameter image_url is required');
  });

  it('wants 2–10 FINISHED carousel-item children of the same account for a carousel', async () => {
    const item = await finishedImageContainer(sim, { is_carousel_item: 'true' });
    const notItem = await finishedImageContainer(sim);
    const pending = (
      await graph(sim, 'POST', media, { image_url: sim.sampleImageUrl, is_carousel_item: 'true' })
    ).body.id;

    const one = await graph(sim, 'POST', media, { media_type: 'CAROUSEL', children: item });
    const wrongKind = await graph(sim, 'POST', media, {
      media_type: 'CAROUSEL',
      children: `${item},${notItem}`,
    });
    const notReady = await graph(sim, 'POST', media, {
      media_type: 'CAROUSEL',
      children: `${item},${pending}`,
    });
    const eleven = await graph(sim, 'POST', media, {
      media_type: 'CAROUSEL',
      children: Array(11).fill(item).join(','),
    });

    expect(one.body.error.message).toContain('between 2 and 10 children, got 1');
    expect(wrongKind.body.error.message).toContain(`${notItem} is not a carousel item container`);
    expect(notReady.body.error.message).toContain(`${pending} is not ready`);
    expect(eleven.body.error.code).toBe(100);

    const second = await finishedImageContainer(sim, { is_carousel_item: 'true' });
    const ok = await graph(sim, 'POST', media, {
      media_type: 'CAROUSEL',
      children: `${item},${second}`,
      caption: 'album',
    });
    expect(ok.status).toBe(200);
  });

  it('ends a container in ERROR when a container_error fault is pending, with the subcode in status', async () => {
    sim.state.injectFault({ platform: 'instagram', kind: 'container_error' });
    const { id } = (await graph(sim, 'POST', media, { image_url: sim.sampleImageUrl })).body;
    await statusSequence(id, 1);
    const read = await graph(sim, 'GET', `/v25.0/${id}`, { fields: 'status_code,status' });
    expect(read.body).toEqual({ id, status_code: 'ERROR', status: expect.stringContaining('2207001') });
  });

  it('ends a reel in ERROR when its video cannot be fetched (video is processed asynchronously)', async () => {
    const { id } = (
      await graph(sim, 'POST', media, { media_type: 'REELS', video_url: `${sim.url}/_sim/media/sample.jpg` })
    ).body;
    expect(await statusSequence(id, 3)).toEqual(['IN_PROGRESS', 'IN_PROGRESS', 'ERROR']);
  });
});

describe('POST /{ig-user-id}/media_publish', () => {
  it('publishes a FINISHED container once; the second attempt is refused', async () => {
    const container = await finishedImageContainer(sim, { caption: 'once' });
    const first = await graph(sim, 'POST', publish, { creation_id: container });
    const second = await graph(sim, 'POST', publish, { creation_id: container });
    expect(first.body).toEqual({ id: expect.stringMatching(/^\d{17}$/) });
    expect(second.status).toBe(400);
    expect(second.body.error).toMatchObject({
      code: 100,
      message: '(#100) The media container has already been published',
    });
    expect((await graph(sim, 'GET', `/v25.0/${container}`, { fields: 'status_code' })).body.status_code).toBe(
      'PUBLISHED',
    );
  });

  it('answers 9007 "Media ID is not available" while the container is IN_PROGRESS', async () => {
    const { id } = (await graph(sim, 'POST', media, { image_url: sim.sampleImageUrl })).body;
    const answer = await graph(sim, 'POST', publish, { creation_id: id });
    expect(answer.body.error).toMatchObject({
      code: 9007,
      error_subcode: 2207027,
      message: 'Media ID is not available',
    });
  });

  it('refuses unknown, expired and carousel-item containers', async () => {
    const unknown = await graph(sim, 'POST', publish, { creation_id: '17999999999999999' });
    const expired = await finishedImageContainer(sim);
    sim.state.instagram.containers.age(expired);
    const expiredAnswer = await graph(sim, 'POST', publish, { creation_id: expired });
    const item = await finishedImageContainer(sim, { is_carousel_item: 'true' });
    const itemAnswer = await graph(sim, 'POST', publish, { creation_id: item });
    const missing = await graph(sim, 'POST', publish, {});

    expect(unknown.body.error).toMatchObject({ code: 100, message: 'Invalid parameter' });
    expect(expiredAnswer.body.error).toMatchObject({ code: -2, error_subcode: 2207020 });
    expect(itemAnswer.body.error.message).toContain('carousel item cannot be published on its own');
    expect(missing.body.error.message).toBe('(#100) The parameter creation_id is required');
  });

  it('enforces the publishing quota with code 9 / 2207042 and reports usage in content_publishing_limit', async () => {
    const token = 'EAAquotatoken000000000';
    sim.state.registerInstagramAccount({
      access_token: token,
      ig_user_id: '17841400000000005',
      username: 'quota',
      publishing_quota_total: 1,
    });
    const create = async () =>
      (await graph(sim, 'POST', '/v25.0/17841400000000005/media', { image_url: sim.sampleImageUrl }, token))
        .body.id;
    const [a, b] = [await create(), await create()];
    // One read answers IN_PROGRESS, the second settles the image container in FINISHED.
    for (const id of [a, b, a, b]) await graph(sim, 'GET', `/v25.0/${id}`, { fields: 'status_code' }, token);

    expect(
      (await graph(sim, 'POST', '/v25.0/17841400000000005/media_publish', { creation_id: a }, token)).status,
    ).toBe(200);
    const over = await graph(
      sim,
      'POST',
      '/v25.0/17841400000000005/media_publish',
      { creation_id: b },
      token,
    );
    expect(over.body.error).toMatchObject({ code: 9, error_subcode: 2207042 });

    const limit = await graph(
      sim,
      'GET',
      '/v25.0/17841400000000005/content_publishing_limit',
      { fields: 'quota_usage,config' },
      token,
    );
    expect(limit.body).toEqual({
      data: [{ quota_usage: 1, config: { quota_total: 1, quota_duration: 86400 } }],
    });
    const defaults = await graph(sim, 'GET', '/v25.0/17841400000000005/content_publishing_limit', {}, token);
    expect(defaults.body).toEqual({ data: [{ quota_usage: 1 }] });
  });
});
