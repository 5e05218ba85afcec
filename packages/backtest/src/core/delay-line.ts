// A one-way link with latency on the backtest timeline (backtest thread): what crosses it arrives `latency` later,
// and never before what was sent earlier, as on a socket or a MessagePort (jitter must not reorder a CancelAll
// and the ClosePosition behind it).

import type { LatencyModel } from '@scalper/sim-venue';
import type { EventQueue, TimedAction } from './event-queue.js';

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
