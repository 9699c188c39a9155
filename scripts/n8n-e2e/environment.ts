// Starts what `pnpm test:n8n` runs against: the stack (`pnpm start`), NocoDB and n8n, each on free ports.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createScratchDatabase, findFreePort, type ScratchDatabase } from '@socialvault/common/testing';
import { MCP_SERVERS } from '../stack/services';
import type { InstalledTools } from './install';
import { writeNocoStartScript } from './nocodb';
import { X_CLIENT_ID } from './seed';
import { portIsFree, startService, stopService, waitForHttp, type Service } from './processes';

export const ROOT = path.resolve(__dirname, '..', '..');
const secret = (): string => crypto.randomBytes(24).toString('base64url');

/** Addresses and secrets of a running environment. */
export interface Environment {
  workDir: string;
  vaultIngressUrl: string;
  vaultInternalUrl: string;
  simulatorUrl: string;
  /** MCP server URL by platform, as `pnpm start` serves them. */
  mcpUrls: Record<string, string>;
  nocodbUrl: string;
  n8nUrl: string;
  n8nPort: number;
  n8nEnv: NodeJS.ProcessEnv;
  brokerApiKey: string;
  /** The metadata-only `n8n` identity's secret towards the vault. */
  n8nVaultToken: string;
  mcpAuthToken: string;
  eventsSecret: string;
  ncAdmin: { email: string; password: string };
  stop(): Promise<void>;
}

/**
 * Starts the stack, NocoDB (SQLite in `workDir`) and n8n (SQLite in `workDir`) in parallel and waits until
 * all answer. The vault uses a scratch database on DATABASE_URL's server when it is set, else `pnpm start`'s
 * embedded PostgreSQL. Throws, naming the service and its log file, when one does not come up; the caller
 * must call `stop()` in every case.
 */
export async function startEnvironment(tools: InstalledTools, workDir: string): Promise<Environment> {
  const busy = [];
  for (const server of MCP_SERVERS) if (!(await portIsFree(server.port))) busy.push(server.port);
  if (busy.length > 0) {
    throw new Error(
      `ports ${busy.join(', ')} are in use (another \`pnpm start\`?): the MCP servers need them`,
    );
  }
  const [ingressPort, internalPort, simPort, nocodbPort, n8nPort, brokerPort] = await Promise.all(
    Array.from({ length: 6 }, () => findFreePort()),
  );
  const services: Service[] = [];
  let scratch: ScratchDatabase | undefined;
  const stop = async (): Promise<void> => {
    await Promise.all(services.map((service) => stopService(service)));
    await scratch?.drop();
  };

  const logDir = path.join(workDir, 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  const { DATABASE_URL: databaseUrl, ...baseEnv } = process.env;
  if (databaseUrl) scratch = await createScratchDatabase(databaseUrl, 'n8ne2e');
  const serviceSecrets = Object.fromEntries(MCP_SERVERS.map((server) => [server.serviceName, secret()]));
  const env = {
    brokerApiKey: secret(),
    n8nVaultToken: secret(),
    mcpAuthToken: secret(),
    eventsSecret: secret(),
    ncAdmin: { email: 'admin@example.com', password: `Nc-${secret()}` },
  };
  const n8nUrl = `http://127.0.0.1:${n8nPort}`;
  const stackEnv: NodeJS.ProcessEnv = {
    ...baseEnv,
    ...(scratch ? { DATABASE_URL: scratch.url } : {}),
    VAULT_DATA_DIR: path.join(workDir, 'vault'),
    VAULT_INGRESS_PORT: String(ingressPort),
    VAULT_INTERNAL_PORT: String(internalPort),
    SIM_PORT: String(simPort),
    BROKER_API_KEY: env.brokerApiKey,
    VAULT_SERVICE_TOKENS: [
      ...MCP_SERVERS.map(
        (server) => `${server.serviceName}:${server.platform}:${serviceSecrets[server.serviceName]}`,
      ),
      `n8n:*:${env.n8nVaultToken}:metadata`,
    ].join(','),
    MCP_AUTH_TOKEN: env.mcpAuthToken,
    VAULT_EVENTS_WEBHOOK_URL: `${n8nUrl}/webhook/socialvault-reconnect`,
    VAULT_EVENTS_SECRET: env.eventsSecret,
    // X refreshes need an app id: with it the vault refreshes the X account due for one (and the simulator refuses).
    X_CLIENT_ID,
    // No sweep during the run: at a wall-clock 10-minute mark it would refresh that account (and send the
    // event) before n8n listens; the refresh happens inline, when workflow 1 fetches the token.
    VAULT_REFRESH_CRON: '0 0 1 1 *',
  };
  services.push(
    startService('stack', path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/start-stack.ts'], {
      cwd: ROOT,
      env: stackEnv,
      logDir,
    }),
  );
  services.push(
    startService('nocodb', tools.node22, [writeNocoStartScript(workDir)], {
      cwd: workDir,
      env: {
        ...baseEnv,
        NOCODB_DIR: tools.nocodbDir,
        PORT: String(nocodbPort),
        NC_DB: `sqlite3://?database=${path.join(workDir, 'nocodb.sqlite')}`,
        NC_AUTH_JWT_SECRET: secret(),
        NC_ADMIN_EMAIL: env.ncAdmin.email,
        NC_ADMIN_PASSWORD: env.ncAdmin.password,
        NC_DISABLE_TELE: 'true',
      },
      logDir,
    }),
  );
  const n8nEnv: NodeJS.ProcessEnv = {
    ...baseEnv,
    N8N_USER_FOLDER: path.join(workDir, 'n8n'),
    N8N_PORT: String(n8nPort),
    N8N_LISTEN_ADDRESS: '127.0.0.1',
    N8N_RUNNERS_BROKER_PORT: String(brokerPort),
    N8N_ENCRYPTION_KEY: secret(),
    N8N_SECURE_COOKIE: 'false',
    N8N_DIAGNOSTICS_ENABLED: 'false',
    N8N_PERSONALIZATION_ENABLED: 'false',
    N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
    GENERIC_TIMEZONE: 'UTC',
  };
  services.push(
    startService('n8n', tools.node24, [tools.n8nBin, 'start'], { cwd: workDir, env: n8nEnv, logDir }),
  );

  const [stack, nocodb, n8n] = services;
  const mcpUrls = Object.fromEntries(
    MCP_SERVERS.map((server) => [server.platform, `http://127.0.0.1:${server.port}/mcp`]),
  );
  try {
    await Promise.all([
      waitForHttp(stack!, `http://127.0.0.1:${ingressPort}/health`, 300_000),
      ...MCP_SERVERS.map((server) => waitForHttp(stack!, `http://127.0.0.1:${server.port}/health`, 300_000)),
      waitForHttp(nocodb!, `http://127.0.0.1:${nocodbPort}/api/v1/health`, 300_000),
      waitForHttp(n8n!, `${n8nUrl}/healthz/readiness`, 300_000),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    workDir,
    vaultIngressUrl: `http://127.0.0.1:${ingressPort}`,
    vaultInternalUrl: `http://127.0.0.1:${internalPort}`,
    simulatorUrl: `http://127.0.0.1:${simPort}`,
    mcpUrls,
    nocodbUrl: `http://127.0.0.1:${nocodbPort}`,
    n8nUrl,
    n8nPort: n8nPort!,
    n8nEnv,
    ...env,
    stop,
  };
}
