// MCP over Streamable HTTP with the official SDK Client: listing, results, errors, cache, log lines, 405, auth.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { AUTH_TOKEN, errorOf, useHttpHarness } from '../../test/fixtures/http-harness';
import { rawPost } from '../../test/fixtures/raw-http';

const h = useHttpHarness();
let client: Client;

beforeAll(async () => {
  client = await h.connectClient(h.server);
});

describe('MCP over Streamable HTTP (SDK Client)', () => {
  it('lists tools with input and output schemas and the four annotation hints', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual([
      'echo_account',
      'fail_with',
      'crash',
      'leak_token',
      'publish_thing',
    ]);
    const echo = tools.find((tool) => tool.name === 'echo_account')!;
    expect(echo.title).toBe('Echo the account');
    expect(echo.inputSchema).toMatchObject({
      type: 'object',
      properties: {
        note: { type: 'string', maxLength: 10, description: 'A short note echoed back' },
        account_id: { type: 'string', description: expect.stringMatching(/several/) },
      },
      additionalProperties: false,
    });
    expect(echo.outputSchema).toMatchObject({
      type: 'object',
      properties: { account_id: { type: 'string' }, username: {}, api_url: { type: 'string' } },
      required: expect.arrayContaining(['account_id', 'username', 'api_url']),
    });
    expect(echo.annotations).toMatchObject({
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: true,
    });
    const publish = tools.find((tool) => tool.name === 'publish_thing')!;
    expect(publish.annotations?.readOnlyHint).toBe(false);
    expect(publish.inputSchema.properties).toMatchObject({
      image_url: { type: 'string', maxLength: 2048 },
      caption: { type: 'string', maxLength: 20 },
      idempotency_key: { type: 'string', description: expect.stringMatching(/retry/) },
    });
    expect(publish.inputSchema.properties!.image_url).not.toHaveProperty('format');
    expect(publish.inputSchema.required).toEqual(['image_url', 'caption']);
  });

  it('returns structuredContent and the same JSON as text, with the account but never the token', async () => {
    const result = await client.callTool({ name: 'echo_account', arguments: { note: 'hi' } });
    const expected = {
      account_id: '1789',
      username: 'shop',
      note: 'hi',
      api_url: 'https://api.example.test',
    };
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual(expected);
    expect(result.content).toEqual([{ type: 'text', text: JSON.stringify(expected) }]);
  });

  it('answers bad arguments with invalid_input naming the field, before any vault request', async () => {
    const result = await client.callTool({
      name: 'publish_thing',
      arguments: { image_url: 'http://cdn.example.com/a.jpg', caption: 'ok' },
    });
    expect(errorOf(result)).toEqual({
      code: 'invalid_input',
      message: expect.stringContaining('image_url: must be an https:// URL'),
      hint: 'image_url: Public https URL of the image',
    });
    const missing = errorOf(await client.callTool({ name: 'publish_thing', arguments: { caption: 'ok' } }));
    expect(missing.message).toBe('Invalid arguments for publish_thing: image_url: is required');
    const unknown = errorOf(await client.callTool({ name: 'echo_account', arguments: { notes: 'x' } }));
    expect(unknown.message).toMatch(/unknown argument notes/);
    expect(unknown.hint).toMatch(/note, account_id/);
    expect(h.vault.requests).toHaveLength(0);
  });

  it('returns expected failures as isError results the SDK client accepts, with retry_after_s', async () => {
    const result = await client.callTool({
      name: 'fail_with',
      arguments: { code: 'rate_limited', retry_after_s: 30 },
    });
    expect(errorOf(result)).toEqual({
      code: 'rate_limited',
      message: 'Failing with rate_limited',
      hint: 'Hint for rate_limited',
      retry_after_s: 30,
    });
  });

  it('hides unexpected exceptions behind a generic platform_error and logs them redacted', async () => {
    const result = await client.callTool({ name: 'crash', arguments: {} });
    expect(errorOf(result)).toEqual({
      code: 'platform_error',
      message: 'crash failed unexpectedly',
      hint: expect.any(String),
    });
    const logged = h.logLines.find((line) => line.includes('tool failed unexpectedly'));
    expect(logged).toContain('[REDACTED]');
  });

  it('withholds a result that contains the access token', async () => {
    const result = await client.callTool({ name: 'leak_token', arguments: {} });
    expect(errorOf(result).code).toBe('platform_error');
  });

  it('rejects an unknown tool with a protocol error naming the tools, prefixed once by the client', async () => {
    const error = await client.callTool({ name: 'nope', arguments: {} }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: -32602 });
    expect((error as Error).message).toBe(
      'MCP error -32602: Unknown tool: nope. Available tools: echo_account, fail_with, crash, leak_token, publish_thing',
    );
  });

  it('serves a second call naming the account from the credential cache, and asks the vault again after reconnect_required', async () => {
    const account = { account_id: '1789' };
    await client.callTool({ name: 'echo_account', arguments: account });
    const before = h.vault.requests.length;
    await client.callTool({ name: 'echo_account', arguments: account });
    expect(h.vault.requests.length).toBe(before);

    await client.callTool({
      name: 'fail_with',
      arguments: { code: 'reconnect_required', after_credential: true, ...account },
    });
    await client.callTool({ name: 'echo_account', arguments: account });
    expect(h.vault.requests.length).toBe(before + 1);
  });

  it('logs one line per call with tool, platform, account, duration and outcome, without arguments', async () => {
    await client.callTool({ name: 'echo_account', arguments: { note: 'secretish' } });
    const lines = h.logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.message === 'tool call' && line.tool === 'echo_account');
    expect(lines.at(-1)).toMatchObject({
      tool: 'echo_account',
      platform: 'instagram',
      account_id: '1789',
      transport: 'http',
      outcome: 'ok',
      duration_ms: expect.any(Number),
    });
    expect(h.logLines.join('\n')).not.toContain('secretish');
  });
});

describe('Streamable HTTP routes', () => {
  it('answers GET and DELETE /mcp with 405', async () => {
    for (const method of ['GET', 'DELETE']) {
      const response = await h.get(h.server.mcpUrl, method);
      expect(response.status).toBe(405);
      expect(response.body).toMatchObject({ jsonrpc: '2.0', error: { code: -32000 } });
    }
  });

  it('answers malformed JSON from a JSON-RPC client with -32700, and from the plain form with invalid_input', async () => {
    // An MCP client: it accepts text/event-stream, as the Streamable HTTP transport requires.
    const fromClient = await rawPost(h.server.mcpUrl, '{"jsonrpc":"2.0","id":1,"method":');
    expect(fromClient.status).toBe(400);
    expect(fromClient.body).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32700 } });
    // A body that starts like JSON-RPC is one, whatever the Accept header says.
    const byBody = await rawPost(h.server.mcpUrl, '{"jsonrpc":"2.0","id":1,', { accept: 'application/json' });
    expect(byBody.body).toMatchObject({ jsonrpc: '2.0', error: { code: -32700 } });
    // The plain form (an n8n HTTP Request node: no event-stream, no jsonrpc).
    const plain = await rawPost(h.server.mcpUrl, '{"method":', { accept: 'application/json' });
    expect(plain.status).toBe(400);
    expect(plain.body).toEqual({
      error: { code: 'invalid_input', message: 'Request body is not valid JSON', hint: expect.any(String) },
    });
  });

  it('requires MCP_AUTH_TOKEN from an MCP client when set', async () => {
    const guarded = await h.startServer({ MCP_AUTH_TOKEN: AUTH_TOKEN });
    await expect(h.connectClient(guarded)).rejects.toThrow(/unauthorized/);
    const authed = await h.connectClient(guarded, { Authorization: `Bearer ${AUTH_TOKEN}` });
    const result = await authed.callTool({ name: 'echo_account', arguments: {} });
    expect(result.structuredContent).toMatchObject({ account_id: '1789' });
  });
});
