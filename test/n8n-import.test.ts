// Getting the workflows into n8n: rendered copies the n8n container's user can read, one import call per file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importCommands, workflowFiles } from '../scripts/n8n/import';
import { renderWorkflows, WORKFLOWS_DIR } from '../scripts/n8n/render';
import { loadSchema } from '../scripts/nocodb/schema';

const tableIds = Object.fromEntries(loadSchema().tables.map((table) => [table.title, `m${table.title}`]));

describe('renderWorkflows', () => {
  it('writes n8n/build copies mode 0644, also over an earlier 0600 copy, so the container user can read them', () => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sv-render-'));
    try {
      fs.writeFileSync(path.join(outDir, '1-daily-insights.json'), '{}', { mode: 0o600 });
      const result = renderWorkflows(
        { baseId: 'pbase', tableIds, eventsSecret: 's3cret' },
        WORKFLOWS_DIR,
        outDir,
      );
      expect(result.written.map((file) => path.basename(file))).toEqual(workflowFiles(WORKFLOWS_DIR));
      for (const file of result.written) expect(fs.statSync(file).mode & 0o777).toBe(0o644);
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  });
});

describe('pnpm n8n:import', () => {
  const files = workflowFiles(WORKFLOWS_DIR);

  it('imports each file with its own n8n import:workflow call, never --separate (shared new tag rolls back)', () => {
    const commands = importCommands(files, {
      dir: 'n8n/build',
      command: 'docker compose exec -T n8n n8n',
      containerDir: '/socialvault/n8n/build',
    });
    expect(commands).toEqual(
      files.map((file) => [
        'docker',
        'compose',
        'exec',
        '-T',
        'n8n',
        'n8n',
        'import:workflow',
        `--input=/socialvault/n8n/build/${file}`,
      ]),
    );
    expect(files).toEqual([
      '1-daily-insights.json',
      '2-publish-calendar.json',
      '3-agent.json',
      '4-reconnect-alert.json',
    ]);
  });

  it('passes local paths to a local n8n', () => {
    const [first] = importCommands(files, {
      dir: 'n8n/build',
      command: '/opt/node24/bin/node /opt/n8n/bin/n8n',
      containerDir: null,
    });
    expect(first).toEqual([
      '/opt/node24/bin/node',
      '/opt/n8n/bin/n8n',
      'import:workflow',
      `--input=${path.resolve('n8n/build', files[0]!)}`,
    ]);
  });
});
