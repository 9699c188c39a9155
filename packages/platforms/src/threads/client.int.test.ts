// ThreadsClient against platform-sim over real HTTP: publishing flows, reads, insights and mapped failures.
import crypto from 'node:crypto';
import { startPlatformSim, type PlatformSim } from '@socialvault/platform-sim';
import { errorSurface, expectAppError } from '../../test/fixtures';
import { sharedRateLimitMemory } from '../rate-limit-memory';
import { ThreadsClient } from './client';

const USER = '25000000000000001';
let sim: PlatformSim;
let token: string;
let client: ThreadsClient;
const wire = () =>
  sim.state.log.list('threads').map((r) => `${r.method} ${r.path.replace('/threads/v1.0', '')}`);

beforeAll(async () => {
  sim = await startPlatformSim();
  token = `THAAcanary${crypto.randomBytes(16).toString('hex')}`;
  sim.state.registerThreadsAccount({
    access_token: token,
    threads_user_id: USER,
    username: 'threads_test',
    followers_count: 640,
  });
  client = new ThreadsClient({
    baseUrl: sim.threadsUrl,
    credential: { accessToken: token, threadsUserId: USER },
    pollIntervalMs: 2,
  });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.state.clearRequests();
  sim.state.clearFaults();
});

describe('ThreadsClient publishing', () => {
  it('publishes text without polling: container → threads_publish → permalink, token only in the header', async () => {
    const result = await client.publishPost({ text: 'Hello from the client' });
    expect(result).toEqual({
      postId: expect.stringMatching(/^\d+$/),
      containerId: expect.stringMatching(/^\d+$/),
      mediaType: 'TEXT',
      permalink: expect.stringContaining('/@threads_test/post/'),
    });
    expect(wire()).toEqual([
      `POST /${USER}/threads`,
      `POST /${USER}/threads_publish`,
      `GET /${result.postId}`,
    ]);
    expect(sim.state.requests[0]!.body).toEqual({ media_type: 'TEXT', text: 'Hello from the client' });
    for (const request of sim.state.requests) expect(request).toMatchObject({ token, tokenSource: 'header' });
  });

  it('publishes an image reply after polling its container until FINISHED', async () => {
    const root = await client.publishPost({ text: 'Root' });
    sim.state.clearRequests();
    const result = await client.publishPost({
      text: 'Look',
      imageUrl: sim.sampleImageUrl,
      replyToId: root.postId,
    });
    expect(result.mediaType).toBe('IMAGE');
    expect(wire()).toEqual([
      `POST /${USER}/threads`,
      `GET /${result.containerId}`,
      `GET /${result.containerId}`,
      `POST /${USER}/threads_publish`,
      `GET /${result.postId}`,
    ]);
    expect(sim.state.requests[1]!.query).toEqual({ fields: 'status,error_message' });
    expect(sim.state.requests[0]!.body).toMatchObject({ media_type: 'IMAGE', reply_to_id: root.postId });
  });

  it('refuses text over 500 before any call, and reports a container in ERROR as platform_error', async () => {
    const long = await expectAppError(client.publishPost({ text: 'a'.repeat(501) }));
    expect(long.code).toBe('invalid_input');
    expect(wire()).toEqual([]);
    const broken = await expectAppError(
      client.publishPost({ text: 'x', imageUrl: `${sim.url}/_sim/missing.jpg` }),
    );
    expect(broken).toMatchObject({
      code: 'platform_error',
      message: expect.stringContaining('status ERROR (UNKNOWN)'),
    });
    expect(wire().some((line) => line.endsWith('/threads_publish'))).toBe(false);
  });

  it('reports the 250-posts quota as rate_limited with a Threads hint', async () => {
    sim.state.registerThreadsAccount({
      access_token: token,
      threads_user_id: USER,
      username: 'threads_test',
      followers_count: 640,
      posts_quota_total: 1,
    });
    const error = await expectAppError(client.publishPost({ text: `Over quota ${Date.now()}` }));
    expect(error.code).toBe('rate_limited');
    expect(error.retryAfterS).toBe(3600);
    expect(error.hint).toContain('Threads allows 250 API-published posts');
    sim.state.registerThreadsAccount({
      access_token: token,
      threads_user_id: USER,
      username: 'threads_test',
      followers_count: 640,
    });
  });
});

describe('ThreadsClient reads and failures', () => {
  it('reads the profile, recent posts with a cursor, post and profile insights', async () => {
    expect(await client.getProfile()).toMatchObject({ id: USER, username: 'threads_test' });
    const page = await client.getRecentPosts({ limit: 1 });
    expect(page.data).toHaveLength(1);
    expect(page.paging.after).toEqual(expect.any(String));
    const older = await client.getRecentPosts({ limit: 1, after: page.paging.after });
    expect(older.data[0]!.id).not.toBe(page.data[0]!.id);
    const post = await client.getPostInsights(page.data[0]!.id);
    expect(Object.keys(post.totals).sort()).toEqual([
      'likes',
      'quotes',
      'replies',
      'reposts',
      'shares',
      'views',
    ]);
    const account = await client.getAccountInsights({
      since: '2025-01-01T00:00:00Z',
      until: Math.floor(Date.now() / 1000),
    });
    expect(account).toMatchObject({ totals: { followers_count: 640 }, since: '2025-01-01T00:00:00.000Z' });
    expect(account.totals.views).toBeGreaterThan(0);
    expect(await client.getPublishingLimit()).toMatchObject({ config: { quota_total: 250 } });
  });

  it('refuses insight ranges before 2024-04-13 and unknown metrics before any call', async () => {
    expect((await expectAppError(client.getAccountInsights({ since: 1_700_000_000 }))).code).toBe(
      'invalid_input',
    );
    expect((await expectAppError(client.getPostInsights('1', ['impressions']))).code).toBe('invalid_input');
    expect(wire()).toEqual([]);
  });

  it('maps throttling to rate_limited and an expired token to reconnect_required, never leaking the token', async () => {
    sim.state.injectFault({ platform: 'threads', kind: 'rate_limit', regain_access_minutes: 3 });
    const limited = await expectAppError(client.getProfile());
    expect(limited).toMatchObject({ code: 'rate_limited', retryAfterS: 180 });
    const early = await expectAppError(client.getRecentPosts());
    expect(early).toMatchObject({
      code: 'rate_limited',
      details: expect.objectContaining({ refused_early: true }),
    });
    sharedRateLimitMemory.clear();
    sim.state.threads.tokens.expire(token);
    const expired = await expectAppError(client.getProfile());
    expect(expired.code).toBe('reconnect_required');
    expect(expired.message).toContain('the access token has expired');
    expect(errorSurface(expired)).not.toContain(token);
  });
});
