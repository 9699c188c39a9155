// MCP_TOOL_PREFIX: the MCP transports publish and answer prefixed names; the plain form takes both.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { RunningMcpHttpServer } from '../http/server';
import { useHttpHarness } from '../../test/fixtures/http-harness';

const h = useHttpHarness();
let prefixed: RunningMcpHttpServer;
let client: Client;

beforeAll(async () => {
  prefixed = await h.startServer({ MCP_TOOL_PREFIX: 'test_' });
  client = await h.connectClient(prefixed);
});

describe('MCP_TOOL_PREFIX', () => {
  it('lists and calls every tool by its prefixed name over MCP', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual([
      'test_echo_account',
      'test_fail_with',
      'test_crash',
      'test_leak_token',
      'test_publish_thing',
    ]);
    const result = await client.callTool({ name: 'test_echo_account', arguments: { note: 'hi' } });
    expect(result.structuredContent).toMatchObject({ account_id: '1789', note: 'hi' });
  });

  it('refuses the bare name over MCP (one name per tool in a merged client), naming the published ones', async () => {
    const error = await client
      .callTool({ name: 'echo_account', arguments: {} })
      .catch((caught: unknown) => caught as Error);
    expect((error as Error).message).toMatch(
      /Unknown tool: echo_account\. Available tools: test_echo_account,/,
    );
  });

  it('takes both names in the plain form, where the URL already picks the server, and lists prefixed names', async () => {
    for (const method of ['echo_account', 'test_echo_account']) {
      const answer = await h.plain(prefixed, { method, params: { note: 'n8n' } });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ account_id: '1789', note: 'n8n' });
    }
    const listed = await h.plain(prefixed, { method: 'tools/list' });
    expect(listed.body.tools[0]).toMatchObject({ name: 'test_echo_account' });
  });

  it('logs the tool by its own name, so dashboards do not depend on the prefix', async () => {
    await client.callTool({ name: 'test_echo_account', arguments: {} });
    const line = h.logLines.filter((entry) => entry.includes('"message":"tool call"')).at(-1)!;
    expect(JSON.parse(line)).toMatchObject({ tool: 'echo_account', outcome: 'ok' });
  });

  it('keeps the names unprefixed when MCP_TOOL_PREFIX is unset', async () => {
    const plainServer = await h.connectClient(h.server);
    expect((await plainServer.listTools()).tools[0]!.name).toBe('echo_account');
  });
});
