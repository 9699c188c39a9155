// pnpm start's supervisor: one stop per Ctrl-C, however many times the signal reaches it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Supervisor } from '../scripts/stack/supervisor';

jest.setTimeout(30_000);

it('signals each child once when stopAll runs twice (Ctrl-C relayed by pnpm)', async () => {
  const logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'supervisor-')), 'signals.log');
  const unexpected: string[] = [];
  const supervisor = new Supervisor((name) => unexpected.push(name));
  supervisor.start({
    name: 'counter',
    entry: 'test/stack/count-sigterms.js',
    env: { PATH: process.env.PATH, SIGNAL_LOG: logFile },
    healthUrl: 'http://127.0.0.1:1/unused',
  });
  const deadline = Date.now() + 20_000;
  while (!fs.existsSync(logFile) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));

  const first = supervisor.stopAll();
  const second = supervisor.stopAll();
  await Promise.all([first, second]);

  expect(fs.readFileSync(logFile, 'utf8').trim().split('\n')).toEqual(['started', 'SIGTERM']);
  expect(second).toBe(first);
  expect(unexpected).toEqual([]);
});
