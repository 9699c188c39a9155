// Batched console logs in a real process: every line written by exit, in order, with secrets redacted.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const CHILD = path.join(__dirname, '..', 'test', 'batched-log-child.ts');
const TSX = ['--import', pathToFileURL(require.resolve('tsx')).href];
const SECRET = 'batched-secret-7f3a9c21d4e8b650';
const LINES = 2_000;

// A tsx child process takes 1-2 s to start, far more on a loaded 2-core machine.
jest.setTimeout(60_000);

interface ChildRun {
  status: number | null;
  /** The JSON lines of stdout, then those of stderr. */
  lines: Record<string, unknown>[];
  stdoutLines: Record<string, unknown>[];
  raw: string;
}

const parseLines = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

function runChild(): ChildRun {
  const result = spawnSync(process.execPath, [...TSX, CHILD], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      TEST_SECRET: SECRET,
      LINES: String(LINES),
    },
    encoding: 'utf8',
  });
  const raw = `${result.stdout}${result.stderr}`;
  const stdoutLines = parseLines(result.stdout);
  return { status: result.status, lines: [...stdoutLines, ...parseLines(result.stderr)], stdoutLines, raw };
}

describe('batched console logs', () => {
  it('writes every line logged before and after SIGTERM, in order, before the process exits', () => {
    const { status, lines, stdoutLines } = runChild();
    expect(status).toBe(0);
    const numbered = lines
      .map((line) => /^line (\d+)/.exec(String(line.message))?.[1])
      .filter((found): found is string => found !== undefined)
      .map(Number);
    // info lines go to stdout and warn lines to stderr: each stream keeps its own order.
    expect(numbered).toEqual(Array.from({ length: LINES }, (_, index) => index));
    const messages = lines.map((line) => line.message);
    expect(messages).toContain('SIGTERM received: logging the last lines');
    expect(messages).toContain(`during stop with [REDACTED]`);
    expect(stdoutLines.at(-1)?.message).toBe('child stopped');
  });

  it('redacts registered secrets, secret-named fields and bearer values in batched lines', () => {
    const { raw, lines } = runChild();
    expect(raw).not.toContain(SECRET);
    expect(lines.find((line) => line.message === 'line 0 token [REDACTED]')).toBeDefined();
    expect(lines.find((line) => line.message === `line ${LINES - 1}`)?.detail).toBe('Bearer [REDACTED]');
    expect(lines.find((line) => line.message === 'during stop with [REDACTED]')?.access_token).toBe(
      '[REDACTED]',
    );
  });
});
