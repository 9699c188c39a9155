// DNS-rebinding protection on both forms of POST /mcp: a foreign Host or any unlisted Origin gets 403 before
// anything runs; the server's own names (and what MCP_ALLOWED_HOSTS / MCP_ALLOWED_ORIGINS list) get through.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { RunningMcpHttpServer } from '../http/server';
import { useHttpHarness } from '../../test/fixtures/http-harness';
import { fetchWithHeaders, rawPost } from '../../test/fixtures/raw-http';

const h = useHttpHarness();

const ATTACKER = { host: 'attacker.example:3005', origin: 'http://attacker.example:3005' };
const plainCall = { method: 'echo_account', params: {} };
const jsonRpcCall = {
  jsonrpc: '2.0',
  id: 1,
  method: 'tools/call',
  params: { name: 'echo_account', arguments: {} },
};

async function sdkClient(server: RunningMcpHttpServer, headers: Record<string, string>): Promise<Client> {
  const client = new Client({ name: 'rebinding-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(server.mcpUrl), { fetch: fetchWithHeaders(headers) }),
  );
  return client;
}

describe.each([
  ['plain form', plainCall],
  ['JSON-RPC form', jsonRpcCall],
])('POST /mcp, %s', (_form, body) => {
  it.each([
    [
      'a foreign Host',
      (): Record<string, string> => ({ host: ATTACKER.host }),
      'Host "attacker.example:3005" is not allowed',
      'MCP_ALLOWED_HOSTS',
    ],
    [
      'an Origin that is not listed, even with the server’s own Host,',
      (): Record<string, string> => ({
        host: `localhost:${new URL(h.server.url).port}`,
        origin: ATTACKER.origin,
      }),
      'Origin "http://attacker.example:3005" is not allowed',
      'MCP_ALLOWED_ORIGINS',
    ],
  ])(
    'refuses %s with 403 naming the header, before the vault is asked',
    async (_what, headers, message, hintPart) => {
      const answer = await rawPost(h.server.mcpUrl, body, headers());
      expect(answer.status).toBe(403);
      expect(answer.body.error).toEqual({
        code: 'forbidden',
        message,
        hint: expect.stringContaining(hintPart),
      });
      expect(h.vault.requests).toHaveLength(0);
    },
  );

  it.each(['127.0.0.1', 'localhost', '[::1]', 'instagram-mcp'])(
    'answers Host %s with the listening port, without an Origin',
    async (hostname) => {
      const port = new URL(h.server.url).port;
      const answer = await rawPost(h.server.mcpUrl, body, { host: `${hostname}:${port}` });
      expect(answer.status).toBe(200);
      expect(answer.text).toContain('1789');
    },
  );

  it('refuses a loopback name with another port, and the bare name without one', async () => {
    expect((await rawPost(h.server.mcpUrl, body, { host: '127.0.0.1:1' })).status).toBe(403);
    expect((await rawPost(h.server.mcpUrl, body, { host: 'localhost' })).status).toBe(403);
  });
});

it('answers fetch on the URL the server reports (127.0.0.1:<port>, as pnpm start and testkit call it)', async () => {
  expect(h.server.mcpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
  const answer = await h.plain(h.server, plainCall);
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ account_id: '1789' });
});

describe('MCP_ALLOWED_HOSTS and MCP_ALLOWED_ORIGINS', () => {
  it('answers exactly the listed hosts and origins', async () => {
    const server = await h.startServer({
      MCP_ALLOWED_HOSTS: 'mcp.internal:8443, Instagram-MCP:3005',
      MCP_ALLOWED_ORIGINS: 'http://localhost:6274',
    });
    const ok = await rawPost(server.mcpUrl, plainCall, {
      host: 'instagram-mcp:3005',
      origin: 'http://localhost:6274',
    });
    expect(ok.status).toBe(200);
    expect((await rawPost(server.mcpUrl, plainCall, { host: 'mcp.internal:8443' })).status).toBe(200);
    // The defaults no longer apply once the list is set.
    const port = new URL(server.url).port;
    expect((await rawPost(server.mcpUrl, plainCall, { host: `127.0.0.1:${port}` })).status).toBe(403);
    const origin = await rawPost(server.mcpUrl, plainCall, {
      host: 'mcp.internal:8443',
      origin: 'http://localhost:6275',
    });
    expect(origin.status).toBe(403);
  });
});

describe('the SDK client', () => {
  it('cannot connect with a foreign Host and Origin, and connects and calls tools with the server’s own', async () => {
    await expect(sdkClient(h.server, ATTACKER)).rejects.toThrow(/403|not allowed/);
    const port = new URL(h.server.url).port;
    const client = await sdkClient(h.server, { host: `localhost:${port}` });
    const result = await client.callTool({ name: 'echo_account', arguments: {} });
    expect(result.structuredContent).toMatchObject({ account_id: '1789' });
    await client.close();
  });
});
