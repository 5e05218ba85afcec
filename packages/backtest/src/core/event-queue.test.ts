// Tests of the backtest's timeline (backtest thread): the EventQueue runs events earliest first and, at equal
// times, in the order they were scheduled; a time that is not finite is refused.

import { describe, expect, it } from '@jest/globals';
import { SeededRandom } from '@scalper/sim-venue';
import { EventQueue } from './event-queue.js';

/** Pops everything, running each action, and returns the times in the order they came out. */
function drain(queue: EventQueue): number[] {
  const times: number[] = [];
  for (let event = queue.pop(); event !== null; event = queue.pop()) {
    times.push(event.atMs);
    void event.run();
  }
  return times;
}

describe('EventQueue', () => {
  it('is empty at first: size 0, nextAtMs +Infinity and pop gives null', () => {
    const queue = new EventQueue();
    expect(queue.size).toBe(0);
    expect(queue.nextAtMs).toBe(Number.POSITIVE_INFINITY);
    expect(queue.pop()).toBeNull();
  });

  it('runs events earliest first whatever the order they were scheduled in', () => {
    const queue = new EventQueue();
    const ran: string[] = [];
    queue.schedule(30, () => void ran.push('c'));
    queue.schedule(10, () => void ran.push('a'));
    queue.schedule(20, () => void ran.push('b'));
    expect(drain(queue)).toEqual([10, 20, 30]);
    expect(ran).toEqual(['a', 'b', 'c']);
  });

  it('runs events of the same time in the order they were scheduled', () => {
    const queue = new EventQueue();
    const ran: number[] = [];
    for (let i = 0; i < 20; i++) queue.schedule(i % 2 === 0 ? 5 : 3, () => void ran.push(i));
    drain(queue);
    expect(ran).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
  });

  it('matches a stable sort by time over a few thousand random events with many ties, popped while scheduling', () => {
    const random = new SeededRandom(42);
    const queue = new EventQueue();
    const reference: { atMs: number; id: number }[] = [];
    const popped: number[] = [];
    let expectedOut: { atMs: number; id: number }[] = [];
    // Interleave pushes and pops: each pop must give the earliest (then first scheduled) of what is queued.
    for (let id = 0; id < 4_000; id++) {
      // Few distinct times (fractions too, as a latency model gives) so most events tie with others.
      const atMs = Math.floor(random.next() * 200) + (random.next() < 0.3 ? 0.5 : 0);
      reference.push({ atMs, id });
      queue.schedule(atMs, () => void popped.push(id));
      if (random.next() < 0.25) {
        reference.sort((a, b) => a.atMs - b.atMs || a.id - b.id);
        const head = reference.shift();
        expectedOut.push(head as { atMs: number; id: number });
        const event = queue.pop();
        expect(event?.atMs).toBe(head?.atMs);
        void event?.run();
      }
    }
    expect(queue.size).toBe(reference.length);
    expectedOut = [...expectedOut, ...[...reference].sort((a, b) => a.atMs - b.atMs || a.id - b.id)];
    drain(queue);
    expect(popped).toEqual(expectedOut.map((e) => e.id));
    expect(queue.size).toBe(0);
  });

  it('reports the earliest time in nextAtMs and the count in size as events come and go', () => {
    const queue = new EventQueue();
    queue.schedule(50, () => undefined);
    expect(queue.nextAtMs).toBe(50);
    queue.schedule(12.5, () => undefined);
    expect(queue.nextAtMs).toBe(12.5);
    queue.schedule(40, () => undefined);
    expect(queue.size).toBe(3);
    expect(queue.pop()?.atMs).toBe(12.5);
    expect(queue.nextAtMs).toBe(40);
    expect(queue.size).toBe(2);
    queue.pop();
    queue.pop();
    expect(queue.nextAtMs).toBe(Number.POSITIVE_INFINITY);
  });

  it('accepts negative and zero times, which are finite', () => {
    const queue = new EventQueue();
    queue.schedule(0, () => undefined);
    queue.schedule(-5, () => undefined);
    expect(drain(queue)).toEqual([-5, 0]);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('refuses the time %p with a RangeError and queues nothing', (atMs) => {
    const queue = new EventQueue();
    expect(() => queue.schedule(atMs, () => undefined)).toThrow(RangeError);
    expect(() => queue.schedule(atMs, () => undefined)).toThrow(`event time must be finite, got ${atMs}`);
    expect(queue.size).toBe(0);
  });

  it('repeats a task from its first time every period after each run, until stopped', () => {
    const queue = new EventQueue();
    let nowMs = 0;
    const runs: number[] = [];
    const stop = queue.repeat(
      2_000,
      100,
      () => nowMs,
      () => void runs.push(nowMs),
    );
    for (let i = 0; i < 3; i++) {
      const event = queue.pop();
      nowMs = event?.atMs ?? nowMs;
      void event?.run();
    }
    expect(runs).toEqual([2_000, 2_100, 2_200]);
    stop();
    const next = queue.pop();
    void next?.run();
    expect(runs).toEqual([2_000, 2_100, 2_200]);
    expect(queue.size).toBe(0);
  });
});
