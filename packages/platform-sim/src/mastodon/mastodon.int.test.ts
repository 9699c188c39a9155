// Simulated Mastodon instances: separate worlds per instance, limits, media processing, idempotency, rate limits.
import { SAMPLE_JPEG, SAMPLE_MP4 } from '../admin/sample-media';
import { startPlatformSim, type PlatformSim } from '../server';

let sim: PlatformSim;
const ALICE = 'alice-token-0123456789';
const BOB = 'bob-token-0123456789';

interface Answer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

async function call(
  instance: string,
  method: string,
  path: string,
  options: { token?: string | null; body?: unknown; form?: FormData; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const response = await fetch(`${sim.mastodonUrl(instance)}${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    body: options.form ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

const imageForm = (bytes: Buffer = SAMPLE_JPEG, type = 'image/jpeg', description?: string) => {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type }), 'upload');
  if (description) form.append('description', description);
  return form;
};

beforeAll(async () => {
  sim = await startPlatformSim();
  sim.state.mastodon.configureInstance({ name: 'alpha', max_characters: 500 });
  sim.state.mastodon.configureInstance({ name: 'beta', max_characters: 1000, media_processing_reads: 2 });
  sim.state.mastodon.registerAccount('alpha', {
    access_token: ALICE,
    username: 'alice',
    followers_count: 12,
  });
  sim.state.mastodon.registerAccount('beta', { access_token: BOB, username: 'bob' });
});
afterAll(() => sim.close());
beforeEach(() => sim.state.clearFaults());

describe('instances', () => {
  it('announces each instance its own character limit in /api/v2/instance, without a token', async () => {
    const alpha = await call('alpha', 'GET', '/api/v2/instance');
    const beta = await call('beta', 'GET', '/api/v2/instance');
    expect(alpha.body.configuration.statuses).toEqual({
      max_characters: 500,
      max_media_attachments: 4,
      characters_reserved_per_url: 23,
    });
    expect(beta.body.configuration.statuses.max_characters).toBe(1000);
  });

  it('keeps tokens per instance: a token of one is invalid on the other', async () => {
    expect(
      (await call('alpha', 'GET', '/api/v1/accounts/verify_credentials', { token: ALICE })).body,
    ).toMatchObject({
      username: 'alice',
      acct: 'alice',
      followers_count: 12,
      source: expect.any(Object),
    });
    const crossed = await call('beta', 'GET', '/api/v1/accounts/verify_credentials', { token: ALICE });
    expect(crossed.status).toBe(401);
    expect(crossed.body).toEqual({ error: 'The access token is invalid' });
    expect((await call('nowhere', 'GET', '/api/v2/instance')).status).toBe(404);
  });

  it('answers revoked and expired tokens with Doorkeeper messages', async () => {
    sim.state.mastodon.registerAccount('alpha', { access_token: 'carol-token-000000', username: 'carol' });
    sim.state.mastodon.revokeToken('alpha', 'carol-token-000000');
    const revoked = await call('alpha', 'GET', '/api/v1/accounts/verify_credentials', {
      token: 'carol-token-000000',
    });
    expect(revoked.body).toEqual({ error: 'The access token was revoked' });
    sim.state.mastodon.registerAccount('alpha', {
      access_token: 'dave-token-0000000',
      username: 'dave',
      token_expires_at: '2024-01-01T00:00:00Z',
    });
    const expired = await call('alpha', 'GET', '/api/v1/accounts/verify_credentials', {
      token: 'dave-token-0000000',
    });
    expect(expired).toMatchObject({ status: 401, body: { error: 'The access token expired' } });
  });
});

describe('statuses', () => {
  it('posts a status and lists it on the account, newest first, with counts', async () => {
    const posted = await call('alpha', 'POST', '/api/v1/statuses', {
      token: ALICE,
      body: {
        status: 'Hello <fediverse>\nline two',
        visibility: 'unlisted',
        language: 'en',
        spoiler_text: 'cw',
      },
    });
    expect(posted.status).toBe(200);
    expect(posted.body).toMatchObject({
      id: expect.stringMatching(/^\d+$/),
      visibility: 'unlisted',
      language: 'en',
      spoiler_text: 'cw',
      sensitive: true,
      content: '<p>Hello &lt;fediverse&gt;<br />line two</p>',
      url: `${sim.mastodonUrl('alpha')}/@alice/${posted.body.id}`,
      replies_count: expect.any(Number),
      reblogs_count: expect.any(Number),
      favourites_count: expect.any(Number),
    });
    expect(posted.headers.get('x-ratelimit-limit')).toBe('300');
    const accountId = posted.body.account.id as string;
    const listed = await call('alpha', 'GET', `/api/v1/accounts/${accountId}/statuses?limit=5`, {
      token: ALICE,
    });
    expect(listed.body[0].id).toBe(posted.body.id);
  });

  it('enforces the instance limit over text + spoiler, counting a URL as 23 characters', async () => {
    const over = await call('alpha', 'POST', '/api/v1/statuses', {
      token: ALICE,
      body: { status: 'x'.repeat(501) },
    });
    expect(over).toMatchObject({
      status: 422,
      body: { error: 'Validation failed: Text character limit of 500 exceeded' },
    });
    const spoiler = await call('alpha', 'POST', '/api/v1/statuses', {
      token: ALICE,
      body: { status: 'x'.repeat(490), spoiler_text: 'y'.repeat(11) },
    });
    expect(spoiler.status).toBe(422);
    const url = `https://example.com/${'a'.repeat(600)}`;
    expect(
      (await call('alpha', 'POST', '/api/v1/statuses', { token: ALICE, body: { status: url } })).status,
    ).toBe(200);
    expect(
      (await call('beta', 'POST', '/api/v1/statuses', { token: BOB, body: { status: 'x'.repeat(900) } }))
        .status,
    ).toBe(200);
  });

  it('honours Idempotency-Key per account for an hour', async () => {
    const send = (token: string, instance: string) =>
      call(instance, 'POST', '/api/v1/statuses', {
        token,
        body: { status: `Once ${instance}` },
        headers: { 'Idempotency-Key': 'same-key-123' },
      });
    const first = await send(ALICE, 'alpha');
    const second = await send(ALICE, 'alpha');
    expect(second.body.id).toBe(first.body.id);
    const elsewhere = await send(BOB, 'beta');
    expect(elsewhere.body.content).toBe('<p>Once beta</p>');
  });

  it('rejects a blank status, an unknown visibility and media that is not the caller’s', async () => {
    expect(
      (await call('alpha', 'POST', '/api/v1/statuses', { token: ALICE, body: { status: '  ' } })).body,
    ).toEqual({
      error: "Validation failed: Text can't be blank",
    });
    expect(
      (
        await call('alpha', 'POST', '/api/v1/statuses', {
          token: ALICE,
          body: { status: 'x', visibility: 'everyone' },
        })
      ).status,
    ).toBe(422);
    const missing = await call('alpha', 'POST', '/api/v1/statuses', {
      token: ALICE,
      body: { status: 'x', media_ids: ['1'] },
    });
    expect(missing.status).toBe(422);
  });
});

describe('media', () => {
  it('processes an image synchronously (200 with a url) where the instance does', async () => {
    const uploaded = await call('alpha', 'POST', '/api/v2/media', {
      token: ALICE,
      form: imageForm(SAMPLE_JPEG, 'image/jpeg', 'alt'),
    });
    expect(uploaded.status).toBe(200);
    expect(uploaded.body).toMatchObject({
      type: 'image',
      url: expect.stringContaining('/system/media_attachments/'),
      description: 'alt',
    });
    const file = await fetch(uploaded.body.url);
    expect(file.headers.get('content-type')).toBe('image/jpeg');
    const posted = await call('alpha', 'POST', '/api/v1/statuses', {
      token: ALICE,
      body: { status: 'with image', media_ids: [uploaded.body.id] },
    });
    expect(posted.body.media_attachments).toEqual([expect.objectContaining({ id: uploaded.body.id })]);
  });

  it('answers 202, then 206 while processing, refuses to post it early, then 200', async () => {
    const uploaded = await call('beta', 'POST', '/api/v2/media', { token: BOB, form: imageForm() });
    expect(uploaded.status).toBe(202);
    expect(uploaded.body.url).toBeNull();
    const early = await call('beta', 'POST', '/api/v1/statuses', {
      token: BOB,
      body: { status: 'x', media_ids: [uploaded.body.id] },
    });
    expect(early.body).toEqual({
      error: 'Cannot attach files that have not finished processing. Try again in a moment!',
    });
    const reads = [];
    for (let i = 0; i < 3; i += 1)
      reads.push((await call('beta', 'GET', `/api/v1/media/${uploaded.body.id}`, { token: BOB })).status);
    expect(reads).toEqual([206, 206, 200]);
    const posted = await call('beta', 'POST', '/api/v1/statuses', {
      token: BOB,
      body: { status: 'x', media_ids: [uploaded.body.id] },
    });
    expect(posted.status).toBe(200);
  });

  it('processes video asynchronously and refuses bytes that are no media', async () => {
    expect(
      (
        await call('alpha', 'POST', '/api/v2/media', {
          token: ALICE,
          form: imageForm(SAMPLE_MP4, 'video/mp4'),
        })
      ).status,
    ).toBe(202);
    const junk = await call('alpha', 'POST', '/api/v2/media', {
      token: ALICE,
      form: imageForm(Buffer.from('hello'), 'image/jpeg'),
    });
    expect(junk).toMatchObject({
      status: 422,
      body: { error: expect.stringContaining('File content type is invalid') },
    });
  });
});

describe('rate limits', () => {
  it('counts requests per account per window and answers 429 with the reset time', async () => {
    sim.state.mastodon.configureInstance({ name: 'tiny', rate_limit: 2 });
    sim.state.mastodon.registerAccount('tiny', { access_token: 'tiny-token-000000', username: 'tiny' });
    const verify = () =>
      call('tiny', 'GET', '/api/v1/accounts/verify_credentials', { token: 'tiny-token-000000' });
    expect((await verify()).headers.get('x-ratelimit-remaining')).toBe('1');
    expect((await verify()).status).toBe(200);
    const limited = await verify();
    expect(limited).toMatchObject({ status: 429, body: { error: 'Too many requests' } });
    expect(Date.parse(limited.headers.get('x-ratelimit-reset')!)).toBeGreaterThan(Date.now());
    expect((await call('alpha', 'GET', '/api/v1/accounts/verify_credentials', { token: ALICE })).status).toBe(
      200,
    );
  });

  it('answers an injected rate limit with X-RateLimit-Reset minutes ahead', async () => {
    sim.state.injectFault({ platform: 'mastodon', kind: 'rate_limit', regain_access_minutes: 2 });
    const limited = await call('alpha', 'GET', '/api/v1/accounts/verify_credentials', { token: ALICE });
    expect(limited.status).toBe(429);
    const waitS = (Date.parse(limited.headers.get('x-ratelimit-reset')!) - Date.now()) / 1000;
    expect(waitS).toBeGreaterThan(100);
    expect(waitS).toBeLessThanOrEqual(120);
  });
});
