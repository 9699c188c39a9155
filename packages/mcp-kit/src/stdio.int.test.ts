// The server as a process: runMcpServer over stdio (SDK stdio client), over HTTP with graceful stop, and a config error.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { startFakeVault, type FakeVault } from '../test/fixtures/fake-vault';

const SERVICE_TOKEN = 'svc-secret-stdio-0123456789';
const CANARY = 'IGQVcanary-stdio-token-9a8b7c6d5e';
const SCRIPT = path.join(__dirname, '..', 'test', 'fixtures', 'run-test-server.ts');
const NODE_ARGS = ['--import', pathToFileURL(require.resolve('tsx')).href, SCRIPT];

let vault: FakeVault;
/** Children and clients to stop after each test, even a failed one. */
const cleanups: Array<() => Promise<unknown> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

beforeAll(async () => {
  vault = await startFakeVault({
    serviceToken: SERVICE_TOKEN,
    credentials: [{ platform: 'instagram', account_id: '1789', access_token: CANARY, username: 'shop' }],
  });
});
afterAll(() => vault.close());

function serverEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    LOG_LEVEL: 'info',
    VAULT_URL: vault.url,
    VAULT_TOKEN: SERVICE_TOKEN,
    ...extra,
  };
}

/** Runs the fixture server as a child process; resolves its exit code and output. */
function spawnServer(env: Record<string, string>) {
  const child = spawn(process.execPath, NODE_ARGS, {
    env,
    cwd: os.tmpdir(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return { child, output, exited };
}

async function waitFor(predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

it('serves the same tools over stdio, prefixed by MCP_TOOL_PREFIX, with every log line on stderr', async () => {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [...NODE_ARGS, '--stdio'],
    env: serverEnv({ MCP_TOOL_PREFIX: 'demo_' }),
    cwd: os.tmpdir(),
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'stdio-test', version: '1.0.0' });
  const protocolErrors: Error[] = [];
  client.onerror = (error) => protocolErrors.push(error);
  cleanups.push(() => client.close());
  await client.connect(transport);

  const { tools } = await client.listTools();
  // MCP_TOOL_PREFIX applies to stdio too.
  expect(tools.map((tool) => tool.name)).toContain('demo_echo_account');
  const result = await client.callTool({ name: 'demo_echo_account', arguments: { note: 'stdio' } });
  expect(result.structuredContent).toEqual({
    account_id: '1789',
    username: 'shop',
    note: 'stdio',
    api_url: 'https://api.example.test',
  });
  const failed = await client.callTool({ name: 'demo_fail_with', arguments: { code: 'not_found' } });
  expect(failed.isError).toBe(true);
  await waitFor(() => stderr.includes('"transport":"stdio"'));

  expect(protocolErrors).toEqual([]);
  expect(stderr).toContain('MCP server ready on stdio');
  const callLine = stderr.split('\n').find((line) => line.includes('"message":"tool call"'));
  expect(JSON.parse(callLine!)).toMatchObject({ tool: 'echo_account', outcome: 'ok', transport: 'stdio' });
  expect(JSON.stringify(result) + JSON.stringify(failed) + stderr).not.toContain(CANARY);
});

it('runs over HTTP, logs the URL it listens on, and stops on SIGTERM', async () => {
  const server = spawnServer(serverEnv({ PORT: '0', HOST: '127.0.0.1' }));
  await waitFor(() => server.output.stdout.includes('MCP server listening'));
  const line = server.output.stdout.split('\n').find((entry) => entry.includes('MCP server listening'))!;
  const { url, health_url: healthUrl } = JSON.parse(line) as { url: string; health_url: string };
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);

  const health = await fetch(healthUrl);
  expect(await health.json()).toMatchObject({ status: 'ok', vault: { reachable: true } });
  const call = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ method: 'echo_account' }),
  });
  expect(await call.json()).toMatchObject({ account_id: '1789' });

  server.child.kill('SIGTERM');
  expect(await server.exited).toBe(0);
  expect(server.output.stdout).toContain('MCP server stopping');
  expect(server.output.stdout + server.output.stderr).not.toContain(CANARY);
  expect(server.output.stdout + server.output.stderr).not.toContain(SERVICE_TOKEN);
});

it('stops with exit code 1 and one line naming a missing variable', async () => {
  const server = spawnServer({ PATH: process.env.PATH ?? '', VAULT_TOKEN: SERVICE_TOKEN, PORT: '0' });
  expect(await server.exited).toBe(1);
  const lines = server.output.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain('VAULT_URL');
  expect(server.output.stderr).not.toContain(SERVICE_TOKEN);
});
