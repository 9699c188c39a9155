// The whole Instagram stack in-process for end-to-end tests: scratch PostgreSQL → vault → Graph simulator → broker
// POST → mcp-instagram on port 0; plus SDK/plain-form clients that record every byte they receive for canary checks.
import crypto from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { captureLogs, createScratchDatabase, type ScratchDatabase } from '@socialvault/common';
import { loadMcpConfig, startMcpHttpServer, type RunningMcpHttpServer } from '@socialvault/mcp-kit';
import { startPlatformSim, type PlatformSim, type RecordedRequest } from '@socialvault/platform-sim';
import { generateKeyEntry, loadVaultConfig, startVault, type RunningVault } from '@socialvault/vault';
import { instagramServerSpec } from '../src';

/** The Instagram business account the broker connects. */
export const IG_USER_ID = '17841400000000001';

/** The seed's Meta payload as the OAuth broker POSTs it (`access_token` added by the stack). */
export const META_PAYLOAD = {
  instagram_business_account_id: IG_USER_ID,
  facebook_page_id: '108154000000001',
  ad_account_id: 'act_123456',
  meta_user_id: '12345678',
  expires_in: 60 * 24 * 3600,
  client_id: 'e2e-client',
} as const;

/** The wire form of a tool error. */
export interface WireError {
  code: string;
  message: string;
  hint: string;
  retry_after_s?: number;
}

/** A plain-form answer: status, parsed JSON body and headers. */
export interface PlainAnswer {
  status: number;
  body: Record<string, unknown> & { error?: WireError };
  headers: Headers;
}

export interface InstagramStack {
  sim: PlatformSim;
  vault: RunningVault;
  /** mcp-instagram started with the default test environment. */
  server: RunningMcpHttpServer;
  /** The canary access token: registered in the simulator and POSTed to the vault by the "broker". */
  accessToken: string;
  serviceToken: string;
  brokerApiKey: string;
  /** The environment the default server was started with (VAULT_URL, VAULT_TOKEN, META_GRAPH_URL, …). */
  serverEnv: Record<string, string>;
  /** Every log line written by any logger of this process since the stack started. */
  logLines: string[];
  /** Starts another mcp-instagram in-process with `env` over the default environment; closed by close(). */
  startServer(env?: Record<string, string>): Promise<RunningMcpHttpServer>;
  /** An SDK Client over Streamable HTTP; every response body is recorded for the canary check. */
  connect(server?: RunningMcpHttpServer): Promise<Client>;
  /** POSTs a plain-form body (`{"method","params"}`) to /mcp, as an n8n HTTP Request node does; recorded. */
  plain(body: unknown, server?: RunningMcpHttpServer): Promise<PlainAnswer>;
  /** POSTs a broker payload to the vault's ingress with X-API-Key; the answer is recorded. */
  brokerPost(payload: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Registers an account and its token in the simulator (`POST /_sim/instagram/accounts`). */
  registerSimAccount(account: Record<string, unknown>): Promise<void>;
  /** What Graph received (`GET /_sim/requests?platform=instagram`), oldest first. */
  graphRequests(): Promise<RecordedRequest[]>;
  /** Forgets recorded Graph requests and pending faults. */
  resetGraphLog(): Promise<void>;
  /** Queues a simulator fault (`POST /_sim/faults`), e.g. `{kind: 'rate_limit'}`. */
  injectFault(fault: Record<string, unknown>): Promise<void>;
  /** Adds text that crossed a wire outside these helpers (stdio results, child stderr) to the canary check. */
  record(text: string): void;
  /** Adds a value (e.g. a reconnected account's new token) to the secrets the canary check looks for. */
  trackSecret(value: string): void;
  /** Which secrets (token, service token, broker key) appear in anything recorded or logged so far. */
  leakedSecrets(): string[];
  /** Stops every server and client, drops the database, and fails if a secret leaked. */
  close(): Promise<void>;
}

const secret = (prefix: string) => `${prefix}${crypto.randomBytes(16).toString('hex')}`;

async function json(response: Response): Promise<Record<string, unknown>> {
  const text = await response.text();
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/**
 * Starts the stack: scratch database, vault (generated key ring, broker key, service token for
 * `instagram-mcp`), Graph simulator with the account and a canary token, the broker's POST of the seed's
 * Meta payload, and mcp-instagram on port 0 with META_GRAPH_URL at the simulator and fast container polling.
 */
export async function startInstagramStack(prefix = 'mcpig'): Promise<InstagramStack> {
  const capture = captureLogs();
  const wire: string[] = [];
  const servers: RunningMcpHttpServer[] = [];
  const clients: Client[] = [];
  const accessToken = secret('EAAcanary');
  const serviceToken = secret('svc-instagram-');
  const brokerApiKey = secret('broker-key-');
  const secrets = [accessToken, serviceToken, brokerApiKey];
  const recordingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    wire.push(await response.clone().text());
    return response;
  };

  let db: ScratchDatabase | undefined;
  let vault: RunningVault | undefined;
  let sim: PlatformSim | undefined;
  const stopAll = async () => {
    for (const client of clients.splice(0)) await client.close();
    for (const server of servers.splice(0)) await server.close({ graceMs: 0 });
    await sim?.close();
    await vault?.close();
    await db?.drop();
    capture.stop();
  };

  try {
    db = await createScratchDatabase(process.env.TEST_DATABASE_SERVER_URL!, prefix);
    vault = await startVault(
      loadVaultConfig({
        DATABASE_URL: db.url,
        VAULT_HOST: '127.0.0.1',
        VAULT_INGRESS_PORT: '0',
        VAULT_INTERNAL_PORT: '0',
        BROKER_API_KEY: brokerApiKey,
        VAULT_ENCRYPTION_KEYS: generateKeyEntry('k1'),
        VAULT_SERVICE_TOKENS: `instagram-mcp:instagram:${serviceToken}`,
      }),
    );
    sim = await startPlatformSim();
  } catch (error) {
    await stopAll();
    throw error;
  }
  const running = { sim, vault };

  const serverEnv: Record<string, string> = {
    VAULT_URL: vault.internalUrl,
    VAULT_TOKEN: serviceToken,
    META_GRAPH_URL: sim.graphUrl,
    ALLOW_INSECURE_URLS: 'true',
    // The simulator serves media on 127.0.0.1; production refuses private and loopback media URLs.
    MEDIA_ALLOW_PRIVATE_URLS: 'true',
    INSTAGRAM_CONTAINER_POLL_INTERVAL_MS: '5',
    INSTAGRAM_CONTAINER_MAX_POLLS: '10',
    HOST: '127.0.0.1',
    PORT: '0',
  };

  const admin = async (method: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const response = await fetch(`${running.sim.url}/_sim${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`simulator ${method} ${path} answered ${response.status}`);
    return json(response);
  };

  const stack: InstagramStack = {
    sim,
    vault,
    server: undefined as unknown as RunningMcpHttpServer,
    accessToken,
    serviceToken,
    brokerApiKey,
    serverEnv,
    logLines: capture.lines,
    startServer: async (env = {}) => {
      const config = loadMcpConfig(instagramServerSpec, { ...serverEnv, ...env });
      const server = await startMcpHttpServer(instagramServerSpec, { config });
      servers.push(server);
      return server;
    },
    connect: async (server = stack.server) => {
      const client = new Client({ name: 'mcp-instagram-e2e', version: '1.0.0' });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(server.mcpUrl), { fetch: recordingFetch }),
      );
      clients.push(client);
      return client;
    },
    plain: async (body, server = stack.server) => {
      const response = await recordingFetch(server.mcpUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: await json(response), headers: response.headers };
    },
    brokerPost: async (payload) => {
      const response = await recordingFetch(`${running.vault.ingressUrl}/api/credentials`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': brokerApiKey },
        body: JSON.stringify(payload),
      });
      return { status: response.status, body: await json(response) };
    },
    registerSimAccount: async (account) => {
      await admin('POST', '/instagram/accounts', account);
    },
    graphRequests: async () =>
      (await admin('GET', '/requests?platform=instagram')).requests as RecordedRequest[],
    resetGraphLog: async () => {
      await admin('DELETE', '/requests');
      await admin('DELETE', '/faults');
    },
    injectFault: async (fault) => {
      await admin('POST', '/faults', { platform: 'instagram', ...fault });
    },
    record: (text) => {
      wire.push(text);
    },
    trackSecret: (value) => {
      secrets.push(value);
    },
    leakedSecrets: () => {
      const everything = [...wire, ...capture.lines].join('\n');
      return secrets.filter((value) => everything.includes(value));
    },
    close: async () => {
      await stopAll();
      expect(wire.length).toBeGreaterThan(0);
      expect(stack.leakedSecrets()).toEqual([]);
    },
  };

  try {
    await stack.registerSimAccount({
      access_token: accessToken,
      ig_user_id: IG_USER_ID,
      username: 'socialvault_e2e',
      name: 'Socialvault E2E',
      followers_count: 1280,
    });
    const stored = await stack.brokerPost({ access_token: accessToken, ...META_PAYLOAD });
    if (stored.status !== 201) throw new Error(`broker POST answered ${stored.status}`);
    stack.server = await stack.startServer();
  } catch (error) {
    await stopAll();
    throw error;
  }
  return stack;
}

/** The structured result of a successful tool call (fails the test on an error result). */
export function resultOf(result: Awaited<ReturnType<Client['callTool']>>): Record<string, unknown> {
  const call = result as CallToolResult;
  if (call.isError) throw new Error(`tool failed: ${JSON.stringify(call.content)}`);
  const [first] = call.content as Array<{ type: string; text: string }>;
  expect(JSON.parse(first!.text)).toEqual(call.structuredContent);
  return call.structuredContent as Record<string, unknown>;
}

/** The `{code, message, hint, retry_after_s?}` of an isError tool result. */
export function errorOf(result: Awaited<ReturnType<Client['callTool']>>): WireError {
  const call = result as CallToolResult;
  expect(call.isError).toBe(true);
  const [first] = call.content as Array<{ type: string; text: string }>;
  return JSON.parse(first!.text) as WireError;
}
