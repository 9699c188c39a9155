// `pnpm nocodb:bootstrap`: creates the NocoDB base and tables n8n fills (nocodb/schema.json), idempotently,
// then writes the n8n workflows with the NocoDB ids filled in (n8n/build/) ready to import.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadDotEnv } from '@socialvault/common';
import { bootstrapNocoDb } from './nocodb/bootstrap';
import { NocoMetaClient } from './nocodb/client';
import { DEFAULT_SCHEMA_FILE, loadSchema } from './nocodb/schema';
import { RENDERED_WORKFLOWS_DIR, renderWorkflows, WORKFLOWS_DIR } from './n8n/render';

const USAGE = `Usage: pnpm nocodb:bootstrap [--dry-run] [--schema FILE] [--workflows-out DIR | --no-workflows]

Creates the base, tables, columns and views of nocodb/schema.json in NocoDB. Running it again changes
nothing; a column added to the schema is added to the table, existing data and columns are never touched.
Then writes n8n/workflows/*.json with the NocoDB ids filled in to n8n/build/ (import those into n8n).

Environment (read from .env, then the environment):
  NOCODB_URL          NocoDB's address from where this runs (default http://127.0.0.1:8080)
  NOCODB_API_TOKEN    an API token (NocoDB: Account settings → Tokens), sent as xc-token
  NC_ADMIN_EMAIL, NC_ADMIN_PASSWORD
                      used to sign in when NOCODB_API_TOKEN is unset (the super admin compose creates)
  VAULT_EVENTS_SECRET written into the reconnect-alert workflow, which checks the vault's event signatures`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      'dry-run': { type: 'boolean', default: false },
      schema: { type: 'string', default: DEFAULT_SCHEMA_FILE },
      'workflows-out': { type: 'string', default: RENDERED_WORKFLOWS_DIR },
      'no-workflows': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  loadDotEnv();
  const url = process.env.NOCODB_URL || 'http://127.0.0.1:8080';
  const schema = loadSchema(path.resolve(values.schema));
  let client: NocoMetaClient;
  if (process.env.NOCODB_API_TOKEN) {
    client = new NocoMetaClient(url, { apiToken: process.env.NOCODB_API_TOKEN });
  } else if (process.env.NC_ADMIN_EMAIL && process.env.NC_ADMIN_PASSWORD) {
    client = await NocoMetaClient.signIn(url, process.env.NC_ADMIN_EMAIL, process.env.NC_ADMIN_PASSWORD);
  } else {
    console.error('Set NOCODB_API_TOKEN (or NC_ADMIN_EMAIL and NC_ADMIN_PASSWORD) to reach NocoDB.');
    return 1;
  }

  const dryRun = values['dry-run'];
  console.log(`NocoDB at ${url}, base "${schema.base}"${dryRun ? ' (dry run: nothing is changed)' : ''}`);
  const report = await bootstrapNocoDb(client, schema, { dryRun, log: (line) => console.log(`  ${line}`) });
  if (report.changes.length === 0) console.log('  up to date: nothing to change');
  const ids = Object.entries(report.tableIds).map(([title, id]) => `${title}=${id ?? '(new)'}`);
  console.log(`Base id ${report.baseId ?? '(new)'}; tables ${ids.join(', ')}`);

  if (!dryRun && !values['no-workflows'] && report.baseId) {
    const tableIds = Object.fromEntries(
      Object.entries(report.tableIds).filter((entry): entry is [string, string] => entry[1] !== null),
    );
    const outDir = path.resolve(values['workflows-out']);
    const rendered = renderWorkflows(
      { baseId: report.baseId, tableIds, eventsSecret: process.env.VAULT_EVENTS_SECRET || undefined },
      WORKFLOWS_DIR,
      outDir,
    );
    console.log(`Wrote ${rendered.written.length} n8n workflows with these ids to ${outDir}`);
    for (const file of rendered.withoutSecret) {
      console.log(
        `  ${path.basename(file)}: VAULT_EVENTS_SECRET is not set, so it refuses every event; set it and run again`,
      );
    }
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error((error as Error).message);
    process.exitCode = 1;
  },
);
