// pnpm bench's pure parts: options, percentiles, and the targets its table holds each measurement to.
import { parseBenchOptions } from '../scripts/bench/options';
import { markdownTable, textTable } from '../scripts/bench/report';
import {
  brokerCallbackRows,
  dataGrowthRows,
  heapRows,
  mcpOverheadRows,
  memoryRows,
  refreshSweepRows,
  tokenFetchRows,
} from '../scripts/bench/rows';
import { latencyStats, percentile } from '../scripts/bench/stats';

/** One target's latency in an interleaved or concurrent run: p99 twice the p50. */
const latency = (p50Ms: number, errors = 0) => ({
  count: 500,
  p50Ms,
  p99Ms: p50Ms * 2,
  meanMs: p50Ms,
  errors,
});

const stats = (rps: number, p50Ms: number, p99Ms: number) => ({
  count: 1000,
  p50Ms,
  p99Ms,
  meanMs: p50Ms,
  requests: 1000,
  durationS: 10,
  rps,
  non2xx: 0,
  errors: 0,
});

describe('bench options', () => {
  it('runs the seven measurements at the sizes of the issue by default, and shortens them with --quick', () => {
    const full = parseBenchOptions([]);
    expect([...full.phases]).toEqual(['idle', 'memory', 'token', 'mcp', 'broker', 'growth', 'sweep']);
    expect(full).toMatchObject({ brokerFlows: 20, brokerRounds: 10 });
    expect(full).toMatchObject({ tokenConnections: 50, sweepSizes: [1000, 10000], sweepLatencyMs: 20 });
    expect(full).toMatchObject({ memoryCalls: 10_000, leakCallsPerRound: 2_500 });
    expect(full.outFile).toMatch(/bench\/results\.json$/);
    const quick = parseBenchOptions(['--quick', '--only', 'token,sweep', '--sweep', '500,100']);
    expect([...quick.phases]).toEqual(['token', 'sweep']);
    expect(quick.sweepSizes).toEqual([100, 500]);
    expect(quick.tokenDurationS).toBeLessThan(full.tokenDurationS);
    expect(quick).toMatchObject({ memoryCalls: 1_000, leakCallsPerRound: 250, brokerFlows: 20 });
    expect(quick.brokerRounds).toBeLessThan(full.brokerRounds);
  });

  it('refuses unknown phases and options with the usage', () => {
    expect(() => parseBenchOptions(['--only', 'disk'])).toThrow(/unknown phase disk[\s\S]*pnpm bench/);
    expect(() => parseBenchOptions(['--calls', '0'])).toThrow(/--calls must be a positive integer/);
    expect(() => parseBenchOptions(['--fast'])).toThrow(/pnpm bench/);
  });
});

describe('latency statistics', () => {
  it('takes nearest-rank percentiles', () => {
    const samples = Array.from({ length: 100 }, (_, index) => 100 - index);
    expect(percentile(Float64Array.from(samples).sort(), 50)).toBe(50);
    expect(latencyStats(samples)).toEqual({ count: 100, p50Ms: 50, p99Ms: 99, meanMs: 50.5 });
    expect(latencyStats([]).count).toBe(0);
  });
});

describe('the bench table', () => {
  it('holds the token fetch to ratio ≥ 0.8 and p99 < 10 ms, before and after batching the audit', () => {
    const rows = tokenFetchRows({
      connections: 50,
      durationS: 10,
      vault: stats(900, 2, 8),
      vaultSyncAudit: stats(500, 5, 20),
      baseline: stats(1000, 1.5, 6),
      ratio: 0.9,
      ratioSyncAudit: 0.5,
    });
    expect(rows.map((row) => [row.subject, row.met])).toEqual([
      ['vault, audit row before serving (before): req/s, 50 conn.', false],
      ['vault, audit row before serving (before): CPU per request', undefined],
      ['vault, audit row before serving (before): p50 / p99', false],
      ['vault (batched audit): req/s, 50 conn.', true],
      ['vault (batched audit): CPU per request', undefined],
      ['vault (batched audit): p50 / p99', true],
    ]);
    expect(rows[3]).toMatchObject({ result: '900', baseline: '1,000', comparison: 'ratio 0.90' });
  });

  it('holds data growth to its ratio per comparison, and fails a comparison with failed calls', () => {
    const comparison = (what: 'token' | 'ledger', ratio: number, errors = 0) => ({
      what,
      table: what === 'token' ? ('credentials' as const) : ('publications' as const),
      rows: (what === 'token' ? [100, 100_000] : [1_000, 1_000_000]) as [number, number],
      small: { ...latency(2), errors: 0 },
      large: { ...latency(2 * ratio), errors },
      ratio,
      maxRatio: 1.2,
    });
    const rows = dataGrowthRows({
      seedS: [0.1, 20],
      calls: { token: 100, metadata_page: 100, ledger: 100 },
      comparisons: [comparison('token', 1.1), comparison('ledger', 1.3), comparison('token', 1, 2)],
    });
    expect(rows.map((row) => row.met)).toEqual([true, false, false]);
    expect(rows[0]).toMatchObject({
      subject: 'token fetch p50, 100 vs 100,000 credentials',
      comparison: '×1.10',
      target: '≤ 1.2',
    });
    expect(rows[2]!.subject).toMatch(/\(2 failed\)$/);
  });

  it('holds MCP to under 3 ms added at p50, and fails a form with failed calls', () => {
    const rows = mcpOverheadRows({
      durationS: 10,
      graphRequest: 'GET /v25.0/1?fields=id',
      direct: latency(1),
      sdk: latency(3.5),
      plain: latency(2, 1),
      added: { sdk: { p50Ms: 2.5, p99Ms: 5 }, plain: { p50Ms: 1, p99Ms: 2 } },
    });
    expect(rows.map((row) => row.met)).toEqual([true, false]);
    expect(rows[0]!.comparison).toBe('+2.50 / +5.00 ms');
  });

  it('holds the broker callback to at most twice its upstream requests at p50, with no failed callback', () => {
    const result = (callbackP50Ms: number, callbackErrors = 0) => ({
      concurrentFlows: 20,
      rounds: 10,
      callback: latency(callbackP50Ms, callbackErrors),
      baseline: latency(40),
      baselineParts: { exchangeP50Ms: 8, usersMeP50Ms: 7, vaultPostP50Ms: 25 },
      added: { p50Ms: callbackP50Ms - 40, p99Ms: (callbackP50Ms - 40) * 2 },
      ratioP50: callbackP50Ms / 40,
    });
    const [fast] = brokerCallbackRows(result(60));
    expect(fast).toMatchObject({
      measurement: 'broker callback',
      result: '60.00 ms / 120.00 ms',
      comparison: '+20.0 / +40.0 ms, ×1.50 p50',
      target: 'p50 ≤ 2 × baseline',
      met: true,
    });
    expect(fast!.baseline).toContain('exchange 8.0, /2/users/me 7.0, vault POST 25.0 ms');
    expect(brokerCallbackRows(result(90))[0]!.met).toBe(false);
    const [failing] = brokerCallbackRows(result(60, 2));
    expect(failing!.met).toBe(false);
    expect(failing!.subject).toContain('502 callbacks (2 failed)');
  });

  it('calls a sweep linear when 10× the credentials take at most 1.2× of 10× the time', () => {
    const run = (credentials: number, durationS: number) => ({
      credentials,
      concurrency: 4,
      latencyMs: 50,
      durationS,
      refreshesPerS: credentials / durationS,
      counts: { refreshed: credentials },
      maxInFlight: 4,
      floorS: (credentials * 0.05) / 4,
    });
    const linear = refreshSweepRows({ runs: [run(1000, 14), run(10000, 150)], growthVsLinear: 1.07 });
    expect(linear[1]).toMatchObject({ met: true, target: 'linear (≤ 1.2)' });
    const quadratic = refreshSweepRows({ runs: [run(1000, 14), run(10000, 300)], growthVsLinear: 2.14 });
    expect(quadratic[1]!.met).toBe(false);
  });

  it('reports RSS without a verdict, and judges leaks by the live heap after the first round', () => {
    const rss = memoryRows([
      {
        process: 'vault',
        calls: 'GET /api/credentials/token',
        count: 10_000,
        idleMiB: 100,
        afterMiB: 160,
        rps: 1000,
        failed: 0,
      },
    ]);
    expect(rss[0]).toMatchObject({ comparison: '+60.0 MiB', target: '' });
    expect(rss[0]!.met).toBeUndefined();

    const heap = (heapMiB: number[], failed = 0) => ({
      process: 'mcp-x',
      calls: 'get_account (plain form)',
      callsPerRound: 5_000,
      heapMiB,
      failed,
    });
    const rows = heapRows([
      heap([30, 34, 34.3, 34.6]), // round 1 fills caches; +0.6 MiB after it
      heap([30, 31, 32, 33]), // +2 MiB after round 1: ~200 B per call kept
      heap([30, 30, 30, 30], 3),
    ]);
    expect(rows.map((row) => row.met)).toEqual([true, false, false]);
    expect(rows[0]).toMatchObject({
      subject: 'mcp-x, 3 × 5,000 get_account (plain form)',
      result: '30 → 34 → 34.3 → 34.6 MiB',
      comparison: '+0.6 MiB after round 1',
    });
    expect(rows[2]!.subject).toContain('(3 failed)');
  });

  it('prints aligned text and Markdown with the same rows', () => {
    const rows = memoryRows([
      {
        process: 'mcp-x',
        calls: 'get_account (plain form)',
        count: 1000,
        idleMiB: 90,
        afterMiB: 100.5,
        rps: 500,
        failed: 0,
      },
    ]);
    const text = textTable(rows).split('\n');
    expect(text[0]).toMatch(/^measurement\s+subject\s+result\s+baseline\s+vs baseline\s+target\s+met$/);
    expect(text[2]).toContain('90 → 100.5 MiB');
    const markdown = markdownTable(rows).split('\n');
    expect(markdown[1]).toBe('| --- | --- | --- | --- | --- | --- | --- |');
    expect(markdown[2]).toMatch(
      /^\| memory \(RSS\) \| mcp-x, 1,000 get_account \(plain form\) \|.*\| {2}\| {2}\|$/,
    );
  });
});
