import { describe, expect, it } from '@jest/globals';
import { kEntryBook, kEntryFeed, kEntryTrade, kMaxCapacity, kSideBuy } from './layout.js';
import { attachTickRing, createRingEntry, createTickRing, readTickRingStats, type RingEntry } from './tick-ring.js';
import { TickRingConsumer } from './tick-ring-consumer.js';
import { pushDroppedNewest, pushDroppedOldest, pushWritten, TickRingProducer } from './tick-ring-producer.js';
import { fillTrafficEntry, isIntactTrafficEntry, trafficIdOf } from './test-support/ring-traffic.js';

function ringPair(capacity: number, overflow: 'drop-oldest' | 'drop-newest' = 'drop-oldest') {
  const buffer = createTickRing({ capacity, overflow });
  return { buffer, producer: new TickRingProducer(buffer), consumer: new TickRingConsumer(buffer, createRingEntry()) };
}

function pushTraffic(producer: TickRingProducer, fromSeq: number, toSeq: number): number[] {
  const tick = createRingEntry();
  const outcomes: number[] = [];
  for (let seq = fromSeq; seq <= toSeq; seq++) {
    fillTrafficEntry(tick, seq);
    outcomes.push(producer.push(tick));
  }
  return outcomes;
}

function drainSeqs(consumer: TickRingConsumer): number[] {
  const seqs: number[] = [];
  consumer.drain((tick: RingEntry) => {
    expect(isIntactTrafficEntry(tick)).toBe(true);
    seqs.push(tick.seq);
  });
  return seqs;
}

describe('tick ring creation', () => {
  it('refuses capacities that are not powers of two in range', () => {
    for (const capacity of [0, 1, 3, 100, 1.5, -4, kMaxCapacity * 2]) {
      expect(() => createTickRing({ capacity, overflow: 'drop-oldest' })).toThrow(/power of two/);
    }
  });

  it('refuses an unknown overflow policy', () => {
    expect(() => createTickRing({ capacity: 8, overflow: 'block' as never })).toThrow(/overflow policy/);
  });

  it('refuses to attach to a buffer that is not a ring', () => {
    expect(() => attachTickRing(new SharedArrayBuffer(1024))).toThrow(/ring header/);
  });

  it('carries the overflow policy in the header so both threads agree on it', () => {
    expect(attachTickRing(createTickRing({ capacity: 8, overflow: 'drop-newest' })).overflow).toBe('drop-newest');
  });
});

describe('tick ring single-threaded behaviour', () => {
  it('reads nothing from an empty ring', () => {
    const { consumer } = ringPair(8);
    expect(consumer.read(createRingEntry())).toBe(false);
    expect(consumer.isEmpty()).toBe(true);
  });

  it('delivers every field of a trade, a book top and a feed entry exactly', () => {
    const { producer, consumer } = ringPair(8);
    const tick = createRingEntry();
    Object.assign(tick, { priceRaw: 3_000_050, sizeRaw: 1_234, tsEventMs: 1_672_304_486_865, tsRecvMs: 1_672_304_486_866.25 });
    Object.assign(tick, { epoch: 7, side: kSideBuy, priceDecimals: 2, sizeDecimals: 3 });
    expect(producer.push(tick)).toBe(pushWritten);
    const book = createRingEntry();
    Object.assign(book, { kind: kEntryBook, priceRaw: 3_000_040, sizeRaw: 12, askPriceRaw: 3_000_050, askSizeRaw: 34, epoch: 7 });
    Object.assign(book, { tsEventMs: 1_672_304_486_870, tsRecvMs: 1_672_304_486_871.5, priceDecimals: 2, sizeDecimals: 3 });
    expect(producer.push(book)).toBe(pushWritten);
    const feed = createRingEntry();
    Object.assign(feed, { kind: kEntryFeed, side: 2, sizeRaw: 8, priceRaw: 5_234, epoch: 7, tsEventMs: 1, tsRecvMs: 2 });
    expect(producer.push(feed)).toBe(pushWritten);
    const out = createRingEntry();
    expect(consumer.read(out)).toBe(true);
    expect(out).toEqual({ ...tick, seq: 1 });
    expect(consumer.read(out)).toBe(true);
    expect(out).toEqual({ ...book, seq: 2 });
    expect(consumer.read(out)).toBe(true);
    expect(out).toEqual({ ...feed, seq: 3 });
  });

  it('holds capacity - 1 entries: one slot tells full from empty', () => {
    const { producer, consumer } = ringPair(8, 'drop-newest');
    expect(pushTraffic(producer, 1, 7)).toEqual(Array(7).fill(pushWritten));
    expect(producer.backlog()).toBe(7);
    const tick = createRingEntry();
    fillTrafficEntry(tick, 8);
    expect(producer.tryPush(tick)).toBe(false);
    expect(drainSeqs(consumer)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('wraps around many times in order', () => {
    const { producer, consumer } = ringPair(4);
    const seen: number[] = [];
    for (let round = 0; round < 50; round++) {
      pushTraffic(producer, round * 3 + 1, round * 3 + 3);
      seen.push(...drainSeqs(consumer));
    }
    expect(seen).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
  });

  it('drops the oldest entries on overflow and counts them', () => {
    const { buffer, producer, consumer } = ringPair(8, 'drop-oldest');
    const outcomes = pushTraffic(producer, 1, 10);
    expect(outcomes.slice(0, 7)).toEqual(Array(7).fill(pushWritten));
    expect(outcomes.slice(7)).toEqual([pushDroppedOldest, pushDroppedOldest, pushDroppedOldest]);
    expect(drainSeqs(consumer)).toEqual([4, 5, 6, 7, 8, 9, 10]);
    const stats = readTickRingStats(buffer);
    expect(stats).toMatchObject({ published: 10, consumed: 7, droppedOldest: 3, droppedNewest: 0, backlog: 0, maxBacklog: 7 });
  });

  it("drops the newest trades on overflow under drop-newest and counts them, but a book top takes the oldest entry's place", () => {
    const { buffer, producer, consumer } = ringPair(8, 'drop-newest');
    const outcomes = pushTraffic(producer, 1, 10); // entries 5 and 10 are book tops, the rest trades
    expect(outcomes.slice(7)).toEqual([pushDroppedNewest, pushDroppedNewest, pushDroppedOldest]);
    const ids: number[] = [];
    consumer.drain((entry) => void ids.push(trafficIdOf(entry)));
    expect(ids).toEqual([2, 3, 4, 5, 6, 7, 10]);
    expect(readTickRingStats(buffer)).toMatchObject({ published: 8, droppedNewest: 2, droppedOldest: 1, droppedState: 0 });
  });

  it('counts a book top dropped as the oldest entry and says so once, so market-data can publish the state again', () => {
    const { buffer, producer, consumer } = ringPair(8, 'drop-oldest');
    pushTraffic(producer, 1, 11); // drops 1, 2, 3 and 4
    expect(producer.takeStateLoss()).toBe(false);
    pushTraffic(producer, 12, 12); // drops 5, a book top
    expect(producer.takeStateLoss()).toBe(true);
    expect(producer.takeStateLoss()).toBe(false);
    expect(readTickRingStats(buffer)).toMatchObject({ droppedOldest: 5, droppedState: 1 });
    expect(drainSeqs(consumer)).toEqual([6, 7, 8, 9, 10, 11, 12]);
  });

  it('delivers book tops and feed states between trades in the order they were pushed', () => {
    const { producer, consumer } = ringPair(16);
    pushTraffic(producer, 1, 10);
    const kinds: number[] = [];
    consumer.drain((entry) => void kinds.push(entry.kind));
    expect(kinds).toEqual([
      kEntryTrade,
      kEntryTrade,
      kEntryTrade,
      kEntryTrade,
      kEntryBook,
      kEntryTrade,
      kEntryTrade,
      kEntryTrade,
      kEntryTrade,
      kEntryBook,
    ]);
  });

  it('discards its copy and re-reads when the producer dropped the entry it was about to claim', () => {
    const { buffer, producer, consumer } = ringPair(8, 'drop-oldest');
    pushTraffic(producer, 1, 7);
    const out = createRingEntry();
    expect(consumer.read(out)).toBe(true); // claims seq 1 and caches head = 7
    // The ring fills again and the producer drops seq 2, 3 and 4, overwriting the slot the consumer reads next.
    pushTraffic(producer, 8, 11);
    expect(consumer.read(out)).toBe(true);
    expect(out.seq).toBe(5);
    expect(isIntactTrafficEntry(out)).toBe(true);
    expect(readTickRingStats(buffer)).toMatchObject({ lostRaces: 1, droppedOldest: 3 });
    expect(drainSeqs(consumer)).toEqual([6, 7, 8, 9, 10, 11]);
  });
});

describe('tick ring waiting', () => {
  it('resolves at once when data is already there', async () => {
    const { producer, consumer } = ringPair(8);
    pushTraffic(producer, 1, 1);
    await expect(consumer.waitForData({ timeoutMs: 10_000 })).resolves.toBe(true);
  });

  it('resolves false after the timeout when nothing arrives', async () => {
    const { consumer } = ringPair(8);
    const started = performance.now();
    await expect(consumer.waitForData({ timeoutMs: 30 })).resolves.toBe(false);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('is woken by a push while asleep, and only a sleeping consumer is notified', async () => {
    const { buffer, producer, consumer } = ringPair(8);
    pushTraffic(producer, 1, 3); // consumer is awake: no notifies
    expect(readTickRingStats(buffer).notifies).toBe(0);
    drainSeqs(consumer);
    const waiting = consumer.waitForData({ timeoutMs: 10_000 });
    setTimeout(() => pushTraffic(producer, 4, 4), 5);
    await expect(waiting).resolves.toBe(true);
    expect(readTickRingStats(buffer)).toMatchObject({ notifies: 1, wakeups: 1 });
    expect(drainSeqs(consumer)).toEqual([4]);
  });

  it('takes an entry pushed during a timed spin without sleeping, letting the event loop in while it spins', async () => {
    const { buffer, producer, consumer } = ringPair(8);
    const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
    // Only a spin that yields lets this callback run and push.
    setImmediate(() => pushTraffic(producer, 1, 1));
    await expect(consumer.waitForData({ timeoutMs: 10_000, spinMicros: 2_000_000, yieldDuringSpin: yieldToLoop })).resolves.toBe(true);
    expect(readTickRingStats(buffer)).toMatchObject({ spinHits: 1, wakeups: 0, notifies: 0 });
  });

  it('parks once its spin time is up, and is woken as before', async () => {
    const { buffer, producer, consumer } = ringPair(8);
    const waiting = consumer.waitForData({ timeoutMs: 10_000, spinMicros: 1_000 });
    setTimeout(() => pushTraffic(producer, 1, 1), 30);
    await expect(waiting).resolves.toBe(true);
    expect(readTickRingStats(buffer)).toMatchObject({ spinHits: 0, wakeups: 1, notifies: 1 });
  });
});
