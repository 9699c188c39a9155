// Latency statistics of the bench: percentiles over recorded samples (milliseconds), rounded for the table.

/** Summary of latency samples, in milliseconds. */
export interface LatencyStats {
  count: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
}

/** The `p`-th percentile (0–100) of ascending `sorted` samples, nearest-rank; NaN when empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** p50, p99 and mean of `samplesMs` (any order). */
export function latencyStats(samplesMs: ArrayLike<number>): LatencyStats {
  const sorted = Float64Array.from(samplesMs).sort();
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    count: sorted.length,
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    meanMs: round(sorted.length ? sum / sorted.length : Number.NaN),
  };
}

/** Rounds to `digits` decimals (default 2), keeping NaN. */
export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
