// The LinkedIn simulator is as strict as api.linkedin.com: tokens, version headers, schema, images, scopes.
import { startPlatformSim, type PlatformSim } from '../server';
import { latestLinkedInVersion } from './versions';

let sim: PlatformSim;
const TOKEN = 'AQVsimlinkedintoken0123456789';
const READER_TOKEN = 'AQVsimlinkedinreader0123456789';
const SUB = 'abc123XYZ';
const URN = `urn:li:person:${SUB}`;
const VERSION = latestLinkedInVersion();

interface Answer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

async function call(
  method: string,
  path: string,
  options: { token?: string | null; headers?: Record<string, string>; body?: unknown; raw?: Buffer } = {},
): Promise<Answer> {
  const token = options.token === undefined ? TOKEN : options.token;
  const response = await fetch(path.startsWith('http') ? path : `${sim.linkedinUrl}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    body: options.raw ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

const rest = { 'LinkedIn-Version': VERSION, 'X-Restli-Protocol-Version': '2.0.0' };
const post = (overrides: Record<string, unknown> = {}) => ({
  author: URN,
  commentary: 'Hello LinkedIn',
  visibility: 'PUBLIC',
  distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
  lifecycleState: 'PUBLISHED',
  isReshareDisabledByAuthor: false,
  ...overrides,
});

beforeAll(async () => {
  sim = await startPlatformSim();
  sim.state.linkedin.registerMember({
    access_token: TOKEN,
    sub: SUB,
    name: 'Ada Lovelace',
    email: 'ada@example.com',
  });
  sim.state.linkedin.addToken(READER_TOKEN, SUB, ['openid', 'profile', 'w_member_social', 'r_member_social']);
});
afterAll(() => sim.close());
beforeEach(() => sim.state.clearFaults());

describe('tokens', () => {
  it('answers userinfo for a known token, with the OIDC fields the scopes allow', async () => {
    const answer = await call('GET', '/v2/userinfo');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      sub: SUB,
      name: 'Ada Lovelace',
      locale: { country: 'US', language: 'en' },
      email: 'ada@example.com',
      email_verified: true,
    });
  });

  it('rejects a missing, unknown, expired and revoked token with 401 and LinkedIn error bodies', async () => {
    expect((await call('GET', '/v2/userinfo', { token: null })).body).toEqual({
      status: 401,
      serviceErrorCode: 401,
      message: 'Empty oauth2_access_token',
    });
    expect((await call('GET', '/v2/userinfo', { token: 'AQVnope0000000000' })).body).toMatchObject({
      status: 401,
      serviceErrorCode: 65600,
      code: 'INVALID_ACCESS_TOKEN',
    });
    sim.state.linkedin.registerMember({ access_token: 'AQVexpiring000000', sub: 'exp1', name: 'E' });
    sim.state.linkedin.tokens.expire('AQVexpiring000000');
    const expired = await call('GET', '/v2/userinfo', { token: 'AQVexpiring000000' });
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ serviceErrorCode: 65602, code: 'EXPIRED_ACCESS_TOKEN' });
    sim.state.linkedin.addToken('AQVrevoked0000000', 'exp1', ['openid']);
    sim.state.linkedin.tokens.revoke('AQVrevoked0000000');
    expect((await call('GET', '/v2/userinfo', { token: 'AQVrevoked0000000' })).body).toMatchObject({
      serviceErrorCode: 65601,
      code: 'REVOKED_ACCESS_TOKEN',
    });
  });
});

describe('version headers on /rest', () => {
  it('answers 400 VERSION_MISSING without LinkedIn-Version', async () => {
    const answer = await call('POST', '/rest/posts', {
      headers: { 'X-Restli-Protocol-Version': '2.0.0' },
      body: post(),
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      status: 400,
      code: 'VERSION_MISSING',
      message: 'A version must be present. Please specify a version by adding the LinkedIn-Version header.',
    });
  });

  it('answers 426 NONEXISTENT_VERSION for a sunset, a future and a malformed version', async () => {
    for (const [version, shown] of [
      ['202401', '20240101'],
      ['209912', '20991201'],
      ['2026-01', '2026-01'],
    ]) {
      const answer = await call('POST', '/rest/posts', {
        headers: { ...rest, 'LinkedIn-Version': version! },
        body: post(),
      });
      expect(answer.status).toBe(426);
      expect(answer.body).toEqual({
        status: 426,
        code: 'NONEXISTENT_VERSION',
        message: `Requested version ${shown} is not active`,
      });
    }
  });

  it('requires X-Restli-Protocol-Version: 2.0.0', async () => {
    const answer = await call('POST', '/rest/posts', {
      headers: { 'LinkedIn-Version': VERSION },
      body: post(),
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      code: 'ILLEGAL_ARGUMENT',
      message: expect.stringContaining('2.0.0'),
    });
  });
});

describe('posts', () => {
  it('creates a post: 201, empty body, the share URN in x-restli-id', async () => {
    const answer = await call('POST', '/rest/posts', { headers: rest, body: post() });
    expect(answer.status).toBe(201);
    expect(answer.body).toBeNull();
    expect(answer.headers.get('x-restli-id')).toMatch(/^urn:li:share:\d{19}$/);
  });

  it('lists schema problems as 422 ERROR lines', async () => {
    const { author: _author, visibility: _visibility, ...partial } = post();
    const answer = await call('POST', '/rest/posts', { headers: rest, body: { ...partial, colour: 'blue' } });
    expect(answer.status).toBe(422);
    expect(answer.body.message).toBe(
      'ERROR :: /colour :: unrecognized field found but not allowed\n' +
        'ERROR :: /author :: field is required but not found and has no default value\n' +
        'ERROR :: /visibility :: field is required but not found and has no default value\n',
    );
  });

  it('refuses commentary over 3,000 visible characters and another author', async () => {
    const long = await call('POST', '/rest/posts', {
      headers: rest,
      body: post({ commentary: 'x'.repeat(3001) }),
    });
    expect(long.status).toBe(422);
    expect(long.body.message).toContain('/commentary :: length 3001 exceeds maximum length 3000');
    const escaped = await call('POST', '/rest/posts', {
      headers: rest,
      body: post({ commentary: '\\('.repeat(1500) }),
    });
    expect(escaped.status).toBe(201);
    const other = await call('POST', '/rest/posts', {
      headers: rest,
      body: post({ author: 'urn:li:person:zzz' }),
    });
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ code: 'ACCESS_DENIED', serviceErrorCode: 100 });
  });

  it('keeps the commentary only up to the first unescaped reserved character, as LinkedIn does', async () => {
    await call('POST', '/rest/posts', {
      headers: rest,
      body: post({ commentary: 'Kept \\(this\\) but not (this)' }),
    });
    const admin = (await call('GET', `${sim.url}/_sim/linkedin/members/${SUB}`, { token: null })).body;
    expect(admin.posts[0]).toMatchObject({
      commentary: 'Kept \\(this\\) but not ',
      visible_text: 'Kept (this) but not ',
    });
  });

  it('reads posts by author only with r_member_social and an encoded author URN', async () => {
    const denied = await call('GET', `/rest/posts?q=author&author=${encodeURIComponent(URN)}`, {
      headers: rest,
    });
    expect(denied.status).toBe(403);
    const raw = await call('GET', `/rest/posts?q=author&author=${URN}`, {
      headers: rest,
      token: READER_TOKEN,
    });
    expect(raw.status).toBe(400);
    const page = await call('GET', `/rest/posts?q=author&author=${encodeURIComponent(URN)}&count=2`, {
      headers: rest,
      token: READER_TOKEN,
    });
    expect(page.status).toBe(200);
    expect(page.body.elements).toHaveLength(2);
    expect(page.body.elements[0]).toMatchObject({
      author: URN,
      visibility: 'PUBLIC',
      lifecycleState: 'PUBLISHED',
    });
    expect(page.body.paging).toMatchObject({
      start: 0,
      count: 2,
      links: [expect.objectContaining({ rel: 'next' })],
    });

    const ids = page.body.elements.map((element: { id: string }) => encodeURIComponent(element.id)).join(',');
    const metadata = await call('GET', `/rest/socialMetadata?ids=List(${ids})`, {
      headers: rest,
      token: READER_TOKEN,
    });
    expect(metadata.status).toBe(200);
    const first = metadata.body.results[page.body.elements[0].id];
    expect(first).toMatchObject({
      commentSummary: { count: expect.any(Number) },
      reactionSummaries: { LIKE: { count: expect.any(Number) } },
    });
  });
});

describe('images', () => {
  const initialize = (owner = URN) =>
    call('POST', '/rest/images?action=initializeUpload', {
      headers: rest,
      body: { initializeUploadRequest: { owner } },
    });

  it('initializes an upload, takes the JPEG bytes, and lets a post use the image', async () => {
    const init = await initialize();
    expect(init.status).toBe(200);
    expect(init.body.value).toEqual({
      uploadUrlExpiresAt: expect.any(Number),
      uploadUrl: expect.stringContaining(`${sim.linkedinUrl}/dms-uploads/`),
      image: expect.stringMatching(/^urn:li:image:/),
    });
    const early = await call('POST', '/rest/posts', {
      headers: rest,
      body: post({ content: { media: { id: init.body.value.image } } }),
    });
    expect(early.status).toBe(400);
    expect(early.body.message).toContain('WAITING_UPLOAD');

    const jpeg = await (await fetch(sim.sampleImageUrl)).arrayBuffer();
    const upload = await call('PUT', init.body.value.uploadUrl, {
      raw: Buffer.from(jpeg),
      headers: { 'content-type': 'image/jpeg' },
    });
    expect(upload.status).toBe(201);
    const again = await call('PUT', init.body.value.uploadUrl, { raw: Buffer.from(jpeg) });
    expect(again.status).toBe(400);

    const created = await call('POST', '/rest/posts', {
      headers: rest,
      body: post({ content: { media: { id: init.body.value.image, altText: 'A gradient' } } }),
    });
    expect(created.status).toBe(201);
  });

  it('refuses bytes that are no image and an owner that is not the caller', async () => {
    const init = await initialize();
    const upload = await call('PUT', init.body.value.uploadUrl, { raw: Buffer.from('not an image at all') });
    expect(upload.status).toBe(400);
    expect((await initialize('urn:li:person:someoneelse')).status).toBe(403);
  });
});

describe('faults', () => {
  it('answers 429 TOO_MANY_REQUESTS when a rate limit is injected', async () => {
    sim.state.injectFault({ platform: 'linkedin', kind: 'rate_limit' });
    const answer = await call('GET', '/v2/userinfo');
    expect(answer.status).toBe(429);
    expect(answer.body).toMatchObject({ serviceErrorCode: 101, code: 'TOO_MANY_REQUESTS' });
    expect((await call('GET', '/v2/userinfo')).status).toBe(200);
  });

  it('records each call with the version headers it carried', async () => {
    sim.state.clearRequests();
    await call('POST', '/rest/posts', { headers: rest, body: post({ commentary: 'recorded' }) });
    const [recorded] = sim.state.log.list('linkedin');
    expect(recorded).toMatchObject({
      method: 'POST',
      path: '/linkedin/rest/posts',
      token: TOKEN,
      status: 201,
      headers: { 'linkedin-version': VERSION, 'x-restli-protocol-version': '2.0.0' },
      body: expect.objectContaining({ commentary: 'recorded' }),
    });
  });
});

describe('tokens refreshed by the OAuth simulator', () => {
  it('accepts the access token the LinkedIn refresh grant issues, with the old token’s scopes', async () => {
    sim.state.linkedin.registerMember({ access_token: 'AQVbeforerefresh0000', sub: 'refresher', name: 'R' });
    sim.state.oauth.registerApp({
      endpoint: 'linkedin',
      client_id: 'li-app',
      client_secret: 'li-app-secret-000',
    });
    sim.state.oauth.registerGrant({
      endpoint: 'linkedin',
      account_ref: 'refresher',
      access_token: 'AQVbeforerefresh0000',
      refresh_token: 'AQWrefreshtoken00000',
      client_id: 'li-app',
    });
    const refreshed = await fetch(`${sim.url}/linkedin-oauth/oauth/v2/accessToken`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: 'AQWrefreshtoken00000',
        client_id: 'li-app',
        client_secret: 'li-app-secret-000',
      }).toString(),
    });
    expect(refreshed.status).toBe(200);
    const { access_token: fresh } = (await refreshed.json()) as { access_token: string };
    expect(fresh).not.toBe('AQVbeforerefresh0000');
    const me = await call('GET', '/v2/userinfo', { token: fresh });
    expect(me).toMatchObject({ status: 200, body: { sub: 'refresher', name: 'R' } });
    const posted = await call('POST', '/rest/posts', {
      token: fresh,
      headers: rest,
      body: post({ author: 'urn:li:person:refresher', commentary: 'after refresh' }),
    });
    expect(posted.status).toBe(201);
    expect((await call('GET', '/v2/userinfo', { token: 'AQVbeforerefresh0000' })).status).toBe(200);
  });
});
