// End to end over stdio: the SDK's StdioClientTransport spawns `tsx packages/mcp-instagram/src/main.ts --stdio`
// against the in-process vault and Graph simulator.
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { IG_USER_ID, resultOf, startInstagramStack, type InstagramStack } from '../test/fixtures';

const MAIN = path.join(__dirname, 'main.ts');

let stack: InstagramStack;

beforeAll(async () => {
  stack = await startInstagramStack('mcpig_stdio');
});
afterAll(() => stack?.close());

it('lists the tools and publishes a post over stdio, with every log line on stderr', async () => {
  const { HOST: _host, PORT: _port, ...serverEnv } = stack.serverEnv;
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', pathToFileURL(require.resolve('tsx')).href, MAIN, '--stdio'],
    // A clean environment: only what the server needs, and a cwd without a .env file.
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'debug', ...serverEnv },
    cwd: os.tmpdir(),
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'mcp-instagram-stdio-e2e', version: '1.0.0' });
  const protocolErrors: Error[] = [];
  client.onerror = (error) => protocolErrors.push(error);
  await client.connect(transport);
  try {
    const listing = await client.listTools();
    stack.record(JSON.stringify(listing));
    expect(listing.tools.map((tool) => tool.name)).toContain('publish_post');
    expect(listing.tools).toHaveLength(7);

    const result = await client.callTool({
      name: 'publish_post',
      arguments: { image_url: `${stack.sim.url}/_sim/media/sample.jpg`, caption: 'Sent over stdio' },
    });
    stack.record(JSON.stringify(result));
    expect(resultOf(result)).toMatchObject({ account_id: IG_USER_ID, media_type: 'IMAGE' });
    const requests = await stack.requests('instagram');
    expect(requests.map((request) => request.token)).toEqual(requests.map(() => stack.accessToken));
    expect(requests.some((request) => request.path.endsWith('/media_publish'))).toBe(true);
  } finally {
    await client.close();
  }
  stack.record(stderr);
  expect(protocolErrors).toEqual([]);
  expect(stderr).toContain('"message":"tool call"');
  expect(stderr).toContain('"transport":"stdio"');
});

describe('canary', () => {
  it('never lets a secret cross the wire, reach a log line or the child process stderr', () => {
    expect(stack.leakedSecrets()).toEqual([]);
  });
});
