// The app services of docker-compose.yml run as compose would run them (same command on the bundles of
// `pnpm build`, which beforeAll runs; same environment, only hosts and ports moved to this machine), and their own
// health check commands pass.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { createScratchDatabase, findFreePort, type ScratchDatabase } from '@socialvault/common/testing';
import { generateSecrets } from '../scripts/generate-secrets';
import { environmentOf, loadCompose, readEnvExample, ROOT, type ComposeService } from './stack/compose';
import buildEntries from '../scripts/build-entries.json';

const compose = loadCompose({ ...readEnvExample().values, ...generateSecrets() });
const MCP_SERVICES = ['instagram-mcp', 'threads-mcp', 'x-mcp', 'linkedin-mcp', 'mastodon-mcp'];
/** The MCP services whose package is in this checkout (the others are noted and left out). */
const present = MCP_SERVICES.filter((name) => {
  const entry = compose.services[name]!.command!.at(-1)!;
  const source = buildEntries[path.basename(entry, '.js') as keyof typeof buildEntries];
  const exists = source !== undefined && fs.existsSync(path.join(ROOT, path.dirname(source), 'index.ts'));
  if (!exists) console.log(`note: ${name} (${entry}) is not in this checkout yet; not started`);
  return exists;
});

const run = promisify(execFile);
const children: ChildProcess[] = [];
let database: ScratchDatabase;
/** The vault's internal listener once the first test started it. */
let vaultInternalUrl = '';
let vaultIngressUrl = '';
/** The broker's role and database of this run (cluster-wide names, so unique per run; dropped afterwards). */
const brokerSuffix = crypto.randomBytes(4).toString('hex');
const brokerRole = `sv_broker_role_${brokerSuffix}`;
const brokerDb = `sv_broker_db_${brokerSuffix}`;
const logs: Record<string, string> = {};

/** Starts a service with its compose command and environment (plus `overrides`), from the repository root. */
function startService(
  name: string,
  service: ComposeService,
  overrides: Record<string, string>,
): ChildProcess {
  const [command, ...args] = service.command!;
  const child = spawn(command === 'node' ? process.execPath : command!, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...environmentOf(service), ...overrides },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  logs[name] = '';
  child.stdout!.on('data', (chunk) => (logs[name] += chunk));
  child.stderr!.on('data', (chunk) => (logs[name] += chunk));
  children.push(child);
  return child;
}

/** Runs a compose health check (`CMD node -e …`) on this machine; resolves with its exit code. */
function runHealthcheck(
  service: ComposeService,
  env: Record<string, string>,
  portMap: Record<string, string> = {},
): Promise<number | null> {
  const [kind, command, ...args] = service.healthcheck!.test as string[];
  expect([kind, command]).toEqual(['CMD', 'node']);
  const script = args.map((arg) =>
    Object.entries(portMap).reduce((text, [from, to]) => text.split(from).join(to), arg),
  );
  return new Promise((resolve) => {
    const child = spawn(process.execPath, script, { env: { PATH: process.env.PATH ?? '', ...env } });
    child.on('close', resolve);
  });
}

async function waitUntilHealthy(
  service: ComposeService,
  env: Record<string, string>,
  portMap: Record<string, string> = {},
): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if ((await runHealthcheck(service, env, portMap)) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('health check never passed');
}

beforeAll(async () => {
  // The commands run dist/<service>.js, as in the image: bundle the current sources first.
  await run(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT });
  database = await createScratchDatabase(process.env.TEST_DATABASE_SERVER_URL!, 'compose');
}, 120_000);

afterAll(async () => {
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(
    children.map((child) => (child.exitCode === null ? new Promise((r) => child.once('close', r)) : null)),
  );
  await database?.drop();
  const admin = new Client({ connectionString: process.env.TEST_DATABASE_SERVER_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${brokerDb} WITH (FORCE)`);
  await admin.query(`DROP ROLE IF EXISTS ${brokerRole}`);
  await admin.end();
});

/** Connects to `url` as `user`; resolves with the server's refusal message, or 'connected'. */
async function tryConnect(url: string, user: string): Promise<string> {
  const target = new URL(url);
  target.username = user;
  target.password = new URL(environmentOf(compose.services.broker!).BROKER_DATABASE_URL!).password;
  const client = new Client({ connectionString: target.toString() });
  try {
    await client.connect();
    await client.end();
    return 'connected';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('the app services, started with their compose command and environment', () => {
  it('the vault serves both listeners on PostgreSQL (no embedded fallback) and its health check passes', async () => {
    const vault = compose.services.vault!;
    const [ingress, internal] = [await findFreePort(), await findFreePort()];
    const ports = { VAULT_INGRESS_PORT: String(ingress), VAULT_INTERNAL_PORT: String(internal) };
    startService('vault', vault, { ...ports, DATABASE_URL: database.url, VAULT_HOST: '127.0.0.1' });
    await waitUntilHealthy(vault, {}, { '3006': String(ingress), '3007': String(internal) }).catch(
      (error: Error) => {
        throw new Error(`${error.message}; vault log:\n${logs.vault}`);
      },
    );
    expect(logs.vault).toContain('Using the PostgreSQL server from DATABASE_URL');
    expect(logs.vault).not.toMatch(/embedded PostgreSQL/i);
    vaultInternalUrl = `http://127.0.0.1:${internal}`;
    vaultIngressUrl = `http://127.0.0.1:${ingress}`;
  }, 30_000);

  it("broker-db-init's SQL makes the broker's role and database, twice in a row, and bars the role from the vault's database", async () => {
    const init = compose.services['broker-db-init']!;
    const [command, ...args] = init.command!;
    const [source, target] = init.volumes![0]!.split(':');
    const server = new URL(database.url);
    const env = {
      PATH: process.env.PATH ?? '',
      ...environmentOf(init),
      // This machine's server in place of the compose service `postgres`, connected to the vault's database.
      PGHOST: server.hostname,
      PGPORT: server.port || '5432',
      PGUSER: decodeURIComponent(server.username),
      PGPASSWORD: decodeURIComponent(server.password),
      PGDATABASE: server.pathname.slice(1),
    };
    const psqlArgs = [
      ...args.map((arg) => (arg === target ? path.join(ROOT, source!) : arg)),
      ...['-v', `broker_role=${brokerRole}`, '-v', `broker_db=${brokerDb}`],
    ];
    for (let round = 0; round < 2; round += 1) {
      await run(command!, psqlArgs, { env }).catch((error: Error & { stderr?: string }) => {
        throw new Error(
          `${command} failed (is the PostgreSQL client installed?): ${error.stderr ?? error.message}`,
        );
      });
    }
    const role = await tryConnect(database.url, brokerRole);
    expect(role).toMatch(/permission denied for database/);
    const own = new URL(database.url);
    own.pathname = `/${brokerDb}`;
    expect(await tryConnect(own.toString(), brokerRole)).toBe('connected');
  }, 30_000);

  it('the broker starts with its compose command on its own database, and its health check passes', async () => {
    const broker = compose.services.broker!;
    const port = String(await findFreePort());
    const brokerUrl = new URL(environmentOf(broker).BROKER_DATABASE_URL!);
    const server = new URL(database.url);
    brokerUrl.username = brokerRole;
    brokerUrl.host = server.host;
    brokerUrl.pathname = `/${brokerDb}`;
    startService('broker', broker, {
      BROKER_PORT: port,
      HOST: '127.0.0.1',
      BROKER_DATABASE_URL: brokerUrl.toString(),
      VAULT_INGRESS_URL: vaultIngressUrl,
    });
    await waitUntilHealthy(broker, {}, { '3030': port }).catch((error: Error) => {
      throw new Error(`${error.message}; broker log:\n${logs.broker}`);
    });
    // Single-tenant mode: the client `local` is the compose vault (here: the one started above).
    const clients = await fetch(`http://127.0.0.1:${port}/admin/clients`, {
      headers: { authorization: `Bearer ${environmentOf(broker).BROKER_ADMIN_TOKEN}` },
    });
    expect(clients.status).toBe(200);
    expect(
      ((await clients.json()) as { clients: { client_id: string; vault_url: string }[] }).clients,
    ).toEqual([expect.objectContaining({ client_id: 'local', vault_url: vaultIngressUrl })]);
  }, 30_000);

  it.each(present)(
    '%s starts against the vault and its health check passes',
    async (name) => {
      const service = compose.services[name]!;
      const port = String(await findFreePort());
      startService(name, service, {
        PORT: port,
        // The media store's port of instagram-mcp and threads-mcp (the others have none) moves too.
        MEDIA_PORT: String(await findFreePort()),
        HOST: '127.0.0.1',
        VAULT_URL: vaultInternalUrl,
      });
      await waitUntilHealthy(service, { PORT: port }).catch((error: Error) => {
        throw new Error(`${error.message}; ${name} log:\n${logs[name]}`);
      });
      const health = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as {
        vault?: { reachable?: boolean };
      };
      expect(health.vault?.reachable).toBe(true);
    },
    30_000,
  );
});
