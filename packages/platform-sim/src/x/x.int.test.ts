// The X simulator over HTTP: bearer tokens, scopes, media upload, posting rules, reads, rate limits, refresh.
import { SAMPLE_JPEG, startPlatformSim, type PlatformSim } from '../index';

const USER = '1500000000000000001';
const TOKEN = 'xat-simtesttoken0123456789';
let sim: PlatformSim;

interface Answer {
  status: number;
  headers: Headers;
  // X answers JSON; tests read fields off it freely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

async function x(
  method: string,
  path: string,
  body?: unknown,
  token: string | null = TOKEN,
): Promise<Answer> {
  const form = body instanceof FormData;
  const response = await fetch(`${sim.xUrl}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined && !form ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : form ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

function imageForm(bytes: Buffer = SAMPLE_JPEG, type = 'image/jpeg'): FormData {
  const form = new FormData();
  form.append('media', new Blob([bytes], { type }), 'sample.jpg');
  form.append('media_category', 'tweet_image');
  return form;
}

beforeAll(async () => {
  sim = await startPlatformSim();
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.state.reset();
  sim.state.registerXUser({
    access_token: TOKEN,
    user_id: USER,
    username: 'sim_x',
    name: 'Sim X',
    followers_count: 4200,
    refresh_token: 'rt-simtestrefresh0123456789',
    client_id: 'sim-x-client',
  });
});

describe('tokens, scopes and reads', () => {
  it('answers 401 problem JSON without, with an unknown and with an expired token', async () => {
    for (const token of [null, 'xat-unknown0123456789']) {
      const answer = await x('GET', '/2/users/me', undefined, token);
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({
        title: 'Unauthorized',
        type: 'about:blank',
        status: 401,
        detail: 'Unauthorized',
      });
    }
    sim.state.x.tokens.expire(TOKEN);
    expect((await x('GET', '/2/users/me')).status).toBe(401);
  });

  it('serves /2/users/me with the requested user.fields and rate-limit headers', async () => {
    const me = await x('GET', '/2/users/me?user.fields=public_metrics,description');
    expect(me.body.data).toMatchObject({
      id: USER,
      username: 'sim_x',
      name: 'Sim X',
      public_metrics: { followers_count: 4200, tweet_count: 0 },
    });
    expect(me.headers.get('x-rate-limit-limit')).toBe('75');
    expect(me.headers.get('x-rate-limit-remaining')).toBe('74');
    expect(Number(me.headers.get('x-rate-limit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect((await x('GET', '/2/users/me?user.fields=email')).status).toBe(400);
  });

  it('refuses a call the token has no scope for with 403', async () => {
    sim.state.registerXUser({
      access_token: 'xat-readonly0123456789',
      user_id: USER,
      username: 'sim_x',
      name: 'Sim X',
      scopes: 'tweet.read users.read',
    });
    const answer = await x('POST', '/2/tweets', { text: 'no scope' }, 'xat-readonly0123456789');
    expect(answer.status).toBe(403);
  });
});

describe('media and posting', () => {
  it('uploads an image, posts with it once, and refuses media ids never uploaded or used twice', async () => {
    const upload = await x('POST', '/2/media/upload', imageForm());
    expect(upload.status).toBe(200);
    expect(upload.body.data).toMatchObject({
      id: expect.stringMatching(/^\d{19}$/),
      media_key: expect.any(String),
      size: SAMPLE_JPEG.length,
      image: { image_type: 'image/jpeg', w: 320, h: 320 },
    });
    const mediaId = upload.body.data.id as string;

    const never = await x('POST', '/2/tweets', {
      text: 'ghost media',
      media: { media_ids: ['1799999999999999999'] },
    });
    expect(never.status).toBe(400);
    expect(never.body.errors[0].message).toBe('Your media IDs are invalid.');

    const created = await x('POST', '/2/tweets', { text: 'With a picture', media: { media_ids: [mediaId] } });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      id: expect.stringMatching(/^\d{19}$/),
      text: 'With a picture',
    });
    const reused = await x('POST', '/2/tweets', {
      text: 'same media again',
      media: { media_ids: [mediaId] },
    });
    expect(reused.status).toBe(400);

    const read = await x(
      'GET',
      `/2/tweets/${created.body.data.id}?tweet.fields=public_metrics,attachments,created_at`,
    );
    expect(read.body.data).toMatchObject({
      text: 'With a picture',
      attachments: { media_keys: [`3_${mediaId}`] },
      public_metrics: { like_count: expect.any(Number), impression_count: expect.any(Number) },
    });
  });

  it('refuses non-images, text over 280 weighted characters and duplicate text', async () => {
    const notImage = await x('POST', '/2/media/upload', imageForm(Buffer.from('<html>'), 'image/jpeg'));
    expect(notImage.status).toBe(400);
    const long = await x('POST', '/2/tweets', { text: '日'.repeat(141) });
    expect(long.status).toBe(403);
    expect(long.body.detail).toContain('too long');
    expect(
      (await x('POST', '/2/tweets', { text: `${'a'.repeat(250)} https://example.com/${'b'.repeat(100)}` }))
        .status,
    ).toBe(201);
    expect((await x('POST', '/2/tweets', { text: 'Once' })).status).toBe(201);
    const twice = await x('POST', '/2/tweets', { text: 'Once' });
    expect(twice.status).toBe(403);
    expect(twice.body.detail).toBe('You are not allowed to create a Tweet with duplicate content.');
  });

  it('threads replies, and refuses a reply to a post that does not exist', async () => {
    const root = await x('POST', '/2/tweets', { text: 'Root' });
    const reply = await x('POST', '/2/tweets', {
      text: 'Reply',
      reply: { in_reply_to_tweet_id: root.body.data.id },
    });
    expect(reply.status).toBe(201);
    const read = await x(
      'GET',
      `/2/tweets/${reply.body.data.id}?tweet.fields=conversation_id,referenced_tweets`,
    );
    expect(read.body.data).toMatchObject({
      conversation_id: root.body.data.id,
      referenced_tweets: [{ type: 'replied_to', id: root.body.data.id }],
    });
    const orphan = await x('POST', '/2/tweets', {
      text: 'Orphan',
      reply: { in_reply_to_tweet_id: '1899999999999999999' },
    });
    expect(orphan.status).toBe(403);
  });

  it('pages the user timeline newest first with max_results 5..100 and answers missing posts with 200 + errors', async () => {
    for (let i = 1; i <= 7; i += 1) await x('POST', '/2/tweets', { text: `Post ${i}` });
    expect((await x('GET', `/2/users/${USER}/tweets?max_results=3`)).status).toBe(400);
    const first = await x(
      'GET',
      `/2/users/${USER}/tweets?max_results=5&tweet.fields=created_at,public_metrics`,
    );
    expect(first.body.data.map((p: { text: string }) => p.text)).toEqual([
      'Post 7',
      'Post 6',
      'Post 5',
      'Post 4',
      'Post 3',
    ]);
    expect(first.body.meta).toMatchObject({ result_count: 5, next_token: expect.any(String) });
    const second = await x(
      'GET',
      `/2/users/${USER}/tweets?max_results=5&pagination_token=${first.body.meta.next_token}`,
    );
    expect(second.body.data.map((p: { text: string }) => p.text)).toEqual(['Post 2', 'Post 1']);
    expect(second.body.meta.next_token).toBeUndefined();
    const until = await x('GET', `/2/users/${USER}/tweets?max_results=5&until_id=${first.body.data[1].id}`);
    expect(until.body.data[0].text).toBe('Post 5');
    const missing = await x('GET', '/2/tweets/1899999999999999999');
    expect(missing.status).toBe(200);
    expect(missing.body.errors[0]).toMatchObject({
      title: 'Not Found Error',
      type: 'https://api.twitter.com/2/problems/resource-not-found',
    });
  });
});

describe('rate limits, faults and refreshed tokens', () => {
  it('answers 429 with x-rate-limit-remaining 0 once the configured window is used up', async () => {
    await fetch(`${sim.url}/_sim/x/rate-limit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ endpoint: 'GET /2/users/me', limit: 1, window_s: 600 }),
    });
    expect((await x('GET', '/2/users/me')).status).toBe(200);
    const limited = await x('GET', '/2/users/me');
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ title: 'Too Many Requests', status: 429 });
    expect(limited.headers.get('x-rate-limit-remaining')).toBe('0');
    const resetIn = Number(limited.headers.get('x-rate-limit-reset')) - Date.now() / 1000;
    expect(resetIn).toBeGreaterThan(590);
    expect(resetIn).toBeLessThanOrEqual(601);
  });

  it('injects a one-off 429 resetting regain_access_minutes ahead, and a 503', async () => {
    sim.state.injectFault({ platform: 'x', kind: 'rate_limit', regain_access_minutes: 2 });
    const limited = await x('GET', '/2/users/me');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('x-rate-limit-reset')) - Date.now() / 1000).toBeGreaterThan(110);
    sim.state.injectFault({ platform: 'x', kind: 'server_error' });
    expect((await x('GET', '/2/users/me')).status).toBe(503);
    expect((await x('GET', '/2/users/me')).status).toBe(200);
  });

  it('accepts the access token of a refresh at /x/2/oauth2/token (rotating refresh tokens)', async () => {
    sim.state.oauth.registerApp({ endpoint: 'x', client_id: 'sim-x-client' });
    const [grant] = sim.state.oauth.grantsOf('x', USER);
    expect(grant).toMatchObject({ clientId: 'sim-x-client', refreshToken: 'rt-simtestrefresh0123456789' });
    const refreshed = await fetch(`${sim.url}/x/2/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: 'rt-simtestrefresh0123456789',
        client_id: 'sim-x-client',
      }),
    });
    expect(refreshed.status).toBe(200);
    const { access_token: fresh } = (await refreshed.json()) as { access_token: string };
    expect((await x('GET', '/2/users/me', undefined, fresh)).body.data).toMatchObject({ id: USER });
  });
});
