// docker-compose.yml, Dockerfile and .dockerignore checked without Docker: their rules, parsed.
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_PORTS } from '@socialvault/common';
import { loadMcpConfig } from '@socialvault/mcp-kit';
import { loadVaultConfig, parseServiceIdentities } from '@socialvault/vault';
import { generateSecrets } from '../scripts/generate-secrets';
import {
  composeText,
  environmentOf,
  interpolate,
  loadCompose,
  networksOf,
  parsePort,
  readEnvExample,
  references,
  ROOT,
  variablesRead,
} from './stack/compose';
import { loadPresentServers } from './stack/mcp-servers';
import buildEntries from '../scripts/build-entries.json';

const example = readEnvExample();
/** What a user's .env holds after `cp .env.example .env && pnpm generate-secrets --write .env`. */
const userEnv = { ...example.values, ...generateSecrets() };
const compose = loadCompose(userEnv);
const services = compose.services;

const MCP_SERVICES: Record<string, { platform: string; port: number; packageDir: string }> = {
  'instagram-mcp': { platform: 'instagram', port: DEFAULT_PORTS.mcp.instagram, packageDir: 'mcp-instagram' },
  'threads-mcp': { platform: 'threads', port: DEFAULT_PORTS.mcp.threads, packageDir: 'mcp-threads' },
  'x-mcp': { platform: 'x', port: DEFAULT_PORTS.mcp.x, packageDir: 'mcp-x' },
  'linkedin-mcp': { platform: 'linkedin', port: DEFAULT_PORTS.mcp.linkedin, packageDir: 'mcp-linkedin' },
  'mastodon-mcp': { platform: 'mastodon', port: DEFAULT_PORTS.mcp.mastodon, packageDir: 'mcp-mastodon' },
};
const APP_SERVICES = ['vault', 'broker', ...Object.keys(MCP_SERVICES)];
/** Services that run once per `up` and exit (no health check; dependents wait for service_completed_successfully). */
const ONE_SHOT_SERVICES = ['broker-db-init'];

describe('docker-compose.yml services', () => {
  it('runs postgres, the vault, the broker with its database init, the five MCP servers, n8n and NocoDB with its own database', () => {
    expect(Object.keys(services).sort()).toEqual(
      [
        'postgres',
        'vault',
        'broker-db-init',
        'broker',
        ...Object.keys(MCP_SERVICES),
        'n8n',
        'nocodb',
        'nocodb-db',
      ].sort(),
    );
    expect(environmentOf(services.nocodb!).NC_DB).toMatch(/^pg:\/\/nocodb-db:5432\?/);
    expect(environmentOf(services.vault!).DATABASE_URL).toMatch(
      /^postgres:\/\/socialvault:[^@]+@postgres:5432\/socialvault$/,
    );
  });

  it('gives every long-running service a health check and makes every dependency wait for it to be healthy (or done)', () => {
    for (const [name, service] of Object.entries(services)) {
      const test = service.healthcheck?.test;
      const oneShot = ONE_SHOT_SERVICES.includes(name);
      expect({ name, test: Array.isArray(test) && test.length > 1 }).toEqual({ name, test: !oneShot });
      if (oneShot) expect({ name, restart: service.restart }).toEqual({ name, restart: 'no' });
      for (const [dependency, condition] of Object.entries(service.depends_on ?? {})) {
        expect(Object.keys(services)).toContain(dependency);
        expect({ name, dependency, condition }).toEqual({
          name,
          dependency,
          condition: {
            condition: ONE_SHOT_SERVICES.includes(dependency)
              ? 'service_completed_successfully'
              : 'service_healthy',
          },
        });
      }
    }
    expect(Object.keys(services.vault!.depends_on!)).toEqual(['postgres']);
    expect(Object.keys(services['broker-db-init']!.depends_on!)).toEqual(['postgres']);
    expect(Object.keys(services.broker!.depends_on!).sort()).toEqual(['broker-db-init', 'postgres', 'vault']);
    for (const mcp of Object.keys(MCP_SERVICES))
      expect(Object.keys(services[mcp]!.depends_on!)).toEqual(['vault']);
    expect(Object.keys(services.n8n!.depends_on!).sort()).toEqual(
      [...Object.keys(MCP_SERVICES), 'nocodb'].sort(),
    );
  });

  it('makes every MCP server listen on all container interfaces and answer its service name (DNS rebinding)', () => {
    for (const [name, { port }] of Object.entries(MCP_SERVICES)) {
      const env = environmentOf(services[name]!);
      expect({ name, host: env.HOST }).toEqual({ name, host: '0.0.0.0' });
      const allowed = (env.MCP_ALLOWED_HOSTS ?? '').split(',');
      expect({ name, allowed }).toEqual({ name, allowed: expect.arrayContaining([`${name}:${port}`]) });
      expect({ name, origins: env.MCP_ALLOWED_ORIGINS }).toEqual({ name, origins: '' });
    }
    expect(environmentOf(services.vault!).VAULT_HOST).toBe('0.0.0.0');
  });

  it("checks each MCP server's own PORT in its health check and both vault listeners in the vault's", () => {
    const mcpCheck = JSON.stringify(services['instagram-mcp']!.healthcheck!.test);
    expect(mcpCheck).toContain("'http://127.0.0.1:'+process.env.PORT+'/health'");
    expect(JSON.stringify(services.vault!.healthcheck!.test)).toContain('[3006,3007]');
    expect(JSON.stringify(services.broker!.healthcheck!.test)).toContain("'http://127.0.0.1:3030/health'");
  });
});

describe('docker-compose.yml exposure', () => {
  it("publishes only the vault's ingress 3006, the broker's 3030, n8n's 5678, NocoDB's 8080 and the media stores 3015/3016", () => {
    const published = Object.entries(services).flatMap(([name, service]) =>
      (service.ports ?? []).map((spec) => ({ name, ...parsePort(spec) })),
    );
    expect(published).toEqual([
      { name: 'vault', hostIp: '127.0.0.1', published: '3006', target: 3006 },
      { name: 'broker', hostIp: '127.0.0.1', published: '3030', target: 3030 },
      { name: 'instagram-mcp', hostIp: '127.0.0.1', published: '3015', target: 3015 },
      { name: 'threads-mcp', hostIp: '127.0.0.1', published: '3016', target: 3016 },
      { name: 'nocodb', hostIp: '127.0.0.1', published: '8080', target: 8080 },
      { name: 'n8n', hostIp: '127.0.0.1', published: '5678', target: 5678 },
    ]);
    for (const service of Object.values(services)) expect(service.expose).toBeUndefined();
  });

  it('binds the published ports to PUBLISH_ADDRESS, localhost unless set', () => {
    const exposed = loadCompose({ ...userEnv, PUBLISH_ADDRESS: '0.0.0.0' });
    expect(exposed.services.vault!.ports).toEqual(['0.0.0.0:3006:3006']);
    expect(exposed.services.broker!.ports).toEqual(['0.0.0.0:3030:3030']);
  });

  it('puts every service on the one network and nothing else', () => {
    expect(Object.keys(compose.networks ?? {})).toEqual(['socialvault']);
    for (const [name, service] of Object.entries(services)) {
      expect({ name, networks: networksOf(service) }).toEqual({ name, networks: ['socialvault'] });
    }
    // An `internal: true` network would cut the servers off the platforms' APIs and unpublish the ports.
    expect((compose.networks!.socialvault as { internal?: boolean } | null)?.internal).toBeUndefined();
  });
});

describe('docker-compose.yml secrets and variables', () => {
  const text = composeText();

  it('hard-codes no secret: every secret-looking variable is interpolated from .env and required', () => {
    const raw = loadCompose(
      new Proxy({}, { get: (_target, key) => `<${String(key)}>` }) as Record<string, string>,
    );
    for (const [name, service] of Object.entries(raw.services)) {
      for (const [key, value] of Object.entries(environmentOf(service))) {
        if (!/PASSWORD|SECRET|TOKEN|_KEY|KEYS|JWT|DATABASE_URL|NC_DB/.test(key)) continue;
        if (value === '' || /^(true|false)$/.test(value)) continue;
        expect({ name, key, fromEnv: /<[A-Z0-9_]+>/.test(value) }).toEqual({ name, key, fromEnv: true });
      }
    }
    for (const secret of Object.keys(generateSecrets())) {
      const uses = references(text).filter((reference) => reference.name === secret);
      expect({ secret, used: uses.length > 0 }).toEqual({ secret, used: true });
      for (const use of uses) expect({ secret, operator: use.operator }).toEqual({ secret, operator: ':?' });
    }
  });

  it('refuses to start while a required secret is empty, naming it', () => {
    const { POSTGRES_PASSWORD: _omitted, ...withoutPassword } = userEnv;
    expect(() => loadCompose({ ...withoutPassword, POSTGRES_PASSWORD: '' })).toThrow(
      'required variable POSTGRES_PASSWORD is missing a value',
    );
    expect(() => interpolate('${BROKER_API_KEY:?set it}', {})).toThrow('BROKER_API_KEY');
  });

  it('documents in .env.example every variable the compose file reads', () => {
    const undocumented = [...new Set(references(text).map((reference) => reference.name))].filter(
      (name) => !example.documented.has(name),
    );
    expect(undocumented).toEqual([]);
  });

  it('gives the vault a complete production configuration: DATABASE_URL set, so no embedded PostgreSQL', () => {
    const env = environmentOf(services.vault!);
    expect(env.NODE_ENV).toBe('production');
    expect(env.DATABASE_URL).toBeTruthy();
    const config = loadVaultConfig(env);
    expect(config.production).toBe(true);
    expect(config.databaseUrl).toBe(env.DATABASE_URL);
    expect(config.allowInsecureUrls).toBe(false);
    expect(config.refresh.eventsWebhookUrl).toBe('http://n8n:5678/webhook/socialvault-reconnect');
  });

  it('sets or documents every variable the vault reads', () => {
    const env = environmentOf(services.vault!);
    const read = variablesRead((proxy) => loadVaultConfig(proxy), env);
    expect(read.size).toBeGreaterThan(5);
    expect([...read].filter((name) => !(name in env) && !example.documented.has(name))).toEqual([]);
  });

  it('wires each MCP server to the vault with its own identity, scoped to its platform', () => {
    const identities = parseServiceIdentities(environmentOf(services.vault!).VAULT_SERVICE_TOKENS!);
    for (const [name, { platform, port }] of Object.entries(MCP_SERVICES)) {
      const env = environmentOf(services[name]!);
      const identity = identities.find((candidate) => candidate.name === name);
      expect(identity).toBeDefined();
      expect(identity!.platforms).toEqual([platform]);
      expect(identity!.secret).toBe(env.VAULT_TOKEN);
      expect(env.VAULT_URL).toBe('http://vault:3007');
      expect(env.PORT).toBe(String(port));
      expect(env.NODE_ENV).toBe('production');
    }
    const n8n = identities.find((candidate) => candidate.name === 'n8n');
    expect(n8n?.access).toBe('metadata');
  });

  it('gives every MCP server in this checkout a configuration it accepts, and sets or documents what it reads', () => {
    const servers = loadPresentServers();
    expect(servers.map((server) => server.packageDir)).toContain('mcp-instagram');
    for (const server of servers) {
      const [serviceName] = Object.entries(MCP_SERVICES).find(
        ([, entry]) => entry.packageDir === server.packageDir,
      )!;
      const env = environmentOf(services[serviceName]!);
      const config = loadMcpConfig(server.spec, env);
      expect(config.port).toBe(MCP_SERVICES[serviceName]!.port);
      expect(server.spec.defaultPort).toBe(MCP_SERVICES[serviceName]!.port);
      const read = variablesRead((proxy) => loadMcpConfig(server.spec, proxy), env);
      expect({
        server: server.packageDir,
        unset: [...read].filter((n) => !(n in env) && !example.documented.has(n)),
      }).toEqual({
        server: server.packageDir,
        unset: [],
      });
    }
  });
});

describe('the socialvault image', () => {
  const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
  const rootPackage = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    packageManager: string;
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };

  it("runs each app service's bundle of `pnpm build` with node: no tsx, no TypeScript at run time", () => {
    for (const tool of ['tsx', 'typescript', 'esbuild']) {
      expect({ tool, production: rootPackage.dependencies[tool] }).toEqual({ tool, production: undefined });
      expect(rootPackage.devDependencies[tool]).toBeDefined();
    }
    for (const name of APP_SERVICES) {
      const service = services[name]!;
      expect(service.image).toBe('socialvault:local');
      expect(service.build).toEqual({ context: '.', dockerfile: 'Dockerfile' });
      const [node, bundle, ...rest] = service.command!;
      expect([node, rest]).toEqual(['node', []]);
      const source = buildEntries[/^dist\/(.+)\.js$/.exec(bundle!)?.[1] as keyof typeof buildEntries];
      expect({ name, bundle, source: source && fs.existsSync(path.join(ROOT, source)) }).toEqual({
        name,
        bundle,
        source: true,
      });
    }
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/vault\.js"\]$/m);
  });

  it('is a multi-stage build that bundles, then installs production dependencies afresh and drops the TypeScript sources', () => {
    const stages = dockerfile.match(/^FROM .+$/gm) ?? [];
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toContain(`npm install -g ${rootPackage.packageManager}`);
    const build = dockerfile.slice(0, dockerfile.lastIndexOf('\nFROM '));
    const steps = [
      'pnpm install --offline --frozen-lockfile \\',
      '&& pnpm build',
      'rm -rf node_modules packages/*/node_modules',
      'pnpm install --offline --frozen-lockfile --prod',
      "find packages -name '*.ts' -type f -delete",
    ].map((step) => build.indexOf(step));
    expect(steps.every((at) => at >= 0)).toBe(true);
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).not.toMatch(/^RUN .*pnpm install/m);
    expect(runtime).not.toMatch(/tsx/);
    for (const name of APP_SERVICES) expect(services[name]!.user).toBeUndefined();
  });

  it('keeps local state, secrets and dependencies out of the build context', () => {
    const ignored = fs.readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['.env', '**/node_modules', '**/.data', '.git', 'dist'])
      expect(ignored).toContain(entry);
  });
});
