// pnpm bench:memory's pure parts: its options and the table it prints.
import { idleMemoryTable, parseIdleMemoryOptions } from '../scripts/bench/idle-memory';

const DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

describe('parseIdleMemoryOptions', () => {
  it('waits 40 s and takes the median of 5 readings of dist/ by default', () => {
    expect(parseIdleMemoryOptions([], { DATABASE_URL })).toEqual({
      databaseServerUrl: DATABASE_URL,
      settleS: 40,
      samples: 5,
      distDir: 'dist',
      json: undefined,
    });
  });

  it('takes another build folder, settle time and sample count', () => {
    expect(
      parseIdleMemoryOptions(['--dist', 'dist-main', '--settle', '5', '--samples', '3'], { DATABASE_URL }),
    ).toMatchObject({ distDir: 'dist-main', settleS: 5, samples: 3 });
  });

  it('refuses a missing DATABASE_URL, a bad sample count and a folder not directly under the root', () => {
    expect(() => parseIdleMemoryOptions([], {})).toThrow('DATABASE_URL is required');
    expect(() => parseIdleMemoryOptions(['--samples', '0'], { DATABASE_URL })).toThrow(
      '--samples must be a positive integer',
    );
    expect(() => parseIdleMemoryOptions(['--dist', '../elsewhere'], { DATABASE_URL })).toThrow(
      '--dist must be a folder name directly under the repository root',
    );
  });
});

describe('idleMemoryTable', () => {
  it('prints a row per process and the whole stack as their sums', () => {
    const table = idleMemoryTable([
      { process: 'vault', rssMiB: 88, pssMiB: 43, anonMiB: 39.6, fileMiB: 48.4 },
      { process: 'mcp-x', rssMiB: 67.2, pssMiB: 25.1, anonMiB: 24, fileMiB: 43.2 },
    ]);
    expect(table.split('\n')).toEqual([
      '| process | RSS MiB | PSS MiB | anonymous MiB | file-backed MiB |',
      '| --- | --: | --: | --: | --: |',
      '| vault | 88.0 | 43.0 | 39.6 | 48.4 |',
      '| mcp-x | 67.2 | 25.1 | 24.0 | 43.2 |',
      '| whole stack | 155.2 | 68.1 | 63.6 | 91.6 |',
    ]);
  });

  it('shows n/a where /proc had no smaps_rollup, and no total for that column', () => {
    const table = idleMemoryTable([
      { process: 'vault', rssMiB: 88, pssMiB: null, anonMiB: null, fileMiB: null },
    ]);
    expect(table.split('\n').slice(2)).toEqual([
      '| vault | 88.0 | n/a | n/a | n/a |',
      '| whole stack | 88.0 | n/a | n/a | n/a |',
    ]);
  });
});
