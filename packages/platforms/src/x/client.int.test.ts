// XClient against platform-sim over real HTTP: uploads then posting, timeline paging, metrics, mapped failures.
import crypto from 'node:crypto';
import { SAMPLE_JPEG, startPlatformSim, type PlatformSim } from '@socialvault/platform-sim';
import { errorSurface, expectAppError } from '../../test/fixtures';
import { sharedRateLimitMemory } from '../rate-limit-memory';
import { XClient } from './client';

const USER = '1500000000000000001';
let sim: PlatformSim;
let token: string;
let client: XClient;
const wire = () => sim.state.log.list('x').map((r) => `${r.method} ${r.path.replace('/x', '')}`);
const image = { bytes: SAMPLE_JPEG, contentType: 'image/jpeg', filename: 'sample.jpg' };

beforeAll(async () => {
  sim = await startPlatformSim();
  token = `xat-canary${crypto.randomBytes(16).toString('hex')}`;
  sim.state.registerXUser({
    access_token: token,
    user_id: USER,
    username: 'x_test',
    name: 'X Test',
    followers_count: 4200,
  });
  client = new XClient({ baseUrl: sim.xUrl, accessToken: token });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.state.clearRequests();
  sim.state.clearFaults();
  sim.state.x.rateLimits.reset();
});

describe('XClient posting', () => {
  it('uploads every image first, then posts once with their ids and the reply target', async () => {
    const root = await client.publishPost({ text: 'Root post' });
    sim.state.clearRequests();
    const result = await client.publishPost({
      text: 'Two pictures',
      images: [image, image],
      replyToId: root.postId,
    });
    expect(result).toEqual({
      postId: expect.stringMatching(/^\d{19}$/),
      text: 'Two pictures',
      mediaIds: [expect.any(String), expect.any(String)],
    });
    expect(wire()).toEqual(['POST /2/media/upload', 'POST /2/media/upload', 'POST /2/tweets']);
    expect(sim.state.requests[2]!.body).toEqual({
      text: 'Two pictures',
      media: { media_ids: result.mediaIds },
      reply: { in_reply_to_tweet_id: root.postId },
    });
    for (const request of sim.state.requests) expect(request.headers?.['content-type']).toBeDefined();
  });

  it('refuses over-long weighted text, a fifth image and a wrong image type before uploading anything', async () => {
    expect((await expectAppError(client.publishPost({ text: '日'.repeat(141) }))).code).toBe('invalid_input');
    expect(
      (
        await expectAppError(
          client.publishPost({ text: 'five', images: [image, image, image, image, image] }),
        )
      ).code,
    ).toBe('invalid_input');
    expect(
      (
        await expectAppError(
          client.publishPost({ text: 'gif', images: [{ bytes: SAMPLE_JPEG, contentType: 'image/gif' }] }),
        )
      ).code,
    ).toBe('invalid_input');
    expect(wire()).toEqual([]);
  });

  it('maps a media id never uploaded and duplicate text to invalid_input', async () => {
    const ghost = await expectAppError(
      client.createPost({ text: 'ghost', mediaIds: ['1799999999999999999'] }),
    );
    expect(ghost).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('Your media IDs are invalid.'),
    });
    await client.createPost({ text: 'Said once' });
    const duplicate = await expectAppError(client.createPost({ text: 'Said once' }));
    expect(duplicate).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('duplicate content'),
    });
  });
});

describe('XClient reads and failures', () => {
  it('reads me, pages recent posts below X minimum of 5 by until_id, and reads public metrics', async () => {
    expect(await client.me()).toMatchObject({
      id: USER,
      username: 'x_test',
      public_metrics: { followers_count: 4200 },
    });
    const first = await client.getRecentPosts(USER, { limit: 2 });
    expect(first.data).toHaveLength(2);
    expect(first.nextCursor).toMatch(/^until:\d+$/);
    expect(sim.state.requests.at(-1)!.query).toMatchObject({ max_results: '5' });
    const second = await client.getRecentPosts(USER, { limit: 2, cursor: first.nextCursor });
    const seen = first.data.map((post) => post.id);
    expect(second.data.length).toBeGreaterThan(0);
    for (const post of second.data) expect(seen).not.toContain(post.id);
    expect(sim.state.requests.at(-1)!.query).toMatchObject({ until_id: first.data[1]!.id });
    const post = await client.getPost(first.data[0]!.id);
    expect(post.public_metrics).toMatchObject({
      like_count: expect.any(Number),
      impression_count: expect.any(Number),
    });
    expect((await expectAppError(client.getPost('1899999999999999999'))).code).toBe('not_found');
  });

  it('maps 429 to rate_limited with retry_after_s from x-rate-limit-reset', async () => {
    sim.state.x.rateLimits.configure({ endpoint: 'GET /2/users/me', limit: 0, window_s: 300 });
    const limited = await expectAppError(client.me());
    expect(limited.code).toBe('rate_limited');
    expect(limited.retryAfterS).toBeGreaterThan(290);
    expect(limited.retryAfterS).toBeLessThanOrEqual(301);
    expect(limited.details).toMatchObject({ rate_limit_remaining: 0 });
    sharedRateLimitMemory.clear();
  });

  it('refuses early, without a request, once an endpoint reports x-rate-limit-remaining 0', async () => {
    sim.state.x.rateLimits.configure({ endpoint: 'GET /2/users/me', limit: 1, window_s: 300 });
    await expect(client.me()).resolves.toMatchObject({ id: USER });
    const sent = sim.state.requests.length;
    const early = await expectAppError(client.me());
    expect(early).toMatchObject({
      code: 'rate_limited',
      details: expect.objectContaining({ refused_early: true }),
    });
    expect(early.retryAfterS).toBeGreaterThan(290);
    expect(sim.state.requests).toHaveLength(sent);
    // Other endpoints keep their own budget.
    await expect(client.getRecentPosts(USER, { limit: 5 })).resolves.toMatchObject({
      data: expect.any(Array),
    });
    sim.state.x.rateLimits.reset();
    sharedRateLimitMemory.clear();
  });

  it('maps 401 to reconnect_required without the token anywhere in the error', async () => {
    sim.state.x.tokens.expire(token);
    const error = await expectAppError(client.me());
    expect(error.code).toBe('reconnect_required');
    expect(errorSurface(error)).not.toContain(token);
  });
});
