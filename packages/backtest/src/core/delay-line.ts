// A one-way link with latency on the backtest timeline (backtest thread): what crosses it arrives `latency` later,
// and never before what was sent earlier, as on a socket or a MessagePort (jitter must not reorder a CancelAll
// and the ClosePosition behind it).

import type { SeededRandom } from '@scalper/sim-venue';
import type { EventQueue, TimedAction } from './event-queue.js';

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

export class DelayLine {
  private lastArrivalMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly queue: EventQueue,
    private readonly latency: LatencyModel,
  ) {}

  send(nowMs: number, deliver: TimedAction): void {
    const arrival = Math.max(nowMs + this.latency.next(), this.lastArrivalMs);
    this.lastArrivalMs = arrival;
    this.queue.schedule(arrival, deliver);
  }
}
