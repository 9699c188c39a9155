// pnpm bench's idle phase: the targets its rows hold each process of the stack to, and its options.
import { parseBenchOptions } from '../scripts/bench/options';
import { idleMemoryRows, idleRssTargetMiB } from '../scripts/bench/rows';

/** A process at idle that V8 has shrunk by 10 MiB since start-up, unless `startMiB` says otherwise. */
const row = (
  process: string,
  rssMiB: number,
  pssMiB: number | null = rssMiB / 2,
  startMiB = rssMiB + 10,
) => ({
  process,
  rssMiB,
  pssMiB,
  anonMiB: null,
  fileMiB: null,
  startMiB,
});

describe('idle phase options', () => {
  it('runs first and waits 90 s on dist/, 45 s with --quick (V8 shrinks an idle process 10 s to over 45 s after start-up)', () => {
    const full = parseBenchOptions([]);
    expect([...full.phases][0]).toBe('idle');
    expect(full).toMatchObject({ idleWaitS: 90, idleDistDir: 'dist' });
    const quick = parseBenchOptions(['--quick']);
    expect(quick.phases.has('idle')).toBe(true);
    expect(quick.idleWaitS).toBe(45);
  });

  it('runs alone with --only idle, with another wait and another build folder', () => {
    const options = parseBenchOptions(['--only', 'idle', '--idle-wait-s', '0', '--idle-dist', 'dist-main']);
    expect([...options.phases]).toEqual(['idle']);
    expect(options).toMatchObject({ idleWaitS: 0, idleDistDir: 'dist-main' });
  });

  it('refuses a wait that is not a whole number of seconds and a folder not directly under the root', () => {
    expect(() => parseBenchOptions(['--idle-wait-s=-1'])).toThrow('--idle-wait-s must be a whole number');
    expect(() => parseBenchOptions(['--idle-wait-s', '1.5'])).toThrow('--idle-wait-s must be a whole number');
    expect(() => parseBenchOptions(['--idle-dist', '../elsewhere'])).toThrow(
      '--idle-dist must be a folder name directly under the repository root',
    );
    expect(() => parseBenchOptions(['--idle-dist', '.hidden'])).toThrow('--idle-dist');
  });
});

describe('idle RSS rows', () => {
  it('holds each MCP server to 70 MiB and the vault to 80 MiB; the broker and the simulator have no target', () => {
    expect(
      ['mcp-instagram', 'mcp-threads', 'mcp-x', 'mcp-linkedin', 'mcp-mastodon'].map(idleRssTargetMiB),
    ).toEqual([70, 70, 70, 70, 70]);
    expect(idleRssTargetMiB('vault')).toBe(80);
    expect(idleRssTargetMiB('broker')).toBeUndefined();
    expect(idleRssTargetMiB('platform-sim')).toBeUndefined();
  });

  it('prints each process next to the bare node server with its verdict, then the stack total without one', () => {
    const rows = idleMemoryRows({
      waitS: 40,
      samples: 5,
      distDir: 'dist',
      baseline: row('bare node HTTP server', 44, 4),
      processes: [
        row('vault', 80, 40),
        row('mcp-x', 70.5, 30),
        row('mcp-threads', 68, 28),
        row('broker', 90, 45),
        row('platform-sim', 60, null),
      ],
    });
    expect(rows.map((r) => [r.subject, r.target, r.met])).toEqual([
      ['vault', '≤ 80 MiB', true],
      ['mcp-x', '≤ 70 MiB', false],
      ['mcp-threads', '≤ 70 MiB', true],
      ['broker', '', undefined],
      ['platform-sim', '', undefined],
      ['whole stack (5 processes, without PostgreSQL)', '', undefined],
    ]);
    expect(rows[0]).toMatchObject({
      measurement: 'memory (idle RSS)',
      result: '80.0 MiB (PSS 40.0)',
      baseline: '44.0 MiB (PSS 4.0) bare node HTTP server',
      comparison: '+36.0 MiB',
    });
    expect(rows[4]!.result).toBe('60.0 MiB (PSS n/a)');
    expect(rows[5]).toMatchObject({
      result: '368.5 MiB (PSS n/a)',
      baseline: '5 × the bare server: 220.0 MiB (PSS 20.0)',
      comparison: '+148.5 MiB',
    });
  });

  it('marks a process still at its start-up RSS, which V8 has not shrunk yet, and judges it all the same', () => {
    const [unshrunk, shrunk] = idleMemoryRows({
      waitS: 40,
      samples: 5,
      distDir: 'dist',
      baseline: row('bare node HTTP server', 44, 4),
      processes: [row('vault', 85.6, 41, 85), row('mcp-x', 64, 25, 74)],
    });
    expect(unshrunk).toMatchObject({
      subject: 'vault (still at its start-up RSS)',
      met: false,
    });
    expect(shrunk).toMatchObject({ subject: 'mcp-x', met: true });
  });
});
