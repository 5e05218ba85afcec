// A latency histogram for hot paths (any thread): Node's built-in HDR histogram (perf_hooks.createHistogram), about
// 14 ns per record and no allocation, so every tick can be recorded rather than a sample. Reports microseconds.

import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';

export interface LatencyPercentiles {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly count: number;
}

export class LatencyHistogram {
  private readonly histogram: RecordableHistogram = createHistogram();

  /** Records a latency in milliseconds at microsecond resolution. Negative values (two threads' clocks can disagree
   * by a hair) and non-numbers are ignored, never clamped into the figures. */
  recordMs(latencyMs: number): void {
    if (!(latencyMs >= 0) || latencyMs === Number.POSITIVE_INFINITY) return;
    // The HDR histogram takes integers >= 1; sub-microsecond latencies count as 1 µs.
    this.histogram.record(Math.max(1, Math.round(latencyMs * 1_000)));
  }

  /** p50, p99 and max in microseconds since construction or the last reset(). */
  percentilesUs(): LatencyPercentiles {
    const h = this.histogram;
    if (h.count === 0) return { p50: 0, p99: 0, max: 0, count: 0 };
    return { p50: h.percentile(50), p99: h.percentile(99), max: h.max, count: h.count };
  }

  reset(): void {
    this.histogram.reset();
  }
}
