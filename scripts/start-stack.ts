// `pnpm start`: the whole stack on embedded defaults — an embedded PostgreSQL when DATABASE_URL is unset,
// the vault, the OAuth broker (single-tenant, the simulator's apps registered), a platform simulator for
// every platform without a configured base URL, every MCP server.
import fs from 'node:fs';
import path from 'node:path';
import { loadDotEnv } from '@socialvault/common';
import {
  ensureDatabase,
  forgetSimulatorMastodonApps,
  registerSimulatorApps,
  requestStartLinks,
  type StartLink,
} from './stack/broker-setup';
import { startDevDatabaseProcess, type DevDatabaseProcess } from './stack/dev-database';
import { randomSecret, resolveStackSecrets, type StackSecrets } from './stack/dev-secrets';
import { planStack, type StackPlan } from './stack/plan';
import { MCP_SERVERS } from './stack/services';
import { Supervisor, waitForHealthy } from './stack/supervisor';

const HEALTH_TIMEOUT_MS = 120_000;

/** The vault's and the broker's PostgreSQL: DATABASE_URL, or one embedded server with a database each. */
async function databases(
  env: NodeJS.ProcessEnv,
  dataDir: string,
): Promise<{ databaseUrl: string; brokerDatabaseUrl: string; embedded?: DevDatabaseProcess }> {
  if (env.DATABASE_URL) {
    return {
      databaseUrl: env.DATABASE_URL,
      brokerDatabaseUrl: env.BROKER_DATABASE_URL || env.DATABASE_URL,
    };
  }
  // This process stops it, after every service has drained (see stop below).
  const embedded = await startDevDatabaseProcess(dataDir, env);
  try {
    const brokerDatabaseUrl = env.BROKER_DATABASE_URL || (await ensureDatabase(embedded.url, 'broker'));
    return { databaseUrl: embedded.url, brokerDatabaseUrl, embedded };
  } catch (error) {
    await embedded.stop();
    throw error;
  }
}

async function main(): Promise<void> {
  const dotEnvFile = loadDotEnv();
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: process.env.NODE_ENV || 'development' };
  const dataDir = path.resolve(env.VAULT_DATA_DIR ?? '.data');
  const secrets = resolveStackSecrets(env, MCP_SERVERS, dataDir);
  const { databaseUrl, brokerDatabaseUrl, embedded } = await databases(env, dataDir);
  const plan = planStack({ env, dataDir, secrets, databaseUrl, brokerDatabaseUrl, makeSecret: randomSecret });
  try {
    if (plan.simulatorUrl) await forgetSimulatorMastodonApps(brokerDatabaseUrl, plan.simulatorUrl);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }

  const supervisor = new Supervisor((name, code) => {
    console.error(`[stack] ${name} exited with code ${code}; stopping the stack`);
    void stop(1);
  });
  // One stop: the services first (the vault drains), then the embedded PostgreSQL they used.
  let stopping: Promise<void> | undefined;
  const stop = (code: number): Promise<void> =>
    (stopping ??= supervisor
      .stopAll()
      .then(() => embedded?.stop())
      .then(() => process.exit(code)));
  const shutdown = (signal: string) => {
    if (stopping) return; // the same Ctrl-C, relayed by the tsx CLI; the stop is under way
    console.error(`[stack] ${signal} received; stopping`);
    void stop(0);
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  console.error(
    `[stack] starting ${plan.services.map((s) => s.name).join(', ')}${dotEnvFile ? ` (read ${dotEnvFile})` : ''}`,
  );
  for (const service of plan.services) supervisor.start(service);
  let startLinks: StartLink[];
  try {
    await Promise.all(plan.services.map((service) => waitForHealthy(service.healthUrl, HEALTH_TIMEOUT_MS)));
    if (plan.simulatorUrl) await registerSimulatorApps(plan.simulatorUrl, plan.simulatorApps);
    startLinks = await requestStartLinks(plan.brokerLocalUrl, secrets.brokerAdminToken, plan.connectTargets);
  } catch (error) {
    console.error(`[stack] ${(error as Error).message}; stopping`);
    return stop(1);
  }

  // The demo reads this; generated secrets are kept beside the dev encryption keys (0600, git-ignored).
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(
    path.join(dataDir, 'dev-stack.json'),
    JSON.stringify(devStackFile(plan, secrets, startLinks), null, 2),
    { mode: 0o600 },
  );
  printBanner(plan, secrets, startLinks);
}

/** What `pnpm demo` reads from `<VAULT_DATA_DIR>/dev-stack.json`. */
function devStackFile(plan: StackPlan, secrets: StackSecrets, startLinks: StartLink[]) {
  return {
    vaultIngressUrl: plan.vaultIngressUrl,
    vaultInternalUrl: plan.vaultInternalUrl,
    simulatorUrl: plan.simulatorUrl,
    simulatedPlatforms: plan.simulated.map((server) => server.platform),
    mcpServers: MCP_SERVERS.map((server) => ({
      name: server.packageDir,
      platform: server.platform,
      url: `http://127.0.0.1:${server.port}/mcp`,
    })),
    brokerApiKey: secrets.generated.includes('BROKER_API_KEY') ? secrets.brokerApiKey : null,
    broker: {
      url: plan.brokerUrl,
      localUrl: plan.brokerLocalUrl,
      adminToken: secrets.generated.includes('BROKER_ADMIN_TOKEN') ? secrets.brokerAdminToken : null,
      startLinks,
    },
  };
}

function printBanner(plan: StackPlan, secrets: StackSecrets, startLinks: StartLink[]): void {
  const lines = [
    '',
    'socialvault is up',
    `  OAuth broker             ${plan.brokerUrl}   (single-tenant: client "local" → this vault)`,
    `  Connections page         ${plan.brokerUrl}/   (sign in with BROKER_ADMIN_TOKEN)`,
    `  vault ingress (broker)   ${plan.vaultIngressUrl}   POST /api/credentials`,
    `  vault internal (tokens)  ${plan.vaultInternalUrl}`,
    ...MCP_SERVERS.map((server) => `  ${server.packageDir.padEnd(24)} http://127.0.0.1:${server.port}/mcp`),
    plan.simulatorUrl
      ? `  platform simulator       ${plan.simulatorUrl}   (${plan.simulated.map((s) => s.platform).join(', ')}; Mastodon instances at /mastodon/<name>)`
      : '  platform simulator       off (every platform has a base URL)',
    '',
    'Connect an account: open a start link in a browser (signed for the client "local"; more with',
    `POST ${plan.brokerUrl}/admin/clients/local/connect-links and the admin token):`,
    ...startLinks.map(
      (link) => `  ${`${link.platform}${link.login ? ` (${link.login} login)` : ''}`.padEnd(28)} ${link.url}`,
    ),
  ];
  if (plan.simulatorUrl) {
    lines.push(
      `  (simulated platforms show the simulator's consent page; Mastodon asks for an instance: ${plan.simulatorUrl}/mastodon/<name>)`,
    );
  }
  if (secrets.generated.length > 0) {
    lines.push('', 'Generated for this run only (dev mode; set them in .env to keep them):');
    if (secrets.generated.includes('BROKER_API_KEY')) lines.push(`  BROKER_API_KEY=${secrets.brokerApiKey}`);
    if (secrets.generated.includes('BROKER_ADMIN_TOKEN'))
      lines.push(`  BROKER_ADMIN_TOKEN=${secrets.brokerAdminToken}`);
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
