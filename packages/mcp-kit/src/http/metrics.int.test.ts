// GET /metrics after real tool calls over the SDK client and the plain form: counters, latency, platform errors, no secrets.
import { z } from 'zod';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { AppError } from '@socialvault/common';
import { captureLogs, metricValue } from '@socialvault/common/testing';
import { defineMcpServer, defineTool, loadMcpConfig, startMcpHttpServer } from '../index';
import type { RunningMcpHttpServer } from './server';
import { startFakeVault, type FakeVault } from '../../test/fixtures/fake-vault';

const SERVICE_TOKEN = 'svc-secret-metrics-0123456789';
const CANARY = 'IGQVcanary-metrics-token-7a6b5c4d3e2f';
const ACCOUNT_ID = '1789000111';
const readOnly = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };

/** A server whose tools succeed, or fail the way the platform clients fail (details.http_status / network_code). */
const metricsSpec = defineMcpServer({
  name: 'socialvault-metrics-test',
  version: '0.0.1',
  platform: 'instagram',
  defaultPort: 3998,
  accountIdForm: 'the test account id (e.g. 1789)',
  configSchema: z.object({}),
  instructions: 'Metrics test tools.',
  tools: () => [
    defineTool({
      name: 'read_account',
      title: 'Read the account',
      description: 'Returns the account id the vault served.',
      inputSchema: z.object({}),
      outputSchema: z.object({ account_id: z.string().describe('Account id') }),
      annotations: readOnly,
      handler: async (_args, ctx) => ({ account_id: (await ctx.credential()).accountId }),
    }),
    defineTool({
      name: 'call_platform',
      title: 'Call the platform',
      description: 'Fails like a platform client: with an HTTP status, or a network error.',
      inputSchema: z.object({
        status: z.number().int().optional().describe('HTTP status the platform answered; absent: no answer'),
      }),
      outputSchema: z.object({}),
      annotations: readOnly,
      handler: async (args, ctx) => {
        const credential = await ctx.credential();
        const code = args.status === 429 ? 'rate_limited' : 'platform_error';
        throw new AppError(code, 'Instagram could not read the account', {
          hint: 'Retry later.',
          details: {
            platform: 'instagram',
            ...(args.status ? { http_status: args.status } : { network_code: 'ECONNRESET' }),
            // What a careless client might attach: must never become a label.
            account_id: credential.accountId,
          },
        });
      },
    }),
  ],
});

let vault: FakeVault;
let server: RunningMcpHttpServer;
let client: Client;
let capture: ReturnType<typeof captureLogs>;

beforeAll(async () => {
  capture = captureLogs();
  vault = await startFakeVault({
    serviceToken: SERVICE_TOKEN,
    credentials: [{ platform: 'instagram', account_id: ACCOUNT_ID, access_token: CANARY, username: 'shop' }],
  });
  const config = loadMcpConfig(metricsSpec, {
    VAULT_URL: vault.url,
    VAULT_TOKEN: SERVICE_TOKEN,
    HOST: '127.0.0.1',
    PORT: '0',
  });
  server = await startMcpHttpServer(metricsSpec, { config });
  client = new Client({ name: 'metrics-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(server.mcpUrl)));
});
afterAll(async () => {
  await client.close();
  await server.close({ graceMs: 0 });
  await vault.close();
  capture.stop();
});

const plain = (body: unknown) =>
  fetch(server.mcpUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function scrape(): Promise<string> {
  const response = await fetch(`${server.url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  return response.text();
}

it('counts tool calls by tool and outcome over both forms, with their latency and the platform errors', async () => {
  const before = await scrape();
  expect(metricValue(before, 'mcp_tool_calls_total', { tool: 'read_account' })).toBeUndefined();

  expect((await client.callTool({ name: 'read_account', arguments: {} })).isError).toBeFalsy();
  expect((await client.callTool({ name: 'read_account', arguments: {} })).isError).toBeFalsy();
  expect((await plain({ method: 'read_account', params: {} })).status).toBe(200);
  expect((await client.callTool({ name: 'call_platform', arguments: { status: 429 } })).isError).toBe(true);
  expect((await plain({ method: 'call_platform', params: { status: 503 } })).status).toBe(502);
  expect((await plain({ method: 'call_platform', params: {} })).status).toBe(502);
  expect((await plain({ method: 'read_account', params: { account_id: 'nobody' } })).status).toBe(404);
  expect((await plain({ method: 'read_account', params: { surprise: CANARY } })).status).toBe(400);

  const text = await scrape();
  const calls = (tool: string, outcome: string) =>
    metricValue(text, 'mcp_tool_calls_total', { platform: 'instagram', tool, outcome });
  expect(calls('read_account', 'ok')).toBe(3);
  expect(calls('read_account', 'not_found')).toBe(1);
  expect(calls('read_account', 'invalid_input')).toBe(1);
  expect(calls('call_platform', 'rate_limited')).toBe(1);
  expect(calls('call_platform', 'platform_error')).toBe(2);

  const histogram = (suffix: string, labels: Record<string, string>) =>
    metricValue(text, `mcp_tool_call_duration_seconds_${suffix}`, {
      tool: 'read_account',
      outcome: 'ok',
      ...labels,
    });
  expect(histogram('count', {})).toBe(3);
  expect(histogram('bucket', { le: '+Inf' })).toBe(3);
  expect(histogram('sum', {})).toBeGreaterThan(0);

  const platformErrors = (code: string, httpStatus: string) =>
    metricValue(text, 'mcp_platform_api_errors_total', {
      platform: 'instagram',
      code,
      http_status: httpStatus,
    });
  expect(platformErrors('rate_limited', '429')).toBe(1);
  expect(platformErrors('platform_error', '503')).toBe(1);
  expect(platformErrors('platform_error', 'network')).toBe(1);
  // The vault's 404 and bad arguments are not platform API errors.
  expect(metricValue(text, 'mcp_platform_api_errors_total', { code: 'not_found' })).toBeUndefined();
  expect(metricValue(text, 'mcp_platform_api_errors_total', { code: 'invalid_input' })).toBeUndefined();

  for (const secret of [CANARY, SERVICE_TOKEN, ACCOUNT_ID, 'nobody', 'surprise']) {
    expect(text).not.toContain(secret);
  }
});

it('is listed as a route and keeps each server on its own registry', async () => {
  const other = await startMcpHttpServer(metricsSpec, {
    config: loadMcpConfig(metricsSpec, {
      VAULT_URL: vault.url,
      VAULT_TOKEN: SERVICE_TOKEN,
      HOST: '127.0.0.1',
      PORT: '0',
    }),
  });
  try {
    const text = await (await fetch(`${other.url}/metrics`)).text();
    expect(text).toContain('# TYPE mcp_tool_calls_total counter');
    expect(metricValue(text, 'mcp_tool_calls_total', { tool: 'read_account' })).toBeUndefined();
    const unknown = await fetch(`${other.url}/nothing-here`);
    const body = (await unknown.json()) as { error: { hint: string } };
    expect(body.error.hint).toContain('GET /metrics');
  } finally {
    await other.close({ graceMs: 0 });
  }
});
