// The seed's plain form on POST /mcp and GET /health over real HTTP: results, every error status, limits, auth.
import { findFreePort } from '@socialvault/common/testing';
import { AUTH_TOKEN, useHttpHarness } from '../../test/fixtures/http-harness';

const h = useHttpHarness();

describe('plain form on POST /mcp', () => {
  it('answers 200 with the tool result, with or without params', async () => {
    const withParams = await h.plain(h.server, { method: 'echo_account', params: { note: 'n8n' } });
    expect(withParams.status).toBe(200);
    expect(withParams.body).toEqual({
      account_id: '1789',
      username: 'shop',
      note: 'n8n',
      api_url: 'https://api.example.test',
    });
    const bare = await h.plain(h.server, { method: 'echo_account' });
    expect(bare.status).toBe(200);
    expect(bare.body.account_id).toBe('1789');
  });

  it("accepts MCP's tools/call shape without jsonrpc", async () => {
    const response = await h.plain(h.server, {
      method: 'tools/call',
      params: { name: 'echo_account', arguments: { note: 'rpc-ish' } },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ account_id: '1789', note: 'rpc-ish' });
  });

  it('lists tools for {"method":"tools/list"}', async () => {
    const listed = await h.plain(h.server, { method: 'tools/list' });
    expect(listed.status).toBe(200);
    expect(listed.body.tools).toHaveLength(5);
    expect(listed.body.tools[0]).toMatchObject({ name: 'echo_account', inputSchema: { type: 'object' } });
  });

  it('400 invalid_input naming the field', async () => {
    const response = await h.plain(h.server, {
      method: 'publish_thing',
      params: { image_url: 'https://a.example/x.jpg', caption: 'x'.repeat(21) },
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: {
        code: 'invalid_input',
        message: 'Invalid arguments for publish_thing: caption: must be at most 20 characters (got 21)',
        hint: 'caption: Caption, at most 20 characters',
      },
    });
  });

  it.each([
    ['CR/LF inside', '1789\r\nX-Injected: 1'],
    ['a trailing LF', '1789\n'],
    ['U+202E (right-to-left override)', '1789\u202e'],
    ['U+2066 (left-to-right isolate)', '\u20661789'],
    ['U+2028 (line separator)', '17\u202889'],
    ['U+2029 (paragraph separator)', '1789\u2029'],
    ['NUL', '17\u000089'],
  ])('400 invalid_input for an account_id with %s, before the vault is asked', async (_what, accountId) => {
    const response = await h.plain(h.server, { method: 'echo_account', params: { account_id: accountId } });
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({
      code: 'invalid_input',
      message:
        'Invalid arguments for echo_account: account_id: must not contain control characters, line or ' +
        'paragraph separators, or bidirectional formatting characters',
      hint: expect.stringMatching(/^account_id: Which connected account/),
    });
    expect(h.vault.requests).toHaveLength(0);
  });

  it('401 reconnect_required when the vault marks the token expired', async () => {
    h.vault.credentials[0]!.token_expired = true;
    const fresh = await h.startServer();
    const response = await h.plain(fresh, { method: 'echo_account', params: {} });
    expect(response.status).toBe(401);
    expect(response.body.error).toMatchObject({
      code: 'reconnect_required',
      hint: expect.stringMatching(/broker/),
    });
  });

  it('404 not_found for an unknown method, listing the tools', async () => {
    const response = await h.plain(h.server, { method: 'get_account_insights', params: {} });
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('not_found');
    expect(response.body.error.hint).toContain('echo_account, fail_with, crash, leak_token, publish_thing');
  });

  it('409 when several accounts are connected and no account_id is given; account_id picks one', async () => {
    h.vault.credentials.push({
      platform: 'instagram',
      account_id: '2001',
      access_token: 'IGQVsecond-0123456789',
      username: 'b',
    });
    const fresh = await h.startServer();
    const response = await h.plain(fresh, { method: 'echo_account' });
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({ code: 'conflict', hint: expect.stringContaining('2001') });
    const chosen = await h.plain(fresh, { method: 'echo_account', params: { account_id: '2001' } });
    expect(chosen.status).toBe(200);
    expect(chosen.body.username).toBe('b');
  });

  it('429 rate_limited with retry_after_s and Retry-After', async () => {
    const response = await h.plain(h.server, {
      method: 'fail_with',
      params: { code: 'rate_limited', retry_after_s: 12.2 },
    });
    expect(response.status).toBe(429);
    expect(response.body.error).toMatchObject({ code: 'rate_limited', retry_after_s: 13 });
    expect(response.headers.get('retry-after')).toBe('13');
  });

  it('502 platform_error for a crashing tool', async () => {
    const response = await h.plain(h.server, { method: 'crash', params: {} });
    expect(response.status).toBe(502);
    expect(response.body.error.code).toBe('platform_error');
  });

  it('503 vault_unavailable when the vault is down', async () => {
    const down = await h.startServer({ VAULT_URL: `http://127.0.0.1:${await findFreePort()}` });
    const response = await h.plain(down, { method: 'echo_account', params: {} });
    expect(response.status).toBe(503);
    expect(response.body.error).toMatchObject({
      code: 'vault_unavailable',
      hint: expect.stringMatching(/VAULT_URL/),
    });
  });

  it('415 for a non-JSON body, 413 over MCP_MAX_BODY_MIB, 400 for broken JSON or a body without method', async () => {
    const text = await fetch(h.server.mcpUrl, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hi',
    });
    expect(text.status).toBe(415);
    const small = await h.startServer({ MCP_MAX_BODY_MIB: '1' });
    const big = await h.plain(small, {
      method: 'echo_account',
      params: { note: 'x'.repeat(1_100_000) },
    });
    expect(big.status).toBe(413);
    expect(big.body.error.hint).toContain('at most 1 MiB');
    expect((await h.plain(h.server, '{"method":')).status).toBe(400);
    const noMethod = await h.plain(h.server, { params: {} });
    expect(noMethod.status).toBe(400);
    expect(noMethod.body.error.hint).toContain('echo_account');
  });
});

describe('health and auth', () => {
  it('reports health with the vault reachable, and degraded (still 200) when it is not', async () => {
    const healthy = await h.get(`${h.server.url}/health`);
    expect(healthy.status).toBe(200);
    expect(healthy.body).toEqual({
      status: 'ok',
      server: 'socialvault-test',
      version: '0.0.1',
      platform: 'instagram',
      tools: 5,
      vault: { reachable: true },
    });
    const down = await h.startServer({ VAULT_URL: `http://127.0.0.1:${await findFreePort()}` });
    const degraded = await h.get(`${down.url}/health`);
    expect(degraded.status).toBe(200);
    expect(degraded.body).toMatchObject({ status: 'degraded', vault: { reachable: false } });
  });

  it('requires MCP_AUTH_TOKEN as a bearer token on /mcp when set, but not on /health', async () => {
    const guarded = await h.startServer({ MCP_AUTH_TOKEN: AUTH_TOKEN });
    const missing = await h.plain(guarded, { method: 'echo_account' });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(missing.body.error).toEqual({
      code: 'unauthorized',
      message: 'Missing or wrong MCP auth token',
      hint: 'Send Authorization: Bearer <MCP_AUTH_TOKEN> (the token this server was started with).',
    });
    const wrong = await h.plain(guarded, { method: 'echo_account' }, { authorization: 'Bearer wrong-token' });
    expect(wrong.status).toBe(401);
    const ok = await h.plain(guarded, { method: 'echo_account' }, { authorization: `Bearer ${AUTH_TOKEN}` });
    expect(ok.status).toBe(200);
    expect((await h.get(`${guarded.url}/health`)).status).toBe(200);
  });
});
