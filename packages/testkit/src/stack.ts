// The whole stack in-process for an MCP server's end-to-end tests: scratch PostgreSQL → vault → simulator →
// the server on port 0, plus SDK and plain-form clients that record every byte they receive for canary checks.
import crypto from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { generateKeyEntry } from '@socialvault/common';
import { captureLogs, createScratchDatabase, type ScratchDatabase } from '@socialvault/common/testing';
import {
  loadMcpConfig,
  startMcpHttpServer,
  type McpServerSpec,
  type RunningMcpHttpServer,
} from '@socialvault/mcp-kit';
import {
  startPlatformSim,
  type PlatformSim,
  type RecordedRequest,
  type SimPlatform,
} from '@socialvault/platform-sim';
import { ephemeralVaultEnv, loadVaultConfig, startVault, type RunningVault } from '@socialvault/vault';

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

export interface TestStackOptions<P extends object> {
  /** Scratch database name prefix, unique per test file (e.g. `mcpli_sdk`). */
  prefix: string;
  /** The MCP server under test. */
  spec: McpServerSpec<P>;
  /** Its vault service identity (SPEC "MCP servers"), e.g. `linkedin-mcp`. */
  serviceName: string;
  /** The server's platform variables for this simulator (e.g. `{LINKEDIN_API_URL: sim.linkedinUrl}`). */
  serverEnv: (sim: PlatformSim) => Record<string, string>;
  /** Extra vault variables (e.g. `{ALLOW_INSECURE_URLS: 'true'}` for http:// Mastodon instance URLs). */
  vaultEnv?: Record<string, string>;
}

export interface TestStack {
  sim: PlatformSim;
  vault: RunningVault;
  /** The server started with the default test environment. */
  server: RunningMcpHttpServer;
  serviceToken: string;
  brokerApiKey: string;
  /** The environment the default server was started with. */
  serverEnv: Record<string, string>;
  /** Every log line written by any logger of this process since the stack started. */
  logLines: string[];
  /** Starts another instance of the server with `env` over the default environment; closed by close(). */
  startServer(env?: Record<string, string>): Promise<RunningMcpHttpServer>;
  /** An SDK Client over Streamable HTTP; every response body is recorded for the canary check. */
  connect(server?: RunningMcpHttpServer): Promise<Client>;
  /** POSTs a plain-form body (`{"method","params"}`) to /mcp, as an n8n HTTP Request node does; recorded. */
  plain(body: unknown, server?: RunningMcpHttpServer): Promise<PlainAnswer>;
  /** POSTs a broker payload to the vault's ingress with X-API-Key; the answer is recorded. */
  brokerPost(payload: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }>;
  /**
   * Registers an account in the simulator (`POST /_sim${simRoute}` with `simAccount`) and stores `payload`
   * through the broker ingress, as a connect would; throws unless the vault answers 201.
   */
  seedAccount(
    simRoute: string,
    simAccount: Record<string, unknown>,
    payload: Record<string, unknown>,
  ): Promise<void>;
  /** Calls a simulator admin route (`/_sim${path}`); throws unless it answers 2xx. */
  admin(method: string, path: string, body?: unknown): Promise<Record<string, unknown>>;
  /** What the simulator received for `platform`, oldest first. */
  requests(platform: SimPlatform): Promise<RecordedRequest[]>;
  /** Forgets recorded requests and pending faults. */
  resetSim(): Promise<void>;
  /** Queues a simulator fault, e.g. `{platform: 'linkedin', kind: 'rate_limit'}`. */
  injectFault(fault: Record<string, unknown>): Promise<void>;
  /** Adds text that crossed a wire outside these helpers to the canary check. */
  record(text: string): void;
  /** Adds a value (e.g. an access token) to the secrets the canary check looks for. */
  trackSecret(value: string): void;
  /** Which tracked secrets appear in anything recorded or logged so far. */
  leakedSecrets(): string[];
  /** Stops every server and client, drops the database, and fails if a secret leaked. */
  close(): Promise<void>;
}

/**
 * Runs `seed` on a started stack; when it fails, closes the stack (a close error is dropped: the seed's is the
 * one to see) and rethrows, so a failed beforeAll leaves no database or listener behind.
 */
export async function seedOrClose(stack: TestStack, seed: () => Promise<void>): Promise<void> {
  try {
    await seed();
  } catch (error) {
    await stack.close().catch(() => undefined);
    throw error;
  }
}

/** A random secret with a recognisable prefix, e.g. `secret('AQVcanary')`. */
export const secret = (prefix: string): string => `${prefix}${crypto.randomBytes(16).toString('hex')}`;

async function json(response: Response): Promise<Record<string, unknown>> {
  const text = await response.text();
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/**
 * Starts the stack: a scratch database, the vault (generated key ring, broker key, one service token for
 * `serviceName` scoped to the spec's platform), the simulator on port 0, and the server on port 0 with
 * `serverEnv(sim)`, ALLOW_INSECURE_URLS, MEDIA_ALLOW_PRIVATE_URLS and MASTODON_PRIVATE_INSTANCE_ALLOWLIST (the
 * simulator's origin, for the vault too). Register platform accounts with
 * `admin()` and store their tokens with `brokerPost()`; `trackSecret()` every token.
 * @example
 * const stack = await startTestStack({ prefix: 'mcpli', spec: linkedinServerSpec, serviceName: 'linkedin-mcp',
 *   serverEnv: (sim) => ({ LINKEDIN_API_URL: sim.linkedinUrl }) });
 */
export async function startTestStack<P extends object>(options: TestStackOptions<P>): Promise<TestStack> {
  const capture = captureLogs();
  const wire: string[] = [];
  const servers: RunningMcpHttpServer[] = [];
  const clients: Client[] = [];
  const serviceToken = secret(`svc-${options.spec.platform}-`);
  const brokerApiKey = secret('broker-key-');
  const secrets = [serviceToken, brokerApiKey];
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
    db = await createScratchDatabase(process.env.TEST_DATABASE_SERVER_URL!, options.prefix);
    sim = await startPlatformSim();
    vault = await startVault(
      loadVaultConfig(
        ephemeralVaultEnv(db.url, {
          BROKER_API_KEY: brokerApiKey,
          VAULT_ENCRYPTION_KEYS: generateKeyEntry('k1'),
          VAULT_SERVICE_TOKENS: `${options.serviceName}:${options.spec.platform}:${serviceToken}`,
          // The simulator's Mastodon instances live on 127.0.0.1, as under `pnpm start`.
          MASTODON_PRIVATE_INSTANCE_ALLOWLIST: new URL(sim.url).origin,
          ...options.vaultEnv,
        }),
      ),
    );
  } catch (error) {
    await stopAll();
    throw error;
  }
  const running = { sim, vault };

  const serverEnv: Record<string, string> = {
    VAULT_URL: vault.internalUrl,
    VAULT_TOKEN: serviceToken,
    ALLOW_INSECURE_URLS: 'true',
    MEDIA_ALLOW_PRIVATE_URLS: 'true',
    MASTODON_PRIVATE_INSTANCE_ALLOWLIST: new URL(sim.url).origin,
    HOST: '127.0.0.1',
    PORT: '0',
    ...options.serverEnv(sim),
  };

  const admin = async (method: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const response = await fetch(`${running.sim.url}/_sim${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    if (!response.ok)
      throw new Error(`simulator ${method} ${path} answered ${response.status}: ${await response.text()}`);
    return json(response);
  };

  const stack: TestStack = {
    sim,
    vault,
    server: undefined as unknown as RunningMcpHttpServer,
    serviceToken,
    brokerApiKey,
    serverEnv,
    logLines: capture.lines,
    startServer: async (env = {}) => {
      const config = loadMcpConfig(options.spec, { ...serverEnv, ...env });
      const server = await startMcpHttpServer(options.spec, { config });
      servers.push(server);
      return server;
    },
    connect: async (server = stack.server) => {
      const client = new Client({ name: `${options.spec.name}-e2e`, version: '1.0.0' });
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
    seedAccount: async (simRoute, simAccount, payload) => {
      await admin('POST', simRoute, simAccount);
      const stored = await stack.brokerPost(payload);
      if (stored.status !== 201)
        throw new Error(`broker POST answered ${stored.status}: ${JSON.stringify(stored.body)}`);
    },
    admin,
    requests: async (platform) =>
      (await admin('GET', `/requests?platform=${platform}`)).requests as RecordedRequest[],
    resetSim: async () => {
      await admin('DELETE', '/requests');
      await admin('DELETE', '/faults');
    },
    injectFault: async (fault) => {
      await admin('POST', '/faults', { platform: options.spec.platform, ...fault });
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
    stack.server = await stack.startServer();
  } catch (error) {
    await stopAll();
    throw error;
  }
  return stack;
}
