// Two real worker_threads move millions of entries (trades, book tops, feed states) through the ring; the consumer
// checks every one.

import { describe, expect, it } from '@jest/globals';
import { runRingPump } from './test-support/run-ring-pump.js';

describe('tick ring across two worker_threads', () => {
  it('moves 5 million entries with none lost, duplicated, reordered or torn', async () => {
    const count = 5_000_000;
    const result = await runRingPump({ count, capacity: 4096, overflow: 'drop-oldest', lossless: true });
    expect(result.consumer).toMatchObject({
      received: count,
      lastSeqSeen: count,
      gaps: 0,
      missing: 0,
      duplicatesOrReordered: 0,
      torn: 0,
      stateReceived: result.producer.statePushed,
    });
    expect(result.ring).toMatchObject({
      published: count,
      consumed: count,
      droppedOldest: 0,
      droppedNewest: 0,
      backlog: 0,
      missedWakeups: 0,
    });
    process.stdout.write(`ring lossless: ${Math.round(result.entriesPerSecond).toLocaleString('en')} entries/s\n`);
  }, 120_000);

  it('under overflow drops only the oldest entries, counts every drop, and never delivers a torn entry', async () => {
    const count = 2_000_000;
    const result = await runRingPump({
      count,
      capacity: 1024,
      overflow: 'drop-oldest',
      lossless: false,
      slowEveryTicks: 2_000,
      slowSpinMicros: 200,
    });
    const { consumer, ring } = result;
    expect(ring.droppedOldest).toBeGreaterThan(0);
    expect(consumer.duplicatesOrReordered).toBe(0);
    expect(consumer.torn).toBe(0);
    expect(consumer.lastSeqSeen).toBe(count);
    // Every entry is either delivered or counted as dropped: nothing vanishes silently.
    expect(consumer.received + ring.droppedOldest).toBe(count);
    expect(consumer.missing).toBe(ring.droppedOldest);
    expect(ring.consumed).toBe(consumer.received);
    expect(ring.missedWakeups).toBe(0);
    // Book tops and feed states are dropped only as the oldest entry, and each such drop is counted apart.
    expect(consumer.stateReceived + ring.droppedState).toBe(result.producer.statePushed);
  }, 120_000);

  it("under drop-newest drops only trades: a book top or feed state takes the oldest entry's place instead", async () => {
    const count = 2_000_000;
    const result = await runRingPump({
      count,
      capacity: 1024,
      overflow: 'drop-newest',
      lossless: false,
      slowEveryTicks: 2_000,
      slowSpinMicros: 200,
    });
    const { consumer, ring, producer } = result;
    expect(producer.tradesDroppedNewest).toBeGreaterThan(0);
    expect(producer.stateDroppedNewest).toBe(0);
    expect(ring.droppedNewest).toBe(producer.tradesDroppedNewest);
    expect(consumer.duplicatesOrReordered).toBe(0);
    expect(consumer.torn).toBe(0);
    // Every state entry arrives, or was the oldest entry when a newer state needed its slot (counted).
    expect(consumer.stateReceived + ring.droppedState).toBe(producer.statePushed);
    expect(consumer.received + ring.droppedOldest + ring.droppedNewest).toBe(count);
    expect(consumer.missing).toBe(ring.droppedOldest);
    expect(ring.missedWakeups).toBe(0);
  }, 120_000);
});
