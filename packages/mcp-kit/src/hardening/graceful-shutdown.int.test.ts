// Graceful shutdown of an MCP server process (runMcpServer, as every server's main.ts): SIGTERM while tool calls
// wait on a slow vault, over the plain form and MCP Streamable HTTP → every call already sent is answered
// (no reset), the listener then refuses, and the process exits 0.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startFakeVault, type FakeVault } from '../../test/fixtures/fake-vault';

jest.setTimeout(120_000);

const SERVICE_TOKEN = 'svc-secret-shutdown-0123456789';
const ACCESS_TOKEN = 'IGQVcanary-shutdown-token-0123456789';
let vault: FakeVault;
let child: ChildProcess | undefined;

beforeAll(async () => {
  vault = await startFakeVault({
    serviceToken: SERVICE_TOKEN,
    credentials: [
      { platform: 'instagram', account_id: '1789', access_token: ACCESS_TOKEN, username: 'shop' },
    ],
  });
});
afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await vault?.close();
});

/** POST /mcp whose `sent` resolves once the request is connected and on the wire. */
function call(url: string, body: unknown) {
  const target = new URL(url);
  const payload = JSON.stringify(body);
  let onWire!: () => void;
  const sent = new Promise<void>((resolve) => (onWire = resolve));
  const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: '/mcp',
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      },
    );
    let connected = false;
    let finished = false;
    req.on('socket', (socket) =>
      socket.once('connect', () => {
        connected = true;
        if (finished) onWire();
      }),
    );
    req.on('finish', () => {
      finished = true;
      if (connected) onWire();
    });
    req.on('error', reject);
    req.end(payload);
  });
  return { sent, answer };
}

it('answers every call in flight on SIGTERM, then refuses and exits 0', async () => {
  const entry = path.join(__dirname, '../../test/fixtures/run-test-server.ts');
  child = spawn(process.execPath, ['--import', pathToFileURL(require.resolve('tsx')).href, entry], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      VAULT_URL: vault.url,
      VAULT_TOKEN: SERVICE_TOKEN,
      HOST: '127.0.0.1',
      PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));
  const deadline = Date.now() + 60_000;
  let mcpUrl: string | undefined;
  while (!(mcpUrl = /MCP server listening on (http:[^"\s]+)/.exec(output)?.[1]) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(mcpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);

  // Every call waits 1.5 s on the vault.
  vault.delayMs = 1_500;
  const calls = [
    ...Array.from({ length: 10 }, (_, n) =>
      call(mcpUrl!, { method: 'echo_account', params: { note: `plain-${n}` } }),
    ),
    ...Array.from({ length: 5 }, (_, n) =>
      call(mcpUrl!, {
        jsonrpc: '2.0',
        id: n + 1,
        method: 'tools/call',
        params: { name: 'echo_account', arguments: { note: `mcp-${n}` } },
      }),
    ),
  ];
  await Promise.all(calls.map((request) => request.sent));
  child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  vault.delayMs = 0;
  const refused = await call(mcpUrl!, { method: 'tools/list' }).answer.then(
    (answer) => `answered ${answer.status}`,
    (error: NodeJS.ErrnoException) => error.code,
  );

  const answers = await Promise.allSettled(calls.map((request) => request.answer));
  const outcomes = answers.map((answer) =>
    answer.status === 'fulfilled' ? answer.value.status : (answer.reason as NodeJS.ErrnoException).code,
  );
  expect(outcomes).toEqual(outcomes.map(() => 200));
  for (const [n, answer] of answers.slice(0, 10).entries()) {
    expect(JSON.parse((answer as PromiseFulfilledResult<{ text: string }>).value.text)).toMatchObject({
      account_id: '1789',
      note: `plain-${n}`,
    });
  }
  for (const answer of answers.slice(10)) {
    const body = JSON.parse((answer as PromiseFulfilledResult<{ text: string }>).value.text);
    expect(body.result.structuredContent).toMatchObject({ account_id: '1789' });
  }
  expect(refused).toBe('ECONNREFUSED');
  expect(await exited).toBe(0);
  expect(output).toContain('MCP server stopping');
  expect(output).not.toContain(ACCESS_TOKEN);
  expect(output).not.toContain(SERVICE_TOKEN);
});
