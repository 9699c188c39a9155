// `pnpm test:n8n`: the shipped workflows in a real n8n 2.40.7 with a real NocoDB 0.301.3 against `pnpm start`:
// install (cached), start, bootstrap NocoDB, create the n8n credentials, import, run, check rows and statuses.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findFreePort } from '@socialvault/common/testing';
import { MCP_SERVERS } from '../stack/services';
import { DAILY_INSIGHTS_ID } from '../n8n/workflows/daily-insights';
import { PUBLISH_CALENDAR_ID } from '../n8n/workflows/publish-calendar';
import { RECONNECT_ALERT_ID } from '../n8n/workflows/reconnect-alert';
import { ROOT, startEnvironment, type Environment } from './environment';
import { cacheDirFrom, installTools, type InstalledTools } from './install';
import { N8nClient } from './n8n-client';
import { NocoData } from './nocodb';
import { checkCalendar, checkDailyInsights, checkReconnectAlert, type Check } from './checks';
import { seedAccounts } from './seed';

const log = (line: string): void => console.log(`[test:n8n] ${line}`);
const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');

/**
 * The rendered workflows with the compose addresses replaced by this machine's: each MCP service by its
 * `pnpm start` port, the vault's internal listener by the port it got here.
 */
function localWorkflows(buildDir: string, outDir: string, env: Environment): void {
  fs.mkdirSync(outDir, { recursive: true });
  for (const file of fs.readdirSync(buildDir).filter((name) => name.endsWith('.json'))) {
    let text = fs.readFileSync(path.join(buildDir, file), 'utf8');
    for (const server of MCP_SERVERS) {
      text = text
        .split(`http://${server.serviceName}:${server.port}/`)
        .join(`http://127.0.0.1:${server.port}/`);
    }
    text = text.split('http://vault:3007/').join(`${env.vaultInternalUrl}/`);
    fs.writeFileSync(path.join(outDir, file), text);
  }
}

async function prepareN8n(
  env: Environment,
  tools: InstalledTools,
  noco: NocoData,
): Promise<{ n8n: N8nClient; credentialIds: string[] }> {
  const n8n = new N8nClient(env.n8nUrl, tools.n8nDir);
  await n8n.setupOwner('e2e@example.com', `N8n-${env.mcpAuthToken.slice(0, 12)}`);
  // Credentials first: n8n links imported nodes to credentials by name, and only while importing.
  const credentialIds = [
    await n8n.createCredential('socialvault MCP', 'httpBearerAuth', { token: env.mcpAuthToken }),
    await n8n.createCredential('socialvault vault', 'httpBearerAuth', { token: env.n8nVaultToken }),
    await n8n.createCredential('socialvault NocoDB', 'nocoDbApiToken', {
      apiToken: await noco.createApiToken('n8n (pnpm test:n8n)'),
      host: env.nocodbUrl,
    }),
  ];
  log('n8n owner and credentials created through /rest');

  const buildDir = path.join(env.workDir, 'build');
  execFileSync(tsx, ['scripts/nocodb-bootstrap.ts', '--workflows-out', buildDir], {
    cwd: ROOT,
    stdio: 'inherit',
    env: {
      ...process.env,
      NOCODB_URL: env.nocodbUrl,
      NOCODB_API_TOKEN: '',
      NC_ADMIN_EMAIL: env.ncAdmin.email,
      NC_ADMIN_PASSWORD: env.ncAdmin.password,
      VAULT_EVENTS_SECRET: env.eventsSecret,
    },
  });
  const importDir = path.join(env.workDir, 'import');
  localWorkflows(buildDir, importDir, env);
  execFileSync(
    tsx,
    ['scripts/n8n/import.ts', '--dir', importDir, '--n8n-command', `${tools.node24} ${tools.n8nBin}`],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...env.n8nEnv, N8N_RUNNERS_BROKER_PORT: String(await findFreePort()) },
    },
  );
  log('pnpm n8n:import: 4 workflows imported, one n8n import:workflow call each');
  return { n8n, credentialIds };
}

async function run(tools: InstalledTools, workDir: string, checks: Check[]): Promise<void> {
  log(`starting pnpm start, NocoDB and n8n (logs in ${path.join(workDir, 'logs')})…`);
  const env = await startEnvironment(tools, workDir);
  try {
    log(`up: n8n ${env.n8nUrl}, NocoDB ${env.nocodbUrl}, vault ${env.vaultIngressUrl}`);
    const accounts = await seedAccounts(env);
    log(`${accounts.length} accounts connected in the vault, a first post each`);
    const noco = await NocoData.signIn(env.nocodbUrl, env.ncAdmin.email, env.ncAdmin.password);
    const { n8n, credentialIds } = await prepareN8n(env, tools, noco);
    for (const id of [DAILY_INSIGHTS_ID, PUBLISH_CALENDAR_ID, RECONNECT_ALERT_ID]) {
      const workflow = await n8n.workflow(id);
      checks.push({ name: `import leaves ${id} inactive (documented: re-activate)`, ok: !workflow.active });
    }
    const linked = (await n8n.workflow(DAILY_INSIGHTS_ID)).nodes.every((node) =>
      Object.values((node.credentials ?? {}) as Record<string, { id: string }>).every((ref) =>
        credentialIds.includes(ref.id),
      ),
    );
    checks.push({ name: 'import linked every credential of workflow 1 by name', ok: linked });
    await n8n.activate(RECONNECT_ALERT_ID);
    const tables = await noco.tableIds('socialvault');

    checks.push(...(await checkCalendar(n8n, noco, tables, accounts)));
    checks.push(...(await checkDailyInsights(n8n, noco, tables, accounts)));
    checks.push(...(await checkReconnectAlert(n8n, accounts)));
  } finally {
    await env.stop();
  }
}

async function main(): Promise<number> {
  const started = Date.now();
  const tools = installTools(cacheDirFrom(process.env), log);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sv-test-n8n-'));
  // Run as root, `pnpm start`'s embedded PostgreSQL runs as another user, which must reach its data folder inside.
  fs.chmodSync(workDir, 0o755);
  const checks: Check[] = [];
  let failure: Error | undefined;
  try {
    await run(tools, workDir, checks);
  } catch (error) {
    failure = error as Error;
  }
  const failed = checks.filter((check) => !check.ok);
  console.log('\n── pnpm test:n8n summary ──');
  console.log(`n8n ${'2.40.7'} + NocoDB 0.301.3 (cache ${tools.cacheDir}) against pnpm start`);
  for (const check of checks)
    console.log(`${check.ok ? '✓' : '✗'} ${check.name}${check.detail ? ` — ${check.detail}` : ''}`);
  if (failure) {
    const cause = failure.cause instanceof Error ? ` (${failure.cause.message})` : '';
    console.log(`✗ aborted: ${failure.message}${cause}`);
    console.error(failure.stack);
  }
  const ok = !failure && failed.length === 0;
  console.log(
    `${ok ? 'PASS' : 'FAIL'}: ${checks.length - failed.length}/${checks.length} checks in ${Math.round((Date.now() - started) / 1000)} s`,
  );
  if (ok) fs.rmSync(workDir, { recursive: true, force: true });
  else console.log(`logs and data kept in ${workDir}`);
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
