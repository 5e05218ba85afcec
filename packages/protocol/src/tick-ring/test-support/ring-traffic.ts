// Deterministic ring traffic for tests and benchmarks (producer and consumer worker threads): every field of an
// entry is derived from its traffic id (carried in tsEventMs), so a consumer can prove that no entry was torn,
// lost, duplicated or reordered. Every 5th entry is a book top and every 97th other one a feed state.

import { kEntryBook, kEntryFeed, kEntryTrade, kSideBuy, kSideSell } from '../layout.js';
import type { RingEntry } from '../tick-ring.js';

const tsBaseMs = 1_700_000_000_000;

export function trafficKindOf(id: number): number {
  if (id % 5 === 0) return kEntryBook;
  return id % 97 === 0 ? kEntryFeed : kEntryTrade;
}

/** The traffic id of an entry filled by fillTrafficEntry: it differs from the ring's seq once trades are dropped newest. */
export function trafficIdOf(entry: RingEntry): number {
  return entry.tsEventMs - tsBaseMs;
}

/** Fills `entry` with the values traffic entry `id` must carry. */
export function fillTrafficEntry(entry: RingEntry, id: number): void {
  entry.kind = trafficKindOf(id);
  entry.priceRaw = 100_000 + ((id * 7919) % 1_000_003);
  entry.sizeRaw = 1 + (id % 9973);
  entry.askPriceRaw = entry.kind === kEntryBook ? entry.priceRaw + 1 + (id % 13) : 0;
  entry.askSizeRaw = entry.kind === kEntryBook ? 1 + (id % 7919) : 0;
  entry.tsEventMs = tsBaseMs + id;
  entry.tsRecvMs = tsBaseMs + id + 0.5;
  entry.epoch = Math.floor(id / 1_000_000);
  entry.side = (id & 1) === 0 ? kSideBuy : kSideSell;
  entry.priceDecimals = id % 16;
  entry.sizeDecimals = (id >> 4) % 16;
}

/** True if every field of `entry` is what fillTrafficEntry wrote for its id. */
export function isIntactTrafficEntry(entry: RingEntry): boolean {
  const id = trafficIdOf(entry);
  const kind = trafficKindOf(id);
  return (
    Number.isInteger(id) &&
    entry.kind === kind &&
    entry.priceRaw === 100_000 + ((id * 7919) % 1_000_003) &&
    entry.sizeRaw === 1 + (id % 9973) &&
    entry.askPriceRaw === (kind === kEntryBook ? entry.priceRaw + 1 + (id % 13) : 0) &&
    entry.askSizeRaw === (kind === kEntryBook ? 1 + (id % 7919) : 0) &&
    entry.tsRecvMs === tsBaseMs + id + 0.5 &&
    entry.epoch === Math.floor(id / 1_000_000) &&
    entry.side === ((id & 1) === 0 ? kSideBuy : kSideSell) &&
    entry.priceDecimals === id % 16 &&
    entry.sizeDecimals === (id >> 4) % 16
  );
}
