// MastodonClient against simulated instances: limits, media (sync and 202), idempotency, paging, errors.
import { SAMPLE_JPEG, SAMPLE_MP4, startPlatformSim, type PlatformSim } from '@socialvault/platform-sim';
import { errorSurface, expectAppError } from '../../test/fixtures';
import { MastodonClient, statusText } from './client';

let sim: PlatformSim;
const ALICE = 'alice-canary-0123456789';
const BOB = 'bob-canary-0123456789';
const client = (instance: string, accessToken: string, mediaMaxPolls = 5) =>
  new MastodonClient({
    instanceUrl: sim.mastodonUrl(instance),
    accessToken,
    mediaPollIntervalMs: 1,
    mediaMaxPolls,
    // The simulator listens on 127.0.0.1: allowed as MASTODON_PRIVATE_INSTANCE_ALLOWLIST allows it.
    privateInstanceAllowlist: [new URL(sim.url).origin],
  });

beforeAll(async () => {
  sim = await startPlatformSim();
  sim.state.mastodon.configureInstance({ name: 'alpha', max_characters: 500 });
  sim.state.mastodon.configureInstance({ name: 'beta', max_characters: 1000, media_processing_reads: 2 });
  sim.state.mastodon.registerAccount('alpha', { access_token: ALICE, username: 'alice', followers_count: 7 });
  sim.state.mastodon.registerAccount('beta', { access_token: BOB, username: 'bob' });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.state.clearRequests();
  sim.state.clearFaults();
});

describe('MastodonClient', () => {
  it('reads each instance its own limits without sending the token', async () => {
    expect(await client('alpha', ALICE).getInstance()).toMatchObject({
      maxCharacters: 500,
      maxMediaAttachments: 4,
    });
    expect((await client('beta', BOB).getInstance()).maxCharacters).toBe(1000);
    expect(sim.state.requests.every((request) => request.token === undefined)).toBe(true);
  });

  it('verifies credentials on the right instance', async () => {
    expect(await client('alpha', ALICE).verifyCredentials()).toMatchObject({
      username: 'alice',
      followers_count: 7,
    });
    expect((await expectAppError(client('beta', ALICE).verifyCredentials())).code).toBe('reconnect_required');
  });

  it('uploads an image processed at once, and one that needs polling (202, 206, 200)', async () => {
    const sync = await client('alpha', ALICE).uploadMedia({
      bytes: SAMPLE_JPEG,
      contentType: 'image/jpeg',
      filename: 'a.jpg',
      description: 'alt',
    });
    expect(sync).toMatchObject({ type: 'image', url: expect.any(String), description: 'alt' });
    sim.state.clearRequests();
    const slow = await client('beta', BOB).uploadMedia({
      bytes: SAMPLE_JPEG,
      contentType: 'image/jpeg',
      filename: 'b.jpg',
    });
    expect(slow.url).toEqual(expect.any(String));
    expect(sim.state.requests.map((request) => `${request.method} ${request.status}`)).toEqual([
      'POST 202',
      'GET 206',
      'GET 206',
      'GET 200',
    ]);
  });

  it('gives up on media that stays in processing, before posting anything', async () => {
    const error = await expectAppError(
      client('alpha', ALICE, 1).uploadMedia({
        bytes: SAMPLE_MP4,
        contentType: 'video/mp4',
        filename: 'v.mp4',
      }),
    );
    expect(error).toMatchObject({
      code: 'platform_error',
      message: expect.stringContaining('still processing'),
    });
  });

  it('posts with media and an Idempotency-Key, and a repeat returns the same status', async () => {
    const media = await client('alpha', ALICE).uploadMedia({
      bytes: SAMPLE_JPEG,
      contentType: 'image/jpeg',
      filename: 'c.jpg',
    });
    const input = {
      status: 'Hello <you>\nsecond line',
      visibility: 'unlisted' as const,
      spoilerText: 'test',
      language: 'en',
      mediaIds: [media.id],
      idempotencyKey: 'idem-key-0001',
    };
    const first = await client('alpha', ALICE).createStatus(input);
    const again = await client('alpha', ALICE).createStatus(input);
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({
      visibility: 'unlisted',
      spoiler_text: 'test',
      language: 'en',
      media_attachments: [{ id: media.id }],
    });
    expect(statusText(first)).toBe('Hello <you>\nsecond line');
    const posts = sim.state.log
      .list('mastodon')
      .filter((request) => request.path.endsWith('/api/v1/statuses'));
    expect(posts.map((request) => request.headers?.['idempotency-key'])).toEqual([
      'idem-key-0001',
      'idem-key-0001',
    ]);
  });

  it('pages the account timeline with max_id from the Link header', async () => {
    const alice = client('alpha', ALICE);
    const me = await alice.verifyCredentials();
    for (const text of ['one', 'two', 'three'])
      await alice.createStatus({ status: text, visibility: 'public' });
    const first = await alice.getAccountStatuses(me.id, { limit: 2 });
    expect(first.statuses.map(statusText)).toEqual(['three', 'two']);
    expect(first.nextMaxId).toBe(first.statuses[1]!.id);
    const second = await alice.getAccountStatuses(me.id, { limit: 2, maxId: first.nextMaxId! });
    expect(statusText(second.statuses[0]!)).toBe('one');
  });

  it('maps the character limit, rate limits and revoked tokens, never echoing the token', async () => {
    const tooLong = await expectAppError(
      client('alpha', ALICE).createStatus({ status: 'x'.repeat(501), visibility: 'public' }),
    );
    expect(tooLong).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('character limit of 500'),
    });
    sim.state.injectFault({ platform: 'mastodon', kind: 'rate_limit', regain_access_minutes: 3 });
    const limited = await expectAppError(client('alpha', ALICE).verifyCredentials());
    expect(limited.code).toBe('rate_limited');
    expect(limited.retryAfterS).toBeGreaterThan(170);
    sim.state.mastodon.registerAccount('alpha', { access_token: 'revoked-canary-0000', username: 'rev' });
    sim.state.mastodon.revokeToken('alpha', 'revoked-canary-0000');
    const revoked = await expectAppError(client('alpha', 'revoked-canary-0000').verifyCredentials());
    expect(revoked).toMatchObject({
      code: 'reconnect_required',
      message: expect.stringContaining('revoked'),
    });
    expect(errorSurface(revoked)).not.toContain('revoked-canary-0000');
  });
});
