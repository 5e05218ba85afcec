// Tests of the paper venue's real-time latency line (Jest thread, fake timers): what is sent is handed on its latency
// later, never before what was sent earlier whatever the jitter draws, and nothing is handed on after close().

import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { LatencyModel } from '../core/fill-model/latency-model.js';
import { SeededRandom } from '../core/market/seeded-random.js';
import { HeldLine } from './held-line.js';

/** A SeededRandom whose draws are scripted, to make a later send draw a smaller latency. */
class ScriptedRandom extends SeededRandom {
  private i = 0;
  constructor(private readonly draws: readonly number[]) {
    super(1);
  }
  override next(): number {
    return this.draws[this.i++ % this.draws.length] as number;
  }
}

beforeEach(() => {
  jest.useFakeTimers({ now: 1_000_000 });
});

afterEach(() => {
  jest.useRealTimers();
});

describe('HeldLine', () => {
  it('hands each item on its latency after it was sent', () => {
    const line = new HeldLine(new LatencyModel(40, 0, new SeededRandom(1)), Date.now);
    const at: number[] = [];
    line.send(() => void at.push(Date.now()));
    jest.advanceTimersByTime(10);
    line.send(() => void at.push(Date.now()));
    jest.advanceTimersByTime(29);
    expect(at).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(at).toEqual([1_000_040]);
    jest.advanceTimersByTime(10);
    expect(at).toEqual([1_000_040, 1_000_050]);
    expect(line.heldCount).toBe(0);
  });

  it('never hands a later item on before an earlier one, even when it drew less latency', () => {
    // Latencies 1 + 10 x draw: 10, 1, 6 ms.
    const line = new HeldLine(new LatencyModel(1, 10, new ScriptedRandom([0.9, 0, 0.5])), Date.now);
    const order: string[] = [];
    line.send(() => void order.push('cancel-all'));
    line.send(() => void order.push('close'));
    line.send(() => void order.push('read'));
    jest.advanceTimersByTime(9);
    expect(order).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(order).toEqual(['cancel-all', 'close', 'read']);
  });

  it('drops what it holds on close and takes nothing after', () => {
    const line = new HeldLine(new LatencyModel(5, 0, new SeededRandom(1)), Date.now);
    const handed: number[] = [];
    line.send(() => void handed.push(1));
    line.close();
    line.send(() => void handed.push(2));
    jest.advanceTimersByTime(100);
    expect(handed).toEqual([]);
    expect(line.heldCount).toBe(0);
  });
});
