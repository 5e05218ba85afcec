// Frame-to-decision latency of the strategy thread: the time from market-data receiving a trade's frame (the ring
// entry's tsRecvMs) to strategy having decided on that tick. A fixed window of recent samples, no allocation per
// tick; percentiles are computed only when stats are read.

export class LatencySampler {
  private readonly samples: Float64Array;
  private next = 0;
  private filled = 0;
  private max = 0;

  constructor(capacity = 4_096) {
    this.samples = new Float64Array(capacity);
  }

  record(latencyMs: number): void {
    if (!(latencyMs >= 0)) return; // clocks of two threads can disagree by a hair; never record a negative
    this.samples[this.next] = latencyMs;
    this.next = (this.next + 1) % this.samples.length;
    if (this.filled < this.samples.length) this.filled++;
    if (latencyMs > this.max) this.max = latencyMs;
  }

  /** p50, p99 and max in microseconds over the recent window (max over the whole run). */
  percentilesUs(): { readonly p50: number; readonly p99: number; readonly max: number; readonly count: number } {
    if (this.filled === 0) return { p50: 0, p99: 0, max: 0, count: 0 };
    const sorted = Float64Array.from(this.samples.subarray(0, this.filled)).sort();
    const at = (q: number): number => (sorted[Math.min(this.filled - 1, Math.floor(q * this.filled))] as number) * 1_000;
    return { p50: Math.round(at(0.5)), p99: Math.round(at(0.99)), max: Math.round(this.max * 1_000), count: this.filled };
  }
}
