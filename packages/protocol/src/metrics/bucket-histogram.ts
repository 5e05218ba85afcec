// A Prometheus-style histogram for hot paths (any thread): fixed bucket bounds in seconds, counts in a typed array,
// so a record is a short scan and an increment, never an allocation. Cumulative for the life of the thread (what a
// Prometheus counter must be); the main thread reads snapshots on scrape.

/** Latency bounds in seconds: 25 µs to 2.5 s, roughly 1-2.5-5 per decade (Prometheus' usual spacing). */
export const latencyBucketsSeconds: readonly number[] = [
  0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
];

/** What crosses the control port: plain arrays, so structured clone copies it as it is. */
export interface HistogramSnapshot {
  /** Upper bounds in seconds, ascending; the +Inf bucket is implied. */
  readonly bounds: readonly number[];
  /** Observations per bucket (not cumulative), one more than `bounds`: the last is above every bound. */
  readonly counts: readonly number[];
  readonly sumSeconds: number;
  readonly count: number;
}

export class BucketHistogram {
  private readonly counts: Float64Array;
  private sumSeconds = 0;
  private count = 0;

  constructor(private readonly bounds: readonly number[] = latencyBucketsSeconds) {
    this.counts = new Float64Array(bounds.length + 1);
  }

  /** Records a duration in milliseconds; negative values (two threads' clocks off by a hair) and NaN are ignored. */
  recordMs(durationMs: number): void {
    if (!(durationMs >= 0) || durationMs === Number.POSITIVE_INFINITY) return;
    const seconds = durationMs / 1_000;
    const bounds = this.bounds;
    let i = 0;
    while (i < bounds.length && seconds > (bounds[i] as number)) i++;
    this.counts[i] = (this.counts[i] as number) + 1;
    this.sumSeconds += seconds;
    this.count++;
  }

  snapshot(): HistogramSnapshot {
    return { bounds: this.bounds, counts: Array.from(this.counts), sumSeconds: this.sumSeconds, count: this.count };
  }
}
