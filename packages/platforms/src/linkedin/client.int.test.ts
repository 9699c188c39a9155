// LinkedInClient against the strict simulator: headers, image upload, little text, reads, errors.
import {
  SAMPLE_JPEG,
  latestLinkedInVersion,
  startPlatformSim,
  type PlatformSim,
} from '@socialvault/platform-sim';
import { errorSurface, expectAppError } from '../../test/fixtures';
import { DEFAULT_LINKEDIN_VERSION } from './limits';
import { LinkedInClient } from './client';
import { LinkedInHttp } from './http';

let sim: PlatformSim;
const TOKEN = 'AQVcanary0123456789abcdef';
const SUB = 'liSub42';
const AUTHOR = `urn:li:person:${SUB}`;
const client = (overrides: { accessToken?: string; version?: string } = {}) =>
  new LinkedInClient({
    baseUrl: sim.linkedinUrl,
    version: overrides.version ?? DEFAULT_LINKEDIN_VERSION,
    accessToken: overrides.accessToken ?? TOKEN,
  });

beforeAll(async () => {
  sim = await startPlatformSim();
  sim.state.linkedin.registerMember({
    access_token: TOKEN,
    sub: SUB,
    name: 'Grace Hopper',
    scopes: 'openid profile email w_member_social r_member_social',
  });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.state.clearRequests();
  sim.state.clearFaults();
});

describe('LinkedInClient', () => {
  it('uses a version the simulator (and LinkedIn) still serves', () => {
    // LinkedIn sunsets monthly versions after about a year: when this fails, bump DEFAULT_LINKEDIN_VERSION.
    const current =
      Number(latestLinkedInVersion().slice(0, 4)) * 12 + Number(latestLinkedInVersion().slice(4, 6));
    const chosen =
      Number(DEFAULT_LINKEDIN_VERSION.slice(0, 4)) * 12 + Number(DEFAULT_LINKEDIN_VERSION.slice(4, 6));
    expect(current - chosen).toBeLessThan(12);
  });

  it('finds the author URN from userinfo, or takes the one it is given', async () => {
    expect(await client().authorUrn()).toBe(AUTHOR);
    expect(await client().authorUrn('urn:li:person:given')).toBe('urn:li:person:given');
    expect(sim.state.requests.map((r) => r.path)).toEqual(['/linkedin/v2/userinfo']);
  });

  it('publishes text with an image: initializeUpload, PUT bytes, then the post, all versioned', async () => {
    const text = 'Shipping (finally) #socialvault @everyone';
    const published = await client().publishPost({
      author: AUTHOR,
      text,
      visibility: 'CONNECTIONS',
      image: { bytes: SAMPLE_JPEG, contentType: 'image/jpeg', altText: 'A gradient' },
    });
    expect(published).toEqual({
      postUrn: expect.stringMatching(/^urn:li:share:\d+$/),
      postUrl: `https://www.linkedin.com/feed/update/${published.postUrn}/`,
      imageUrn: expect.stringMatching(/^urn:li:image:/),
    });
    const [init, upload, post] = sim.state.log.list('linkedin');
    expect(init).toMatchObject({
      method: 'POST',
      path: '/linkedin/rest/images',
      query: { action: 'initializeUpload' },
    });
    expect(upload).toMatchObject({ method: 'PUT', token: TOKEN, status: 201 });
    expect(post).toMatchObject({
      path: '/linkedin/rest/posts',
      status: 201,
      headers: { 'linkedin-version': DEFAULT_LINKEDIN_VERSION, 'x-restli-protocol-version': '2.0.0' },
      body: expect.objectContaining({
        visibility: 'CONNECTIONS',
        commentary: 'Shipping \\(finally\\) {hashtag|\\#|socialvault} \\@everyone',
        content: { media: { id: published.imageUrn, altText: 'A gradient' } },
      }),
    });
  });

  it('reads recent posts back with their text and engagement', async () => {
    await client().publishPost({ author: AUTHOR, text: 'Second post (plain)', visibility: 'PUBLIC' });
    const page = await client().getRecentPosts(AUTHOR, { count: 1 });
    expect(page.nextStart).toBe(1);
    expect(page.posts[0]).toMatchObject({
      text: 'Second post (plain)',
      visibility: 'PUBLIC',
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      engagement: {
        totalReactions: expect.any(Number),
        comments: expect.any(Number),
        reactions: { LIKE: expect.any(Number) },
      },
    });
    const older = await client().getRecentPosts(AUTHOR, { count: 5, start: 1 });
    expect(older.posts[0]!.text).toBe('Shipping (finally) #socialvault @everyone');
    expect(older.nextStart).toBeNull();
  });

  it('explains that reading posts needs a partner-only permission when the token lacks it', async () => {
    sim.state.linkedin.addToken('AQVwriteonly000000000', SUB, ['openid', 'profile', 'w_member_social']);
    const error = await expectAppError(
      client({ accessToken: 'AQVwriteonly000000000' }).getRecentPosts(AUTHOR),
    );
    expect(error).toMatchObject({ code: 'platform_error', hint: expect.stringContaining('r_member_social') });
  });

  it('maps an expired token, a sunset version and throttling, never echoing the token', async () => {
    sim.state.linkedin.addToken('AQVexpired00000000000', SUB, ['openid', 'profile', 'w_member_social']);
    sim.state.linkedin.tokens.expire('AQVexpired00000000000');
    const expired = await expectAppError(
      client({ accessToken: 'AQVexpired00000000000' }).publishPost({
        author: AUTHOR,
        text: 'x',
        visibility: 'PUBLIC',
      }),
    );
    expect(expired).toMatchObject({
      code: 'reconnect_required',
      details: { linkedin_code: 'EXPIRED_ACCESS_TOKEN' },
    });
    expect(errorSurface(expired)).not.toContain('AQVexpired00000000000');

    const sunset = await expectAppError(
      client({ version: '202401' }).publishPost({ author: AUTHOR, text: 'x', visibility: 'PUBLIC' }),
    );
    expect(sunset).toMatchObject({ code: 'platform_error', details: { http_status: 426 } });

    sim.state.injectFault({ platform: 'linkedin', kind: 'rate_limit' });
    expect((await expectAppError(client().getUserInfo())).code).toBe('rate_limited');
  });

  it('checks the text before any call and never sends the token to an upload URL off LinkedIn', async () => {
    await expectAppError(
      client().publishPost({ author: AUTHOR, text: 'x'.repeat(3001), visibility: 'PUBLIC' }),
    );
    const http = new LinkedInHttp({
      baseUrl: sim.linkedinUrl,
      version: DEFAULT_LINKEDIN_VERSION,
      accessToken: TOKEN,
    });
    const offsite = await expectAppError(
      http.putBytes('http://uploads.example.net/put', SAMPLE_JPEG, 'image/jpeg', {
        operation: 'upload the image',
      }),
    );
    expect(offsite).toMatchObject({
      code: 'platform_error',
      details: { upload_host: 'uploads.example.net' },
    });
    expect(sim.state.requests).toEqual([]);
  });
});
