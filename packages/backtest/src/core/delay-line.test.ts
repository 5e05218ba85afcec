// Tests of the backtest's one-way links (backtest thread): DelayLine delivers `latency` after sending and never
// before what was sent earlier, the same times for the same seed.

import { describe, expect, it } from '@jest/globals';
import { LatencyModel, SeededRandom } from '@scalper/sim-venue';
import { DelayLine } from './delay-line.js';
import { EventQueue } from './event-queue.js';

/** Sends at each time in `sendTimes` and returns the delivery order (by send index) with each arrival time. */
function deliveries(line: DelayLine, queue: EventQueue, sendTimes: readonly number[]): { index: number; atMs: number }[] {
  const order: number[] = [];
  sendTimes.forEach((nowMs, index) => line.send(nowMs, () => void order.push(index)));
  const out: { index: number; atMs: number }[] = [];
  for (let event = queue.pop(); event !== null; event = queue.pop()) {
    void event.run();
    out.push({ index: order[order.length - 1] as number, atMs: event.atMs });
  }
  return out;
}

/** A SeededRandom whose draws are scripted, to force a later send to draw a smaller latency. */
class ScriptedRandom extends SeededRandom {
  private i = 0;
  constructor(private readonly draws: readonly number[]) {
    super(1);
  }
  override next(): number {
    return this.draws[this.i++ % this.draws.length] as number;
  }
}

describe('DelayLine', () => {
  it('delivers at send time plus the latency', () => {
    const queue = new EventQueue();
    const line = new DelayLine(queue, new LatencyModel(25, 0, new SeededRandom(1)));
    expect(deliveries(line, queue, [1_000, 1_010, 2_000])).toEqual([
      { index: 0, atMs: 1_025 },
      { index: 1, atMs: 1_035 },
      { index: 2, atMs: 2_025 },
    ]);
  });

  it('holds a later send that drew a smaller latency behind the earlier one (FIFO), at the same arrival time', () => {
    const queue = new EventQueue();
    // Latencies 1 + 10 * [0.9, 0.0, 0.5]: 10, 1, 6 ms.
    const line = new DelayLine(queue, new LatencyModel(1, 10, new ScriptedRandom([0.9, 0, 0.5])));
    expect(deliveries(line, queue, [100, 101, 102])).toEqual([
      { index: 0, atMs: 110 },
      // Alone it would arrive at 102 and 108: both wait for the first.
      { index: 1, atMs: 110 },
      { index: 2, atMs: 110 },
    ]);
  });

  it('never reorders a few thousand sends with a large random jitter', () => {
    const queue = new EventQueue();
    const line = new DelayLine(queue, new LatencyModel(1, 50, new SeededRandom(9)));
    const sendTimes = Array.from({ length: 3_000 }, (_, i) => i * 2);
    const out = deliveries(line, queue, sendTimes);
    expect(out.map((d) => d.index)).toEqual(sendTimes.map((_, i) => i));
    let overtakes = 0;
    out.forEach((d, i) => {
      const sent = sendTimes[i] as number;
      expect(d.atMs).toBeGreaterThanOrEqual(sent + 1);
      // Some sends drew less than their predecessor's lead: they were held back, not delivered early.
      if (i > 0 && d.atMs === out[i - 1]?.atMs) overtakes++;
    });
    expect(overtakes).toBeGreaterThan(0);
  });

  it('interleaves with other events on the queue by time, keeping its own order', () => {
    const queue = new EventQueue();
    const line = new DelayLine(queue, new LatencyModel(10, 0, new SeededRandom(1)));
    const ran: string[] = [];
    line.send(0, () => void ran.push('first'));
    queue.schedule(5, () => void ran.push('timer'));
    line.send(1, () => void ran.push('second'));
    for (let event = queue.pop(); event !== null; event = queue.pop()) void event.run();
    expect(ran).toEqual(['timer', 'first', 'second']);
  });

  it('gives the same arrival times twice for the same seed', () => {
    const run = (): number[] => {
      const queue = new EventQueue();
      const line = new DelayLine(queue, new LatencyModel(3, 20, new SeededRandom(2024)));
      return deliveries(line, queue, [0, 1, 2, 10, 11, 50, 51, 52]).map((d) => d.atMs);
    };
    const first = run();
    expect(run()).toEqual(first);
    const other = (() => {
      const queue = new EventQueue();
      const line = new DelayLine(queue, new LatencyModel(3, 20, new SeededRandom(2025)));
      return deliveries(line, queue, [0, 1, 2, 10, 11, 50, 51, 52]).map((d) => d.atMs);
    })();
    expect(other).not.toEqual(first);
  });
});
