// Failure paths end to end, over MCP and in the seed's plain form: expired token, throttling, too-long text,
// private-address media, a sunset API version, and reading posts without the partner-only permission.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { sharedRateLimitMemory } from '@socialvault/platforms';
import { errorOf, resultOf } from '@socialvault/testkit';
import { brokerPayload, SCOPES, SUB, startLinkedInStack, type LinkedInStack } from '../test/fixtures';

let stack: LinkedInStack;
let client: Client;

beforeAll(async () => {
  stack = await startLinkedInStack('mcpli_fail');
  client = await stack.connect();
});
beforeEach(async () => {
  await stack.resetSim();
  sharedRateLimitMemory.clear();
});
afterAll(() => stack?.close());

describe('input checked before any LinkedIn call', () => {
  it('refuses text over 3,000 characters as invalid_input (400 in the plain form)', async () => {
    const error = errorOf(
      await client.callTool({ name: 'publish_post', arguments: { text: 'x'.repeat(3001) } }),
    );
    expect(error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('text: must be at most 3000 characters (got 3001)'),
    });
    const plain = await stack.plain({ method: 'publish_post', params: { text: '🚀'.repeat(3001) } });
    expect(plain.status).toBe(400);
    expect(plain.body.error).toMatchObject({ code: 'invalid_input' });
    expect(await stack.requests('linkedin')).toEqual([]);
  });

  it('refuses an image on a private or loopback address unless MEDIA_ALLOW_PRIVATE_URLS=true', async () => {
    const guarded = await stack.startServer({ MEDIA_ALLOW_PRIVATE_URLS: 'false' });
    const answer = await stack.plain(
      { method: 'publish_post', params: { text: 'Never posted', image_url: stack.sim.sampleImageUrl } },
      guarded,
    );
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^image_url: .*private or loopback/),
    });
    const mcp = errorOf(
      await (
        await stack.connect(guarded)
      ).callTool({
        name: 'publish_post',
        arguments: { text: 'Never posted', image_url: 'http://10.0.0.7/cat.jpg' },
      }),
    );
    expect(mcp.code).toBe('invalid_input');
    expect(await stack.requests('linkedin')).toEqual([]);
  });

  it('refuses an unknown visibility and an http image URL without ALLOW_INSECURE_URLS', async () => {
    const visibility = errorOf(
      await client.callTool({ name: 'publish_post', arguments: { text: 'x', visibility: 'EVERYONE' } }),
    );
    expect(visibility.code).toBe('invalid_input');
    const strict = await stack.startServer({ ALLOW_INSECURE_URLS: 'false' });
    const answer = await stack.plain(
      { method: 'publish_post', params: { text: 'x', image_url: 'http://example.com/a.jpg' } },
      strict,
    );
    expect(answer.body.error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('https://'),
    });
  });
});

describe('LinkedIn failures', () => {
  it('maps a throttled call to rate_limited with retry_after_s until midnight UTC (429 + Retry-After)', async () => {
    await stack.injectFault({ kind: 'rate_limit', times: 2 });
    const error = errorOf(await client.callTool({ name: 'publish_post', arguments: { text: 'Throttled' } }));
    expect(error).toMatchObject({ code: 'rate_limited', retry_after_s: expect.any(Number) });
    const untilMidnight =
      (Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 1) -
        Date.now()) /
      1000;
    expect(Math.abs(error.retry_after_s! - untilMidnight)).toBeLessThan(5);
    const plain = await stack.plain({ method: 'get_account' });
    expect(plain.status).toBe(429);
    expect(plain.headers.get('retry-after')).toBe(String(plain.body.error!.retry_after_s));
    // The Posts API said no until midnight: the next post is refused here, without a LinkedIn request.
    const early = errorOf(
      await client.callTool({ name: 'publish_post', arguments: { text: 'Still throttled' } }),
    );
    expect(early).toMatchObject({ code: 'rate_limited', message: expect.stringContaining('not sent') });
    expect(await stack.requests('linkedin')).toHaveLength(2);
  });

  it('answers reconnect_required for an expired token, and works again once the broker reconnects', async () => {
    await stack.admin('POST', '/linkedin/tokens/expire', { access_token: stack.accessToken });
    const error = errorOf(await client.callTool({ name: 'publish_post', arguments: { text: 'Expired' } }));
    expect(error).toMatchObject({
      code: 'reconnect_required',
      message: expect.stringContaining('EXPIRED_ACCESS_TOKEN'),
      hint: expect.stringContaining('OAuth broker'),
    });
    expect((await stack.plain({ method: 'get_account' })).status).toBe(401);

    const renewed = `AQVrenewed${Date.now()}abcdef0123456789`;
    stack.trackSecret(renewed);
    await stack.admin('POST', '/linkedin/tokens', { access_token: renewed, sub: SUB, scopes: SCOPES });
    expect((await stack.brokerPost(brokerPayload(SUB, renewed, SCOPES))).status).toBe(201);
    const published = resultOf(
      await client.callTool({ name: 'publish_post', arguments: { text: 'Back again' } }),
    );
    expect(published.post_urn).toEqual(expect.any(String));
    expect((await stack.requests('linkedin')).at(-1)!.token).toBe(renewed);
  });

  it('answers reconnect_required without calling LinkedIn when the vault holds an expired credential', async () => {
    const payload = {
      ...brokerPayload('staleMember', `AQVstale${Date.now()}abcdef0123`, SCOPES),
      expires_in: undefined,
      expires_at: '2024-01-01T00:00:00Z',
    };
    stack.trackSecret(payload.access_token);
    expect((await stack.brokerPost(payload)).status).toBe(201);
    const plain = await stack.plain({
      method: 'publish_post',
      params: { account_id: 'staleMember', text: 'x' },
    });
    expect(plain.status).toBe(401);
    expect(plain.body.error).toMatchObject({ code: 'reconnect_required' });
    expect(await stack.requests('linkedin')).toEqual([]);
  });

  it('says plainly that a sunset LINKEDIN_VERSION must be bumped (LinkedIn answers 426)', async () => {
    const outdated = await stack.startServer({ LINKEDIN_VERSION: '202401' });
    const answer = await stack.plain(
      { method: 'publish_post', params: { account_id: SUB, text: 'Old version' } },
      outdated,
    );
    expect(answer.status).toBe(502);
    expect(answer.body.error).toMatchObject({
      code: 'platform_error',
      message: expect.stringContaining('Requested version 20240101 is not active'),
      hint: expect.stringContaining('LINKEDIN_VERSION'),
    });
  });

  it('explains that reading posts needs r_member_social when the app only has w_member_social', async () => {
    await stack.connectMember({
      sub: 'shareOnly',
      name: 'Sam',
      scopes: ['openid', 'profile', 'w_member_social'],
    });
    const error = errorOf(
      await client.callTool({ name: 'get_recent_posts', arguments: { account_id: 'shareOnly' } }),
    );
    expect(error).toMatchObject({
      code: 'platform_error',
      hint: expect.stringContaining('approved partner'),
    });
    const published = resultOf(
      await client.callTool({
        name: 'publish_post',
        arguments: { account_id: 'shareOnly', text: 'Sharing still works' },
      }),
    );
    expect(published.author_urn).toBe('urn:li:person:shareOnly');
  });
});

describe('canary', () => {
  it('never lets a secret cross the wire or reach a log line', () => {
    expect(stack.leakedSecrets()).toEqual([]);
  });
});
