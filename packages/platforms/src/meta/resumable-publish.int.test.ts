// Resumable Meta publishing against platform-sim: a stored container id is published, never a second post.
import { startPlatformSim } from '@socialvault/platform-sim';
import { expectAppError, useInstagramFixture } from '../../test/fixtures';
import { ThreadsClient } from '../threads/client';
import type { MetaPublishProgress } from './resumable-publish';

const fx = useInstagramFixture();

const wire = () => fx.sim.state.requests.map((r) => `${r.method} ${r.path.replace('/v25.0', '')}`);
const mediaCount = () => fx.sim.state.instagram.mediaOf(fx.igUserId).length;

/** A ledger stand-in: what was saved, in order. */
function recorder(initial: MetaPublishProgress = {}) {
  const saved: MetaPublishProgress[] = [];
  return {
    saved,
    resume: {
      progress: initial,
      saveProgress: async (progress: MetaPublishProgress) => {
        saved.push(progress);
      },
    },
  };
}

describe('Instagram publishing with progress', () => {
  it('saves the container id before media_publish, then the media id', async () => {
    const { saved, resume } = recorder();
    let publishedWhenSaved: number | undefined;
    const result = await fx.client.publishImage(
      { imageUrl: fx.sim.sampleImageUrl, caption: 'progress' },
      {
        ...resume,
        saveProgress: async (progress) => {
          publishedWhenSaved ??= wire().filter((line) => line.endsWith('/media_publish')).length;
          await resume.saveProgress(progress);
        },
      },
    );
    expect(publishedWhenSaved).toBe(0);
    expect(saved).toEqual([
      { container_id: result.containerId },
      { container_id: result.containerId, published_id: result.mediaId },
    ]);
  });

  it('publishes the stored container of a crashed attempt instead of creating another', async () => {
    const { containerId } = await fx.client.createImageContainer({
      imageUrl: fx.sim.sampleImageUrl,
      caption: 'again',
    });
    const before = mediaCount();
    fx.sim.state.clearRequests();
    const { saved, resume } = recorder({ container_id: containerId });
    const result = await fx.client.publishImage(
      { imageUrl: fx.sim.sampleImageUrl, caption: 'again' },
      resume,
    );
    expect(result.containerId).toBe(containerId);
    expect(wire().filter((line) => line === `POST /${fx.igUserId}/media`)).toEqual([]);
    expect(mediaCount()).toBe(before + 1);
    expect(saved).toEqual([{ container_id: containerId, published_id: result.mediaId }]);
  });

  it('answers conflict, and posts nothing, when the stored container was published but its media id was lost', async () => {
    const first = await fx.client.publishImage({ imageUrl: fx.sim.sampleImageUrl, caption: 'lost id' });
    const before = mediaCount();
    const { resume } = recorder({ container_id: first.containerId });
    const error = await expectAppError(
      fx.client.publishImage({ imageUrl: fx.sim.sampleImageUrl, caption: 'lost id' }, resume),
    );
    expect(error).toMatchObject({ code: 'conflict', hint: expect.stringContaining('get_recent_media') });
    expect(mediaCount()).toBe(before);
  });

  it('returns at once when the earlier attempt recorded the media id', async () => {
    const first = await fx.client.publishImage({ imageUrl: fx.sim.sampleImageUrl, caption: 'done' });
    fx.sim.state.clearRequests();
    const { resume } = recorder({ container_id: first.containerId, published_id: first.mediaId });
    const again = await fx.client.publishImage({ imageUrl: fx.sim.sampleImageUrl, caption: 'done' }, resume);
    expect(again).toMatchObject({ mediaId: first.mediaId, containerId: first.containerId });
    expect(wire()).toEqual([`GET /${first.mediaId}`]);
  });

  it('replaces a stored container that ended in ERROR', async () => {
    fx.sim.state.injectFault({ platform: 'instagram', kind: 'container_error' });
    const { containerId: broken } = await fx.client.createImageContainer({ imageUrl: fx.sim.sampleImageUrl });
    await expectAppError(fx.client.waitForContainer(broken));
    const { resume } = recorder({ container_id: broken });
    const result = await fx.client.publishImage({ imageUrl: fx.sim.sampleImageUrl }, resume);
    expect(result.containerId).not.toBe(broken);
  });

  it('stops before publishing when the container id cannot be saved', async () => {
    const before = mediaCount();
    const error = await fx.client
      .publishImage(
        { imageUrl: fx.sim.sampleImageUrl },
        {
          saveProgress: async () => {
            throw new Error('ledger down');
          },
        },
      )
      .catch((caught: Error) => caught);
    expect((error as Error).message).toBe('ledger down');
    expect(mediaCount()).toBe(before);
    expect(wire().filter((line) => line.endsWith('/media_publish'))).toEqual([]);
  });

  it('saves a carousel container with its item containers and resumes it', async () => {
    const { saved, resume } = recorder();
    const items = [{ imageUrl: fx.sim.sampleImageUrl }, { imageUrl: fx.sim.sampleImageUrl }];
    const result = await fx.client.publishCarousel({ items, caption: 'carousel' }, resume);
    expect(saved[0]).toEqual({
      container_id: result.containerId,
      child_container_ids: result.childContainerIds,
    });
  });
});

describe('Threads publishing with progress', () => {
  it('publishes a stored text container instead of creating another', async () => {
    const sim = await startPlatformSim();
    try {
      const token = 'THcanary0123456789abcdefghij';
      sim.state.registerThreadsAccount({
        access_token: token,
        threads_user_id: '25000000000000001',
        username: 't',
      });
      const threads = new ThreadsClient({
        baseUrl: sim.threadsUrl,
        credential: { accessToken: token, threadsUserId: '25000000000000001' },
        pollIntervalMs: 2,
      });
      const { containerId } = await threads.createContainer({ text: 'resume me' });
      sim.state.clearRequests();
      const saved: MetaPublishProgress[] = [];
      const result = await threads.publishPost(
        { text: 'resume me' },
        { progress: { container_id: containerId }, saveProgress: async (p) => void saved.push(p) },
      );
      expect(result.containerId).toBe(containerId);
      expect(sim.state.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual([
        expect.stringMatching(/\/threads_publish$/),
      ]);
      expect(saved).toEqual([{ container_id: containerId, published_id: result.postId }]);
    } finally {
      await sim.close();
    }
  });
});
