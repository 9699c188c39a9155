// The app services of docker-compose.yml run as compose would run them (same command, same environment,
// only hosts and ports moved to this machine), and their own health check commands pass.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createScratchDatabase, findFreePort, type ScratchDatabase } from '@socialvault/common';
import { generateSecrets } from '../scripts/generate-secrets';
import { environmentOf, loadCompose, readEnvExample, ROOT, type ComposeService } from './stack/compose';

const compose = loadCompose({ ...readEnvExample().values, ...generateSecrets() });
const MCP_SERVICES = ['instagram-mcp', 'threads-mcp', 'x-mcp', 'linkedin-mcp', 'mastodon-mcp'];
/** The MCP services whose package is in this checkout (the others are noted and left out). */
const present = MCP_SERVICES.filter((name) => {
  const entry = compose.services[name]!.command!.at(-1)!;
  const exists = fs.existsSync(path.join(ROOT, path.dirname(entry), 'index.ts'));
  if (!exists) console.log(`note: ${name} (${entry}) is not in this checkout yet; not started`);
  return exists;
});

const children: ChildProcess[] = [];
let database: ScratchDatabase;
/** The vault's internal listener once the first test started it. */
let vaultInternalUrl = '';
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
  database = await createScratchDatabase(process.env.TEST_DATABASE_SERVER_URL!, 'compose');
}, 30_000);

afterAll(async () => {
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(
    children.map((child) => (child.exitCode === null ? new Promise((r) => child.once('close', r)) : null)),
  );
  await database?.drop();
});

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
  }, 30_000);

  it.each(present)(
    '%s starts against the vault and its health check passes',
    async (name) => {
      const service = compose.services[name]!;
      const port = String(await findFreePort());
      startService(name, service, {
        PORT: port,
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
