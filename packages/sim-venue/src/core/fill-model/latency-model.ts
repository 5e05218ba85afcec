// The fill model's latency (backtests and the paper venue): a base time plus a seeded uniform jitter, drawn once per
// message. A backtest puts it on its simulated timeline; the paper venue holds real requests and events for it.

import type { SeededRandom } from '../market/seeded-random.js';

export class LatencyModel {
  constructor(
    private readonly baseMs: number,
    private readonly jitterMs: number,
    private readonly random: SeededRandom,
  ) {
    if (!(baseMs >= 0) || !Number.isFinite(baseMs)) throw new RangeError(`latency must be a finite number of at least 0 ms, got ${baseMs}`);
    if (!(jitterMs >= 0) || !Number.isFinite(jitterMs))
      throw new RangeError(`latency jitter must be a finite number of at least 0 ms, got ${jitterMs}`);
  }

  next(): number {
    return this.jitterMs === 0 ? this.baseMs : this.baseMs + this.random.next() * this.jitterMs;
  }
}
