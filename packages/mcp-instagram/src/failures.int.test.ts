// Failure paths end to end: expired or revoked tokens, the vault down, Graph throttling, a container in ERROR,
// several accounts; each as an MCP isError result and as the plain form's status.
import { findFreePort } from '@socialvault/common/testing';
import { sharedRateLimitMemory } from '@socialvault/platforms';
import { errorOf, IG_USER_ID, META_PAYLOAD, resultOf, useInstagramSession } from '../test/fixtures';

const ig = useInstagramSession('mcpig_fail');

describe('the vault', () => {
  it('answers vault_unavailable (503 in the plain form) when the vault is down, without calling Graph', async () => {
    const orphan = await ig.stack.startServer({ VAULT_URL: `http://127.0.0.1:${await findFreePort()}` });
    const orphanClient = await ig.stack.connect(orphan);
    const error = errorOf(await orphanClient.callTool({ name: 'get_account', arguments: {} }));
    expect(error).toMatchObject({ code: 'vault_unavailable', hint: expect.stringContaining('VAULT_URL') });

    const answer = await ig.stack.plain(
      { method: 'get_account_insights', params: { metrics: ['reach'] } },
      orphan,
    );
    expect(answer.status).toBe(503);
    expect(answer.body.error).toMatchObject({ code: 'vault_unavailable' });
    expect(await ig.stack.requests('instagram')).toEqual([]);
  });

  it('answers vault_unavailable when VAULT_TOKEN is not a service secret the vault knows', async () => {
    const stranger = await ig.stack.startServer({ VAULT_TOKEN: 'not-a-known-service-secret-000' });
    const answer = await ig.stack.plain({ method: 'get_account' }, stranger);
    expect(answer.status).toBe(503);
    expect(answer.body.error).toMatchObject({
      code: 'vault_unavailable',
      hint: expect.stringContaining('VAULT_TOKEN'),
    });
  });
});

describe('Graph failures', () => {
  it('maps a Graph rate limit to rate_limited with retry_after_s (429 and Retry-After in the plain form)', async () => {
    await ig.stack.injectFault({ kind: 'rate_limit', code: 4, regain_access_minutes: 2 });
    const error = errorOf(await ig.client.callTool({ name: 'get_recent_media', arguments: {} }));
    expect(error).toMatchObject({ code: 'rate_limited', retry_after_s: 120 });
    expect(error.message).toContain('Instagram could not list recent media');

    sharedRateLimitMemory.clear();
    await ig.stack.injectFault({ kind: 'rate_limit', code: 4, regain_access_minutes: 2 });
    const answer = await ig.stack.plain({ method: 'get_account' });
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('120');
    expect(answer.body.error).toMatchObject({ code: 'rate_limited', retry_after_s: 120 });
  });

  it('refuses early, with rate_limited and no Graph call, while Graph says the budget is spent', async () => {
    await ig.stack.injectFault({ kind: 'rate_limit', code: 4, regain_access_minutes: 2 });
    errorOf(await ig.client.callTool({ name: 'get_account', arguments: {} }));
    const early = await ig.stack.plain({
      method: 'publish_post',
      params: {
        image_url: ig.stack.sim.sampleImageUrl,
        caption: 'Not now',
        idempotency_key: 'early-refusal-1',
      },
    });
    expect(early.status).toBe(429);
    expect(Number(early.headers.get('retry-after'))).toBeGreaterThan(100);
    expect(early.body.error).toMatchObject({
      code: 'rate_limited',
      message: expect.stringContaining('the call was not sent'),
    });
    expect(await ig.stack.requests('instagram')).toHaveLength(1);
  });

  it('reports a container that ends in ERROR as platform_error and never calls media_publish', async () => {
    await ig.stack.injectFault({ kind: 'container_error' });
    const error = errorOf(
      await ig.client.callTool({
        name: 'publish_post',
        arguments: { image_url: ig.stack.sim.sampleImageUrl, caption: 'Will fail' },
      }),
    );
    expect(error).toMatchObject({ code: 'platform_error', message: expect.stringContaining('status ERROR') });
    const paths = (await ig.stack.requests('instagram')).map(
      (request) => `${request.method} ${request.path}`,
    );
    expect(paths[0]).toBe(`POST /v25.0/${IG_USER_ID}/media`);
    expect(paths.some((path) => path.endsWith('/media_publish'))).toBe(false);
  });

  it('reports an image URL Graph cannot fetch as invalid_input', async () => {
    const answer = await ig.stack.plain({
      method: 'publish_post',
      params: { image_url: `${ig.stack.sim.url}/_sim/no-such-image.jpg`, caption: 'Broken link' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('the media URL could not be fetched'),
    });
  });

  it('answers not_found (404) for a media id of no post of this account', async () => {
    const answer = await ig.stack.plain({
      method: 'get_media_insights',
      params: { media_id: '18099999999999999' },
    });
    expect(answer.status).toBe(404);
    expect(answer.body.error).toMatchObject({ code: 'not_found' });
  });
});

describe('expired and revoked tokens', () => {
  it('answers reconnect_required when Graph rejects the token, and uses the new token once the broker reconnects', async () => {
    await fetch(`${ig.stack.sim.url}/_sim/instagram/tokens/expire`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ access_token: ig.stack.accessToken }),
    });
    const error = errorOf(await ig.client.callTool({ name: 'get_account', arguments: {} }));
    expect(error).toMatchObject({
      code: 'reconnect_required',
      hint: expect.stringContaining('OAuth broker'),
    });
    const plain = await ig.stack.plain({ method: 'get_account' });
    expect(plain.status).toBe(401);
    expect(plain.body.error).toMatchObject({ code: 'reconnect_required' });

    // The user reconnects: the broker delivers a new token, which Graph accepts.
    const renewed = `EAArenewed${Date.now()}abcdef0123456789`;
    ig.stack.trackSecret(renewed);
    await ig.stack.admin('POST', '/instagram/accounts', {
      access_token: renewed,
      ig_user_id: IG_USER_ID,
      username: 'socialvault_e2e',
    });
    expect((await ig.stack.brokerPost({ ...META_PAYLOAD, access_token: renewed })).status).toBe(201);
    const account = resultOf(await ig.client.callTool({ name: 'get_account', arguments: {} }));
    expect(account).toMatchObject({ id: IG_USER_ID });
    // The kit dropped the rejected token from its cache instead of sending it again.
    expect((await ig.stack.requests('instagram')).map((request) => request.token).at(-1)).toBe(renewed);
  });

  it('answers reconnect_required without calling Graph when the vault serves an expired credential', async () => {
    const expired = {
      ...META_PAYLOAD,
      access_token: `EAAexpired${Date.now()}abcdef0123456789`,
      instagram_business_account_id: '17841400000000002',
      expires_in: undefined,
      token_expires_at: '2024-01-01T00:00:00Z',
    };
    ig.stack.trackSecret(expired.access_token);
    expect((await ig.stack.brokerPost(expired)).status).toBe(201);

    const error = errorOf(
      await ig.client.callTool({ name: 'get_account', arguments: { account_id: '17841400000000002' } }),
    );
    expect(error).toMatchObject({
      code: 'reconnect_required',
      message: 'The instagram account 17841400000000002 credential has expired or was revoked',
    });
    const plain = await ig.stack.plain({
      method: 'publish_post',
      params: {
        account_id: '17841400000000002',
        image_url: ig.stack.sim.sampleImageUrl,
        caption: 'Never sent',
      },
    });
    expect(plain.status).toBe(401);
    expect(await ig.stack.requests('instagram')).toEqual([]);
  });

  it('asks for account_id (409) once two accounts are connected, listing both', async () => {
    // A server without a cached credential, as after a restart.
    const fresh = await ig.stack.startServer();
    const answer = await ig.stack.plain({ method: 'get_account' }, fresh);
    expect(answer.status).toBe(409);
    expect(answer.body.error).toMatchObject({ code: 'conflict' });
    expect(answer.body.error!.hint).toContain(IG_USER_ID);
    expect(answer.body.error!.hint).toContain('17841400000000002');
    const chosen = await ig.stack.plain({ method: 'get_account', params: { account_id: IG_USER_ID } }, fresh);
    expect(chosen.status).toBe(200);
  });
});

describe('canary', () => {
  it('never lets a secret cross the wire or reach a log line', () => {
    expect(ig.stack.leakedSecrets()).toEqual([]);
  });
});
