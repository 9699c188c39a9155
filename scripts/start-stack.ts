// `pnpm start`: the whole stack on embedded defaults — vault (embedded PostgreSQL when DATABASE_URL
// is unset), a platform simulator for every platform without a configured base URL, every MCP server.
import fs from 'node:fs';
import path from 'node:path';
import { loadDotEnv } from '@socialvault/common';
import { resolveStackSecrets } from './stack/dev-secrets';
import { DEFAULT_PORTS, MCP_SERVERS } from './stack/services';
import { Supervisor, waitForHealthy, type ServiceProcess } from './stack/supervisor';

const HEALTH_TIMEOUT_MS = 120_000;

async function main(): Promise<void> {
  const dotEnvFile = loadDotEnv();
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: process.env.NODE_ENV || 'development' };
  const dataDir = path.resolve(env.VAULT_DATA_DIR ?? '.data');
  const secrets = resolveStackSecrets(env, MCP_SERVERS);
  const ports = {
    ingress: Number(env.VAULT_INGRESS_PORT ?? DEFAULT_PORTS.vaultIngress),
    internal: Number(env.VAULT_INTERNAL_PORT ?? DEFAULT_PORTS.vaultInternal),
    simulator: Number(env.SIM_PORT ?? DEFAULT_PORTS.simulator),
  };
  const simulatorUrl = `http://127.0.0.1:${ports.simulator}`;

  // A platform is simulated when none of its base URL variables is set. Mastodon has none (its instance
  // comes from each credential): it never starts the simulator, and uses its /mastodon/<name> instances
  // when the simulator runs anyway.
  const simulated = MCP_SERVERS.filter(
    (server) =>
      Object.keys(server.baseUrlVars).length > 0 &&
      Object.keys(server.baseUrlVars).every((name) => !env[name]),
  );
  const baseUrls: Record<string, string> = {};
  for (const server of MCP_SERVERS) {
    for (const [name, simPath] of Object.entries(server.baseUrlVars)) {
      // A platform with some of its URLs set talks to the real one: its unset URLs keep their real
      // defaults (never the simulator, whose token endpoints would refuse real tokens).
      if (env[name]) baseUrls[name] = env[name];
      else if (simulated.includes(server)) baseUrls[name] = `${simulatorUrl}${simPath}`;
    }
  }
  const usesSimulator = simulated.length > 0;
  // Simulators live on 127.0.0.1 over http: allow that only when one runs. Its Mastodon instances are on a
  // loopback address too: its origin joins the operator's own MASTODON_PRIVATE_INSTANCE_ALLOWLIST entries.
  const localFlags = usesSimulator
    ? {
        ALLOW_INSECURE_URLS: 'true',
        MEDIA_ALLOW_PRIVATE_URLS: 'true',
        MASTODON_PRIVATE_INSTANCE_ALLOWLIST: [env.MASTODON_PRIVATE_INSTANCE_ALLOWLIST, simulatorUrl]
          .filter(Boolean)
          .join(','),
      }
    : {};

  const services: ServiceProcess[] = [];
  if (usesSimulator) {
    services.push({
      name: 'platform-sim',
      entry: 'packages/platform-sim/src/main.ts',
      env: { ...env, SIM_PORT: String(ports.simulator) },
      healthUrl: `${simulatorUrl}/_sim/health`,
    });
  }
  services.push({
    name: 'vault',
    entry: 'packages/vault/src/main.ts',
    env: {
      ...env,
      ...baseUrls,
      ...localFlags,
      VAULT_DATA_DIR: dataDir,
      VAULT_INGRESS_PORT: String(ports.ingress),
      VAULT_INTERNAL_PORT: String(ports.internal),
      BROKER_API_KEY: secrets.brokerApiKey,
      VAULT_SERVICE_TOKENS: secrets.vaultServiceTokens,
    },
    healthUrl: `http://127.0.0.1:${ports.ingress}/health`,
  });
  for (const server of MCP_SERVERS) {
    services.push({
      name: server.packageDir,
      entry: `packages/${server.packageDir}/src/main.ts`,
      env: {
        ...env,
        ...baseUrls,
        ...localFlags,
        PORT: String(server.port),
        VAULT_URL: `http://127.0.0.1:${ports.internal}`,
        VAULT_TOKEN: secrets.serviceTokens[server.serviceName],
      },
      healthUrl: `http://127.0.0.1:${server.port}/health`,
    });
  }

  const supervisor = new Supervisor((name, code) => {
    console.error(`[stack] ${name} exited with code ${code}; stopping the stack`);
    void supervisor.stopAll().then(() => process.exit(1));
  });
  let shuttingDown = false;
  const shutdown = (signal: string) => {
    if (shuttingDown) return; // the same Ctrl-C, relayed by the tsx CLI; stopAll is under way
    shuttingDown = true;
    console.error(`[stack] ${signal} received; stopping`);
    void supervisor.stopAll().then(() => process.exit(0));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  console.error(
    `[stack] starting ${services.map((s) => s.name).join(', ')}${dotEnvFile ? ` (read ${dotEnvFile})` : ''}`,
  );
  for (const service of services) supervisor.start(service);
  try {
    await Promise.all(services.map((service) => waitForHealthy(service.healthUrl, HEALTH_TIMEOUT_MS)));
  } catch (error) {
    console.error(`[stack] ${(error as Error).message}; stopping`);
    await supervisor.stopAll();
    process.exit(1);
  }

  const endpoints = {
    vaultIngressUrl: `http://127.0.0.1:${ports.ingress}`,
    vaultInternalUrl: `http://127.0.0.1:${ports.internal}`,
    simulatorUrl: usesSimulator ? simulatorUrl : null,
    simulatedPlatforms: simulated.map((server) => server.platform),
    mcpServers: MCP_SERVERS.map((server) => ({
      name: server.packageDir,
      platform: server.platform,
      url: `http://127.0.0.1:${server.port}/mcp`,
    })),
  };
  // The demo reads this; generated secrets are kept beside the dev encryption key (0600, git-ignored).
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(
    path.join(dataDir, 'dev-stack.json'),
    JSON.stringify(
      {
        ...endpoints,
        brokerApiKey: secrets.generated.includes('BROKER_API_KEY') ? secrets.brokerApiKey : null,
      },
      null,
      2,
    ),
    { mode: 0o600 },
  );
  printBanner(endpoints, secrets);
}

function printBanner(
  endpoints: {
    vaultIngressUrl: string;
    vaultInternalUrl: string;
    simulatorUrl: string | null;
    simulatedPlatforms: string[];
    mcpServers: { name: string; url: string }[];
  },
  secrets: ReturnType<typeof resolveStackSecrets>,
): void {
  const lines = [
    '',
    'socialvault is up',
    `  vault ingress (broker)   ${endpoints.vaultIngressUrl}   POST /api/credentials`,
    `  vault internal (tokens)  ${endpoints.vaultInternalUrl}`,
    ...endpoints.mcpServers.map((server) => `  ${server.name.padEnd(24)} ${server.url}`),
    endpoints.simulatorUrl
      ? `  platform simulator       ${endpoints.simulatorUrl}   (${endpoints.simulatedPlatforms.join(', ')}; Mastodon instances at /mastodon/<name>)`
      : '  platform simulator       off (every platform has a base URL)',
  ];
  if (secrets.generated.length > 0) {
    lines.push('', 'Generated for this run only (dev mode; set them in .env to keep them):');
    if (secrets.generated.includes('BROKER_API_KEY')) lines.push(`  BROKER_API_KEY=${secrets.brokerApiKey}`);
    if (secrets.generated.includes('VAULT_SERVICE_TOKENS')) {
      lines.push(`  VAULT_SERVICE_TOKENS=${secrets.vaultServiceTokens}`);
    }
  }
  lines.push('', 'Try it: pnpm demo', '');
  console.error(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(`[stack] failed to start: ${(error as Error).message}`);
  process.exit(1);
});
