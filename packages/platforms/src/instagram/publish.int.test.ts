// InstagramClient publishing flows against platform-sim over real HTTP.
import { errorSurface, expectAppError, useInstagramFixture } from '../../test/fixtures';

const fx = useInstagramFixture();

/** `METHOD path` of every Graph request the simulator saw, with the version prefix cut. */
const wire = () => fx.sim.state.requests.map((r) => `${r.method} ${r.path.replace('/v25.0', '')}`);

describe('InstagramClient publishing', () => {
  it('publishes an image: container → status polls → media_publish, token only in the Authorization header', async () => {
    const result = await fx.client.publishImage({
      imageUrl: fx.sim.sampleImageUrl,
      caption: 'Hello #socialvault',
    });

    expect(result).toEqual({
      mediaId: expect.stringMatching(/^\d+$/),
      containerId: expect.stringMatching(/^\d+$/),
      permalink: expect.stringMatching(/^https:\/\/www\.instagram\.com\/p\//),
    });
    expect(wire()).toEqual([
      `POST /${fx.igUserId}/media`,
      `GET /${result.containerId}`,
      `GET /${result.containerId}`,
      `POST /${fx.igUserId}/media_publish`,
      `GET /${result.mediaId}`,
    ]);
    const [create, , , publish] = fx.sim.state.requests;
    expect(create!.body).toEqual({ image_url: fx.sim.sampleImageUrl, caption: 'Hello #socialvault' });
    expect(publish!.body).toEqual({ creation_id: result.containerId });
    for (const request of fx.sim.state.requests) {
      expect(request).toMatchObject({ token: fx.accessToken, tokenSource: 'header' });
      expect(JSON.stringify(request.query)).not.toContain(fx.accessToken);
    }

    const recent = await fx.client.getRecentMedia({ limit: 5 });
    expect(recent.data[0]).toMatchObject({
      id: result.mediaId,
      caption: 'Hello #socialvault',
      media_type: 'IMAGE',
    });
  });

  it('publishes a carousel: waits for every child before creating the carousel container', async () => {
    const result = await fx.client.publishCarousel({
      items: [
        { imageUrl: fx.sim.sampleImageUrl },
        { imageUrl: fx.sim.sampleImageUrl },
        { videoUrl: fx.sim.sampleVideoUrl },
      ],
      caption: 'Three in one',
    });

    expect(result.childContainerIds).toHaveLength(3);
    const calls = wire();
    const carouselCreate = calls.lastIndexOf(`POST /${fx.igUserId}/media`);
    for (const child of result.childContainerIds)
      expect(calls.lastIndexOf(`GET /${child}`)).toBeLessThan(carouselCreate);
    expect(fx.sim.state.requests[carouselCreate]!.body).toEqual({
      media_type: 'CAROUSEL',
      children: result.childContainerIds.join(','),
      caption: 'Three in one',
    });
    const media = await fx.client.getMedia(result.mediaId);
    expect(media).toMatchObject({ media_type: 'CAROUSEL_ALBUM', caption: 'Three in one' });
  });

  it('publishes a reel after polling its container until processing finished', async () => {
    const result = await fx.client.publishReel({
      videoUrl: fx.sim.sampleVideoUrl,
      caption: 'Reel',
      shareToFeed: true,
    });

    expect(wire().filter((call) => call === `GET /${result.containerId}`)).toHaveLength(3);
    expect(fx.sim.state.requests[0]!.body).toEqual({
      media_type: 'REELS',
      video_url: fx.sim.sampleVideoUrl,
      caption: 'Reel',
      share_to_feed: 'true',
    });
    expect(result.permalink).toMatch(/^https:\/\/www\.instagram\.com\/reel\//);
    expect(await fx.client.getMedia(result.mediaId)).toMatchObject({
      media_type: 'VIDEO',
      media_product_type: 'REELS',
    });
  });

  it('stops with platform_error when the container ends in ERROR, and never calls media_publish', async () => {
    fx.sim.state.injectFault({ platform: 'instagram', kind: 'container_error' });

    const error = await expectAppError(fx.client.publishImage({ imageUrl: fx.sim.sampleImageUrl }));

    expect(error.code).toBe('platform_error');
    expect(error.message).toMatch(/could not process media container \d+: status ERROR \(Error: .*2207001\)/);
    expect(wire()).not.toContain(`POST /${fx.igUserId}/media_publish`);
    expect(errorSurface(error)).not.toContain(fx.accessToken);
  });

  it('gives up with platform_error when the container stays IN_PROGRESS past maxPollAttempts', async () => {
    const impatient = fx.clientWith({ maxPollAttempts: 2 });
    const error = await expectAppError(impatient.publishReel({ videoUrl: fx.sim.sampleVideoUrl }));
    expect(error.code).toBe('platform_error');
    expect(error.message).toContain('still IN_PROGRESS after 2 status checks');
  });

  it('turns an unfetchable image URL (Graph 9004) into invalid_input naming the URL', async () => {
    const missing = `${fx.sim.url}/_sim/media/missing.jpg`;
    const error = await expectAppError(fx.client.publishImage({ imageUrl: missing }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain(missing);
    expect(error.details).toMatchObject({ graph_code: 9004, graph_subcode: 2207052 });
  });

  it('refuses a caption over 2,200 characters and a one-item carousel before any Graph call', async () => {
    const longCaption = await expectAppError(
      fx.client.publishImage({ imageUrl: fx.sim.sampleImageUrl, caption: 'x'.repeat(2201) }),
    );
    const tiny = await expectAppError(
      fx.client.publishCarousel({ items: [{ imageUrl: fx.sim.sampleImageUrl }] }),
    );
    const notHttp = await expectAppError(fx.client.publishImage({ imageUrl: 'file:///etc/passwd' }));
    expect([longCaption.code, tiny.code, notHttp.code]).toEqual([
      'invalid_input',
      'invalid_input',
      'invalid_input',
    ]);
    expect(fx.sim.state.requests).toHaveLength(0);
  });

  it('reports publishing twice as invalid_input: a container publishes once', async () => {
    const { containerId } = await fx.client.createImageContainer({ imageUrl: fx.sim.sampleImageUrl });
    await fx.client.waitForContainer(containerId);
    await fx.client.publishContainer(containerId);
    expect(await fx.client.getContainerStatus(containerId)).toBe('PUBLISHED');

    const again = await expectAppError(fx.client.publishContainer(containerId));
    expect(again.code).toBe('invalid_input');
    expect(again.message).toContain('already been published');
  });

  it('reports the publishing quota as rate_limited and shows it in getPublishingLimit', async () => {
    const before = await fx.client.getPublishingLimit();
    fx.sim.state.registerInstagramAccount({
      access_token: fx.accessToken,
      ig_user_id: fx.igUserId,
      username: 'socialvault_test',
      followers_count: 1280,
      publishing_quota_total: before.quota_usage,
    });
    const error = await expectAppError(fx.client.publishImage({ imageUrl: fx.sim.sampleImageUrl }));
    expect(error.toJSON()).toMatchObject({ code: 'rate_limited', retry_after_s: 3600 });
    expect(await fx.client.getPublishingLimit()).toEqual({
      quota_usage: before.quota_usage,
      config: { quota_total: before.quota_usage, quota_duration: 86400 },
    });
    fx.sim.state.registerInstagramAccount({
      access_token: fx.accessToken,
      ig_user_id: fx.igUserId,
      username: 'socialvault_test',
    });
  });
});
