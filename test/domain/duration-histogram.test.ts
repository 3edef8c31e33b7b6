import { addHistograms, bucketOf, DURATION_BOUNDS_SECONDS, DURATION_BUCKETS, percentileSeconds, withDuration, type DurationHistogram } from '../../src/domain/duration-histogram';

/** Wait and handle times as the Reports tab reads them: a median and a 90th percentile from a day's small histogram. */
function histogramOf(seconds: readonly number[]): DurationHistogram {
  return seconds.reduce<DurationHistogram>((h, s) => withDuration(h, s * 1000), []);
}

describe('duration histograms', () => {
  it('should keep a fixed number of buckets whatever the durations', () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(999)).toBe(0);
    expect(bucketOf(1000)).toBe(1);
    expect(bucketOf(10 * 24 * 3600 * 1000)).toBe(DURATION_BUCKETS - 1);
    expect(histogramOf([0, 3, 7, 100_000]).length).toBeLessThanOrEqual(DURATION_BUCKETS);
    expect(DURATION_BOUNDS_SECONDS.every((b, i) => i === 0 || b > DURATION_BOUNDS_SECONDS[i - 1]!)).toBe(true);
  });

  it('should read the median and the 90th percentile within the bucket they fall in', () => {
    // Ten waits: six of 35–40 s (the 30–45 s bucket), four of 100 s (90–120 s).
    const waits = histogramOf([35, 36, 37, 38, 39, 40, 100, 100, 100, 100]);

    const median = percentileSeconds(waits, 0.5)!;
    const p90 = percentileSeconds(waits, 0.9)!;

    expect(median).toBeGreaterThanOrEqual(30);
    expect(median).toBeLessThan(45);
    expect(p90).toBeGreaterThanOrEqual(90);
    expect(p90).toBeLessThan(120);
    expect(percentileSeconds(waits, 0.5)).toBe(42.5);
  });

  it('should give nothing for no durations, and “at least” the last bound for the open bucket', () => {
    expect(percentileSeconds([], 0.5)).toBeUndefined();
    expect(percentileSeconds(undefined, 0.9)).toBeUndefined();
    expect(percentileSeconds(histogramOf([50_000, 60_000]), 0.5)).toBe(DURATION_BOUNDS_SECONDS.at(-1));
  });

  it('should add days bucket by bucket, so a period’s percentiles are those of all its durations', () => {
    const monday = histogramOf([5, 5, 5]);
    const tuesday = histogramOf([500, 500, 500, 500]);
    const week = addHistograms(monday, tuesday);
    expect(percentileSeconds(week, 0.5)).toBe(percentileSeconds(histogramOf([5, 5, 5, 500, 500, 500, 500]), 0.5));
    expect(percentileSeconds(week, 0.5)).toBeGreaterThanOrEqual(450);
  });
});
