// Every tool of the five servers, as an agent framework lists it (tools/list over a real SDK client on
// Streamable HTTP), is a tool OpenAI (also strict), Gemini and Anthropic accept as it is.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { loadMcpConfig, startMcpHttpServer, type RunningMcpHttpServer } from '@socialvault/mcp-kit';
import { loadPresentServers } from '../stack/mcp-servers';
import { inputSchemaProblems, toolNameProblems, type JsonSchemaNode } from './provider-schema-rules';

const servers = loadPresentServers();
const running: RunningMcpHttpServer[] = [];
const clients: Client[] = [];

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await Promise.all(running.map((server) => server.close()));
});

/** Starts `spec` on port 0 (no vault needed to list tools) and lists its tools through an SDK client. */
async function listTools(server: (typeof servers)[number], env: Record<string, string> = {}) {
  const config = loadMcpConfig(server.spec, {
    VAULT_URL: 'http://127.0.0.1:9',
    VAULT_TOKEN: 'schema-test-service-token',
    PORT: '0',
    ...env,
  });
  const http = await startMcpHttpServer(server.spec, { config });
  running.push(http);
  const client = new Client({ name: 'schema-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(http.mcpUrl)));
  clients.push(client);
  return (await client.listTools()).tools;
}

describe('tool input schemas as strict providers read them', () => {
  it('finds all five servers in the checkout', () => {
    expect(servers.map((server) => server.platform)).toEqual([
      'instagram',
      'threads',
      'x',
      'linkedin',
      'mastodon',
    ]);
  });

  it.each(servers.map((server) => [server.platform, server] as const))(
    '%s: every tool name and input schema passes OpenAI (strict too), Gemini and Anthropic rules',
    async (_platform, server) => {
      const tools = await listTools(server);
      expect(tools.length).toBeGreaterThan(0);
      const problems = tools.flatMap((tool) => [
        ...toolNameProblems(tool.name),
        ...inputSchemaProblems(tool.name, tool.inputSchema as JsonSchemaNode),
      ]);
      expect(problems).toEqual([]);
    },
  );

  it.each([
    ['instagram', /Instagram business account id .*e\.g\. 17841400000000001/],
    ['threads', /Threads user id .*e\.g\. 25000000000000001/],
    ['x', /numeric X user id.*not the @handle .*e\.g\. 1500000000000000001/],
    ['linkedin', /LinkedIn member \(person\) id .*urn:li:person:.*e\.g\. 782bbtaQ/],
    ['mastodon', /user@instance.*e\.g\. alice@mastodon\.social/],
  ])(
    "%s: every tool describes account_id in that platform's form, with an example",
    async (platform, form) => {
      const server = servers.find((candidate) => candidate.platform === platform)!;
      const tools = await listTools(server);
      for (const tool of tools) {
        const accountId = tool.inputSchema.properties!.account_id as { description: string };
        expect(accountId.description).toMatch(form);
        if (platform !== 'instagram') expect(accountId.description).not.toMatch(/Instagram/);
      }
    },
  );

  it('with MCP_TOOL_PREFIX=<platform>_ (as compose sets it) the five servers publish no name twice, all portable', async () => {
    const names: string[] = [];
    for (const server of servers) {
      const tools = await listTools(server, { MCP_TOOL_PREFIX: `${server.platform}_` });
      names.push(...tools.map((tool) => tool.name));
    }
    expect(names).toContain('mastodon_publish_post');
    expect(new Set(names).size).toBe(names.length);
    expect(names.flatMap(toolNameProblems)).toEqual([]);
  });
});
