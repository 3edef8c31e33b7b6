/**
 * Durations (a user's wait, an operator's handle time) kept as a small fixed-size histogram: a count per
 * log-spaced bucket, so a day's record stays the same size however many conversations it counts, and days add
 * up bucket by bucket. Percentiles are read back by interpolating inside the bucket they fall in.
 */

/** The buckets' upper bounds in seconds (each bucket holds durations below its bound); the last bucket is open. */
export const DURATION_BOUNDS_SECONDS: readonly number[] = [1, 5, 10, 20, 30, 45, 60, 90, 120, 180, 300, 450, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200, 14400];

/** How many buckets a histogram has: one per bound, and one open bucket after the last. */
export const DURATION_BUCKETS = DURATION_BOUNDS_SECONDS.length + 1;

/** Counts per bucket, stored without its trailing zeros (an absent bucket counts 0). */
export type DurationHistogram = readonly number[];

export function bucketOf(ms: number): number {
  const seconds = Math.max(0, ms) / 1000;
  const index = DURATION_BOUNDS_SECONDS.findIndex((bound) => seconds < bound);
  return index === -1 ? DURATION_BOUNDS_SECONDS.length : index;
}

/** `histogram` with one more duration counted. */
export function withDuration(histogram: DurationHistogram | undefined, ms: number): DurationHistogram {
  const next = [...(histogram ?? [])];
  const bucket = bucketOf(ms);
  while (next.length <= bucket) next.push(0);
  next[bucket] = (next[bucket] ?? 0) + 1;
  return next;
}

/** Two histograms added bucket by bucket. */
export function addHistograms(a: DurationHistogram | undefined, b: DurationHistogram | undefined): DurationHistogram {
  const length = Math.max(a?.length ?? 0, b?.length ?? 0);
  return Array.from({ length }, (_, i) => (a?.[i] ?? 0) + (b?.[i] ?? 0));
}

export function countOf(histogram: DurationHistogram | undefined): number {
  return (histogram ?? []).reduce((sum, n) => sum + n, 0);
}

/**
 * The `p`-th quantile (0.5 for the median, 0.9 for the 90th percentile) in seconds, read from the histogram:
 * the bucket holding that rank, and within it a straight line from its lower to its upper bound. A rank in the
 * open last bucket answers its lower bound (“at least”). Undefined for an empty histogram.
 */
export function percentileSeconds(histogram: DurationHistogram | undefined, p: number): number | undefined {
  const total = countOf(histogram);
  if (!histogram || total === 0) return undefined;
  const rank = Math.min(1, Math.max(0, p)) * total;
  let below = 0;
  for (let i = 0; i < histogram.length; i += 1) {
    const inBucket = histogram[i] ?? 0;
    if (inBucket > 0 && below + inBucket >= rank) {
      const lower = i === 0 ? 0 : DURATION_BOUNDS_SECONDS[i - 1]!;
      const upper = DURATION_BOUNDS_SECONDS[i];
      if (upper === undefined) return lower;
      return Math.round((lower + ((rank - below) / inBucket) * (upper - lower)) * 10) / 10;
    }
    below += inBucket;
  }
  return undefined;
}
