// The NocoDB bootstrap against a strict fake of the v2 meta API: creates, is idempotent, adds without dropping.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bootstrapNocoDb } from '../scripts/nocodb/bootstrap';
import { NocoMetaClient } from '../scripts/nocodb/client';
import { loadSchema, type NocoSchema } from '../scripts/nocodb/schema';
import { FakeNocoDb } from './stack/fake-nocodb';

const ROOT = path.resolve(__dirname, '..');
const TOKEN = 'nc-token-canary-5b1f0e7d9a';
const schema = loadSchema();

let fake: FakeNocoDb;
beforeEach(async () => {
  fake = await new FakeNocoDb(TOKEN).start();
});
afterEach(async () => {
  await fake.stop();
});

const client = (): NocoMetaClient => new NocoMetaClient(fake.url, { apiToken: TOKEN });

describe('bootstrapNocoDb', () => {
  it('creates the base, every table with every schema column plus Id, and the filtered views', async () => {
    const report = await bootstrapNocoDb(client(), schema);

    expect(fake.bases.map((base) => base.title)).toEqual(['socialvault']);
    expect(report.baseId).toBe(fake.bases[0]!.id);
    for (const spec of schema.tables) {
      const table = fake.table(spec.title)!;
      expect(report.tableIds[spec.title]).toBe(table.id);
      expect(table.columns.map((column) => column.column_name)).toEqual([
        'id',
        ...spec.columns.map((c) => c.name),
      ]);
      for (const column of spec.columns) {
        const created = table.columns.find((c) => c.column_name === column.name)!;
        expect(created.uidt).toBe(column.uidt);
        expect(created.title).toBe(column.name);
      }
    }
    const calendarStatus = fake.table('content_calendar')!.columns.find((c) => c.column_name === 'status')!;
    expect(calendarStatus.dtxp).toBe("'draft','scheduled','publishing','published','partial','failed'");
    const insights = fake.table('insights')!;
    const platformColumn = insights.columns.find((c) => c.column_name === 'platform')!;
    const instagramView = insights.views.find((view) => view.title === 'instagram_insights')!;
    expect(instagramView.filters).toEqual([
      { fk_column_id: platformColumn.id, comparison_op: 'eq', value: 'instagram' },
    ]);
    expect(fake.table('posts')!.views.map((view) => view.title)).toEqual([
      'posts',
      'instagram_posts',
      'threads_posts',
      'x_posts',
      'linkedin_posts',
      'mastodon_posts',
    ]);
    expect(report.warnings).toEqual([]);
  });

  it('changes nothing on a second run: only GET requests, an empty change list', async () => {
    await bootstrapNocoDb(client(), schema);
    const before = JSON.stringify(fake.bases);
    const writesBefore = fake.writes.length;

    const second = await bootstrapNocoDb(client(), schema);

    expect(second.changes).toEqual([]);
    expect(fake.writes.length).toBe(writesBefore);
    expect(JSON.stringify(fake.bases)).toBe(before);
  });

  it('adds only the missing columns to an existing table and keeps its rows and extra columns', async () => {
    const rows = [{ Id: 1, row_key: 'instagram:1784:2025-05-01', reach: 10, note: 'kept' }];
    fake.seedTable(
      'socialvault',
      'insights',
      [
        { name: 'row_key', uidt: 'SingleLineText' },
        { name: 'reach', uidt: 'Number' },
        { name: 'note', uidt: 'LongText' },
      ],
      rows,
    );

    const report = await bootstrapNocoDb(client(), schema);

    const table = fake.table('insights')!;
    expect(table.rows).toEqual(rows);
    expect(table.columns.map((c) => c.column_name)).toContain('note');
    const insightsSpec = schema.tables.find((t) => t.title === 'insights')!;
    const added = insightsSpec.columns.filter((c) => !['row_key', 'reach'].includes(c.name));
    expect(report.changes.filter((line) => line.startsWith('add column insights.'))).toEqual(
      added.map((c) => `add column insights.${c.name} (${c.uidt})`),
    );
    expect(fake.writes.filter((w) => w.startsWith('DELETE') || w.startsWith('PATCH'))).toEqual([]);
    expect(fake.writes.filter((w) => w === `POST /api/v2/meta/tables/${table.id}/columns`)).toHaveLength(
      added.length,
    );
  });

  it('reports a column whose type differs and leaves it as it is', async () => {
    fake.seedTable('socialvault', 'posts', [{ name: 'likes', uidt: 'SingleLineText' }], []);

    const report = await bootstrapNocoDb(client(), schema);

    expect(fake.table('posts')!.columns.find((c) => c.column_name === 'likes')!.uidt).toBe('SingleLineText');
    expect(report.warnings).toContain(
      'posts.likes is SingleLineText in NocoDB, Number in the schema: left as it is',
    );
  });

  it('adds a column that a newer schema declares', async () => {
    await bootstrapNocoDb(client(), schema);
    const newer: NocoSchema = {
      ...schema,
      tables: schema.tables.map((t) =>
        t.title === 'posts'
          ? { ...t, columns: [...t.columns, { name: 'hashtags', uidt: 'LongText' as const }] }
          : t,
      ),
    };

    const report = await bootstrapNocoDb(client(), newer);

    expect(report.changes).toEqual(['add column posts.hashtags (LongText)']);
    expect(fake.table('posts')!.columns.at(-1)!.column_name).toBe('hashtags');
  });

  it('plans without writing in a dry run', async () => {
    const report = await bootstrapNocoDb(client(), schema, { dryRun: true });

    expect(report.changes[0]).toBe('create base socialvault');
    expect(report.changes).toContain('create table content_calendar (10 columns)');
    expect(fake.writes).toEqual([]);
  });

  it('signs in with the admin e-mail and password when no API token is given', async () => {
    const signedIn = await NocoMetaClient.signIn(fake.url, 'admin@example.com', 'admin-password-1');

    await bootstrapNocoDb(signedIn, schema);

    expect(fake.table('content_calendar')).toBeDefined();
  });

  it('fails on a wrong token with NocoDB status and message, never the token', async () => {
    const wrong = new NocoMetaClient(fake.url, { apiToken: 'wrong-token-canary-77' });

    const failure = await bootstrapNocoDb(wrong, schema).catch((error: Error) => error);

    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe(
      'NocoDB GET /api/v2/meta/bases answered 401: Authentication required - invalid token',
    );
    expect((failure as Error).message).not.toContain('canary');
  });
});

function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/nocodb-bootstrap.ts', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('pnpm nocodb:bootstrap (the script as a process)', () => {
  it('bootstraps, writes the workflows with the ids filled in, and reports "up to date" the second time', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sv-n8n-build-'));
    try {
      const env = { NOCODB_URL: fake.url, NOCODB_API_TOKEN: TOKEN };
      const first = await runCli(['--workflows-out', out], env);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout).toContain('create table insights');
      const insightsId = fake.table('insights')!.id;
      const rendered = fs.readdirSync(out).map((file) => fs.readFileSync(path.join(out, file), 'utf8'));
      expect(rendered.length).toBe(fs.readdirSync(path.join(ROOT, 'n8n', 'workflows')).length);
      expect(rendered.join('\n')).not.toMatch(/__NOCODB_/);
      expect(rendered.join('\n')).toContain(insightsId);

      const second = await runCli(['--no-workflows'], env);
      expect(second.code).toBe(0);
      expect(second.stdout).toContain('up to date: nothing to change');
      expect(`${first.stdout}${second.stdout}`).not.toContain(TOKEN);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('exits 1 with one line when neither a token nor admin credentials are set', async () => {
    const result = await runCli([], { NOCODB_URL: fake.url });

    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'Set NOCODB_API_TOKEN (or NC_ADMIN_EMAIL and NC_ADMIN_PASSWORD) to reach NocoDB.',
    );
  });
});
