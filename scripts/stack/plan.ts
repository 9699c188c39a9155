// What `pnpm start` runs and what each process is given, decided from the environment alone (no I/O).
import { simProviderEnv } from '@socialvault/platform-sim';
import type { StackSecrets } from './dev-secrets';
import { DEFAULT_PORTS } from '@socialvault/common';
import { MCP_SERVERS, type ConnectApp, type McpServerEntry } from './services';
import type { ServiceProcess } from './supervisor';

/** The body of the simulator's `POST /_sim/oauth/apps` for one provider app. */
export interface SimulatorAppRegistration {
  endpoint: ConnectApp['simEndpoint'];
  client_id: string;
  client_secret: string;
  name: string;
  redirect_uris: string[];
  /** LinkedIn: issue refresh tokens, so the vault refreshes LinkedIn in dev too. */
  programmatic_refresh: boolean;
}

/** One start link to ask the broker's admin API for (`POST /admin/clients/local/connect-links`). */
export interface ConnectTarget {
  platform: McpServerEntry['platform'];
  login?: ConnectApp['login'];
}

export interface StackPlanInput {
  /** The environment after `.env` (NODE_ENV set). */
  env: NodeJS.ProcessEnv;
  /** Absolute `VAULT_DATA_DIR`. */
  dataDir: string;
  secrets: StackSecrets;
  /** The vault's PostgreSQL: DATABASE_URL, or the embedded server's URL. */
  databaseUrl: string;
  /** The broker's PostgreSQL (its own database on the embedded server, else BROKER_DATABASE_URL or DATABASE_URL). */
  brokerDatabaseUrl: string;
  /** Makes each simulated app's secret (fresh per run; the simulator forgets its apps when it stops). */
  makeSecret: () => string;
}

export interface StackPlan {
  vaultIngressUrl: string;
  vaultInternalUrl: string;
  /** null when every platform has a base URL (no simulator runs). */
  simulatorUrl: string | null;
  /** The broker's public origin (`BROKER_PUBLIC_URL`): start links and redirect URIs are built on it. */
  brokerUrl: string;
  /** Where this machine reaches the broker (health, admin API). */
  brokerLocalUrl: string;
  /** The MCP servers whose platform the simulator serves. */
  simulated: McpServerEntry[];
  /** Apps to register in the simulator once it is healthy (before anyone connects). */
  simulatorApps: SimulatorAppRegistration[];
  /** Start links worth printing: platforms with app credentials (simulated or from .env), and Mastodon. */
  connectTargets: ConnectTarget[];
  /** In start order: the simulator (when it runs), the vault, the broker, the MCP servers (`pnpm build`'s bundles). */
  services: ServiceProcess[];
}

/** The redirect URI a provider app registers: `<BROKER_PUBLIC_URL>/callback/<platform>`. */
export const redirectUriOf = (brokerUrl: string, platform: string): string =>
  `${brokerUrl}/callback/${platform}`;

/**
 * Decides the stack: a platform is simulated when none of its base URL variables is set; its apps are then
 * registered in the simulator under fixed client ids with fresh secrets, and the same credentials go to
 * the vault (refresh, revocation) and the broker (connect). A platform with a base URL talks to the real
 * one and takes its app credentials from the environment. Mastodon registers itself per instance.
 */
export function planStack(input: StackPlanInput): StackPlan {
  const { env, secrets } = input;
  const port = (name: string, fallback: number) => Number(env[name] || fallback);
  const ports = {
    ingress: port('VAULT_INGRESS_PORT', DEFAULT_PORTS.vaultIngress),
    internal: port('VAULT_INTERNAL_PORT', DEFAULT_PORTS.vaultInternal),
    simulator: port('SIM_PORT', DEFAULT_PORTS.simulator),
    broker: port('BROKER_PORT', DEFAULT_PORTS.broker),
  };
  const simulatorOrigin = `http://127.0.0.1:${ports.simulator}`;
  const vaultIngressUrl = `http://127.0.0.1:${ports.ingress}`;
  const vaultInternalUrl = `http://127.0.0.1:${ports.internal}`;
  const brokerLocalUrl = `http://127.0.0.1:${ports.broker}`;
  const brokerUrl = (env.BROKER_PUBLIC_URL || brokerLocalUrl).replace(/\/+$/, '');

  // Mastodon has no base URL (its instance comes from each credential): it never starts the simulator,
  // and uses its /mastodon/<name> instances when the simulator runs anyway.
  const simulated = MCP_SERVERS.filter(
    (server) =>
      Object.keys(server.baseUrlVars).length > 0 &&
      Object.keys(server.baseUrlVars).every((name) => !env[name]),
  );
  const simulatorUrl = simulated.length > 0 ? simulatorOrigin : null;
  const baseUrls: Record<string, string> = {};
  const connectUrls: Record<string, string> = {};
  const appEnv: Record<string, string> = {};
  const simulatorApps: SimulatorAppRegistration[] = [];
  for (const server of MCP_SERVERS) {
    const isSimulated = simulated.includes(server);
    for (const [name, simPath] of Object.entries(server.baseUrlVars)) {
      // A platform with some of its URLs set talks to the real one: its unset URLs keep their real
      // defaults (never the simulator, whose token endpoints would refuse real tokens).
      if (env[name]) baseUrls[name] = env[name];
      else if (isSimulated) baseUrls[name] = `${simulatorOrigin}${simPath}`;
    }
    if (!isSimulated) continue;
    const simulatorEnv = simProviderEnv(simulatorOrigin);
    for (const name of server.connectUrlVars) connectUrls[name] = simulatorEnv[name]!;
    for (const app of server.apps) {
      const registration: SimulatorAppRegistration = {
        endpoint: app.simEndpoint,
        client_id: `socialvault-dev-${app.simEndpoint}`,
        client_secret: input.makeSecret(),
        name: `socialvault dev (${app.simEndpoint})`,
        redirect_uris: [redirectUriOf(brokerUrl, server.platform)],
        programmatic_refresh: app.simEndpoint === 'linkedin',
      };
      simulatorApps.push(registration);
      appEnv[app.idVar] = registration.client_id;
      appEnv[app.secretVar] = registration.client_secret;
    }
  }
  const connectTargets: ConnectTarget[] = MCP_SERVERS.flatMap((server) =>
    server.apps.length === 0
      ? [{ platform: server.platform }]
      : server.apps
          .filter((app) => appEnv[app.idVar] ?? env[app.idVar])
          .map((app) => ({ platform: server.platform, ...(app.login ? { login: app.login } : {}) })),
  );

  // Simulators live on 127.0.0.1 over http: allow that only when one runs. Its Mastodon instances are on a
  // loopback address too: its origin joins the operator's own MASTODON_PRIVATE_INSTANCE_ALLOWLIST entries.
  const localFlags: Record<string, string> = simulatorUrl
    ? {
        ALLOW_INSECURE_URLS: 'true',
        MEDIA_ALLOW_PRIVATE_URLS: 'true',
        MASTODON_PRIVATE_INSTANCE_ALLOWLIST: [env.MASTODON_PRIVATE_INSTANCE_ALLOWLIST, simulatorOrigin]
          .filter(Boolean)
          .join(','),
      }
    : {};

  const services: ServiceProcess[] = [];
  if (simulatorUrl) {
    services.push({
      name: 'platform-sim',
      entry: 'dist/platform-sim.js',
      env: { ...env, SIM_PORT: String(ports.simulator) },
      healthUrl: `${simulatorUrl}/_sim/health`,
    });
  }
  services.push({
    name: 'vault',
    entry: 'dist/vault.js',
    env: {
      ...env,
      ...baseUrls,
      ...localFlags,
      ...appEnv,
      DATABASE_URL: input.databaseUrl,
      VAULT_DATA_DIR: input.dataDir,
      VAULT_INGRESS_PORT: String(ports.ingress),
      VAULT_INTERNAL_PORT: String(ports.internal),
      BROKER_API_KEY: secrets.brokerApiKey,
      VAULT_SERVICE_TOKENS: secrets.vaultServiceTokens,
    },
    healthUrl: `${vaultIngressUrl}/health`,
  });
  services.push({
    name: 'broker',
    entry: 'dist/broker.js',
    env: {
      ...env,
      ...baseUrls,
      ...connectUrls,
      ...localFlags,
      ...appEnv,
      BROKER_PORT: String(ports.broker),
      BROKER_PUBLIC_URL: brokerUrl,
      BROKER_DATABASE_URL: input.brokerDatabaseUrl,
      BROKER_ENCRYPTION_KEYS: secrets.brokerEncryptionKeys,
      BROKER_ADMIN_TOKEN: secrets.brokerAdminToken,
      // Single-tenant mode: the client `local` is this stack's vault.
      VAULT_INGRESS_URL: vaultIngressUrl,
      BROKER_API_KEY: secrets.brokerApiKey,
    },
    healthUrl: `${brokerLocalUrl}/health`,
  });
  for (const server of MCP_SERVERS) {
    services.push({
      name: server.packageDir,
      entry: `dist/${server.packageDir}.js`,
      env: {
        ...env,
        ...baseUrls,
        ...localFlags,
        PORT: String(server.port),
        VAULT_URL: vaultInternalUrl,
        VAULT_TOKEN: secrets.serviceTokens[server.serviceName],
      },
      healthUrl: `http://127.0.0.1:${server.port}/health`,
    });
  }
  return {
    vaultIngressUrl,
    vaultInternalUrl,
    simulatorUrl,
    brokerUrl,
    brokerLocalUrl,
    simulated,
    simulatorApps,
    connectTargets,
    services,
  };
}
