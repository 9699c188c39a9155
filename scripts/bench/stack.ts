// The stack under measurement, each part its own process: platform simulator, vault (on a scratch database)
// and the five MCP servers, wired with generated secrets on free ports.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createScratchDatabase,
  findFreePort,
  generateKeyEntry,
  type ScratchDatabase,
} from '@socialvault/common';
import { MCP_SERVERS, type McpServerEntry } from '../stack/services';
import { startService, type ServiceProcess } from './processes';

/** One MCP server of the bench stack. */
export interface BenchMcpServer {
  entry: McpServerEntry;
  url: string;
  process: ServiceProcess;
}

export interface BenchStack {
  db: ScratchDatabase;
  logDir: string;
  simUrl: string;
  vault: { ingressUrl: string; internalUrl: string; process: ServiceProcess };
  mcp: BenchMcpServer[];
  brokerApiKey: string;
  /** `VAULT_ENCRYPTION_KEYS` of the vault (the baseline server decrypts with the same ring). */
  encryptionKeys: string;
  /** Service secret per vault identity (`instagram-mcp`, …). */
  serviceTokens: Record<string, string>;
  /** The platform base URL variables pointing at the simulator (META_GRAPH_URL, …). */
  simBaseUrls: Record<string, string>;
  /** Starts another vault process on the same database with `env` over the stack's (stopped by stop()). */
  startVaultReplica(name: string, env: Record<string, string>): Promise<{ internalUrl: string }>;
  stop(): Promise<void>;
}

const secret = (prefix: string) => `${prefix}${crypto.randomBytes(18).toString('base64url')}`;

/** Starts the simulator and the vault together, then the five MCP servers; stops what started on failure. */
export async function startBenchStack(databaseServerUrl: string): Promise<BenchStack> {
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'socialvault-bench-logs-'));
  const db = await createScratchDatabase(databaseServerUrl, 'bench');
  const started: ServiceProcess[] = [];
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await Promise.all(started.splice(0).map((service) => service.stop()));
      await db.drop();
    })());
  try {
    const [simPort, ingressPort, internalPort] = [
      await findFreePort(),
      await findFreePort(),
      await findFreePort(),
    ];
    const simUrl = `http://127.0.0.1:${simPort}`;
    const simBaseUrls: Record<string, string> = {};
    for (const server of MCP_SERVERS) {
      for (const [name, simPath] of Object.entries(server.baseUrlVars))
        simBaseUrls[name] = `${simUrl}${simPath}`;
    }
    const brokerApiKey = secret('bench-broker-');
    const encryptionKeys = generateKeyEntry('k1');
    const serviceTokens = Object.fromEntries(
      MCP_SERVERS.map((server) => [server.serviceName, secret('svc-')]),
    );
    // The simulator's Mastodon instances live on 127.0.0.1: allowlisted as `pnpm start` does.
    const local = {
      ALLOW_INSECURE_URLS: 'true',
      MEDIA_ALLOW_PRIVATE_URLS: 'true',
      MASTODON_PRIVATE_INSTANCE_ALLOWLIST: simUrl,
      LOG_LEVEL: 'info',
    };

    const vaultEnv = (ingress: number, internal: number, overrides: Record<string, string> = {}) => ({
      ...local,
      ...simBaseUrls,
      DATABASE_URL: db.url,
      VAULT_HOST: '127.0.0.1',
      VAULT_INGRESS_PORT: String(ingress),
      VAULT_INTERNAL_PORT: String(internal),
      BROKER_API_KEY: brokerApiKey,
      VAULT_ENCRYPTION_KEYS: encryptionKeys,
      VAULT_SERVICE_TOKENS: MCP_SERVERS.map(
        (server) => `${server.serviceName}:${server.platform}:${serviceTokens[server.serviceName]}`,
      ).join(','),
      // The bench's credentials are never due; no sweep may run during a measurement.
      VAULT_REFRESH_CRON: '0 0 1 1 *',
      ...overrides,
    });
    const startVaultReplica = async (name: string, overrides: Record<string, string>) => {
      const [ingress, internal] = [await findFreePort(), await findFreePort()];
      const replica = await startService({
        name,
        entry: 'dist/vault.js',
        env: vaultEnv(ingress, internal, overrides),
        healthUrl: `http://127.0.0.1:${ingress}/health`,
        logDir,
      });
      started.push(replica);
      return { internalUrl: `http://127.0.0.1:${internal}` };
    };

    const [sim, vault] = await Promise.all([
      startService({
        name: 'platform-sim',
        entry: 'dist/platform-sim.js',
        env: { SIM_PORT: String(simPort), SIM_HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
        healthUrl: `${simUrl}/_sim/health`,
        logDir,
      }),
      startService({
        name: 'vault',
        entry: 'dist/vault.js',
        env: vaultEnv(ingressPort, internalPort),
        healthUrl: `http://127.0.0.1:${ingressPort}/health`,
        logDir,
      }),
    ]);
    started.push(sim, vault);
    const internalUrl = `http://127.0.0.1:${internalPort}`;

    const mcp = await Promise.all(
      MCP_SERVERS.map(async (entry) => {
        const port = await findFreePort();
        const url = `http://127.0.0.1:${port}`;
        const process = await startService({
          name: entry.packageDir,
          entry: `dist/${entry.packageDir}.js`,
          env: {
            ...local,
            ...simBaseUrls,
            HOST: '127.0.0.1',
            PORT: String(port),
            // The built-in media store of Instagram and Threads on any free port, not its default 3015/3016.
            MEDIA_PORT: '0',
            VAULT_URL: internalUrl,
            VAULT_TOKEN: serviceTokens[entry.serviceName]!,
          },
          healthUrl: `${url}/health`,
          logDir,
        });
        started.push(process);
        return { entry, url, process };
      }),
    );

    return {
      db,
      logDir,
      simUrl,
      vault: { ingressUrl: `http://127.0.0.1:${ingressPort}`, internalUrl, process: vault },
      mcp,
      brokerApiKey,
      encryptionKeys,
      serviceTokens,
      simBaseUrls,
      startVaultReplica,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
