// Creating, attaching and inspecting a tick ring (any thread). The producer and consumer halves are in
// tick-ring-producer.ts and tick-ring-consumer.ts; the byte layout is in layout.ts.

import * as L from './layout.js';

const overflowPolicies = ['drop-oldest', 'drop-newest'] as const;
/**
 * What the producer does with a trade when the consumer has fallen a whole ring behind. The producer never blocks
 * (it owns a socket), so it drops: the oldest entry by default, because a scalper wants the freshest trades; either
 * way every drop is counted in the header and visible to the consumer as a gap in `seq`. A book top or feed state
 * is never the one dropped under drop-newest: it takes the oldest entry's place, so no state is lost while an older
 * trade is kept (see TickRingProducer.push).
 */
export type OverflowPolicy = (typeof overflowPolicies)[number];

/**
 * One entry as the ring carries it: a trade, a book top or a feed-state change (`kind`, see layout.ts for what
 * each field holds per kind). Callers own one instance and reuse it: the ring never allocates per entry.
 */
export interface RingEntry {
  /** kEntryTrade, kEntryBook or kEntryFeed. */
  kind: number;
  /** A trade's price; a book's best bid; a feed entry's reason milliseconds. */
  priceRaw: number;
  /** A trade's size; a book's best bid size; a feed entry's reason code. */
  sizeRaw: number;
  /** A book's best ask and its size; unused by the other kinds. */
  askPriceRaw: number;
  askSizeRaw: number;
  tsEventMs: number;
  /** Local wall-clock receive time in ms with a sub-ms fraction (performance.timeOrigin + performance.now()). */
  tsRecvMs: number;
  /** Assigned by the producer: 1, 2, 3, ... without gaps unless entries were dropped. */
  seq: number;
  /** The symbol epoch from SymbolChanged: entries of an older epoch belong to the previous symbol. */
  epoch: number;
  /** A trade's kSideBuy or kSideSell (the taker's side); a feed entry's state code. */
  side: number;
  priceDecimals: number;
  sizeDecimals: number;
}

export function createRingEntry(): RingEntry {
  return {
    kind: 0,
    priceRaw: 0,
    sizeRaw: 0,
    askPriceRaw: 0,
    askSizeRaw: 0,
    tsEventMs: 0,
    tsRecvMs: 0,
    seq: 0,
    epoch: 0,
    side: 0,
    priceDecimals: 0,
    sizeDecimals: 0,
  };
}

export interface TickRingOptions {
  /** Number of slots, a power of two; capacity - 1 entries fit at once. */
  readonly capacity: number;
  readonly overflow: OverflowPolicy;
}

export function isPowerOfTwo(value: number): boolean {
  return Number.isInteger(value) && value > 0 && (value & (value - 1)) === 0;
}

/** Allocates and initialises a ring; throws RangeError naming the bad option. */
export function createTickRing(options: TickRingOptions): SharedArrayBuffer {
  const { capacity, overflow } = options;
  if (!isPowerOfTwo(capacity) || capacity < L.kMinCapacity || capacity > L.kMaxCapacity) {
    throw new RangeError(`tick ring capacity must be a power of two between ${L.kMinCapacity} and ${L.kMaxCapacity}, got ${capacity}`);
  }
  const policyIndex = overflowPolicies.indexOf(overflow);
  if (policyIndex < 0) {
    throw new RangeError(`tick ring overflow policy must be one of ${overflowPolicies.join(', ')}, got ${String(overflow)}`);
  }
  const buffer = new SharedArrayBuffer(L.ringByteLength(capacity));
  const header = new Int32Array(buffer, 0, L.kHeaderBytes / 4);
  header[L.kMagicI32] = L.kMagic;
  header[L.kVersionI32] = L.kLayoutVersion;
  header[L.kCapacityI32] = capacity;
  header[L.kSlotBytesI32] = L.kSlotBytes;
  header[L.kOverflowPolicyI32] = policyIndex === 0 ? L.kOverflowDropOldest : L.kOverflowDropNewest;
  return buffer;
}

export interface AttachedRing {
  readonly i32: Int32Array;
  readonly f64: Float64Array;
  readonly capacity: number;
  readonly mask: number;
  readonly overflow: OverflowPolicy;
}

/** Checks that a buffer received from another thread is a ring of this layout version and gives typed views. */
export function attachTickRing(buffer: SharedArrayBuffer): AttachedRing {
  if (!(buffer instanceof SharedArrayBuffer) || buffer.byteLength < L.kHeaderBytes) {
    throw new TypeError('tick ring: expected a SharedArrayBuffer made by createTickRing');
  }
  const i32 = new Int32Array(buffer);
  if (i32[L.kMagicI32] !== L.kMagic || i32[L.kVersionI32] !== L.kLayoutVersion) {
    throw new TypeError('tick ring: buffer has no ring header of this layout version');
  }
  const capacity = i32[L.kCapacityI32] as number;
  if (!isPowerOfTwo(capacity) || buffer.byteLength !== L.ringByteLength(capacity) || i32[L.kSlotBytesI32] !== L.kSlotBytes) {
    throw new TypeError('tick ring: header capacity or slot size does not match the buffer');
  }
  const overflow: OverflowPolicy = i32[L.kOverflowPolicyI32] === L.kOverflowDropNewest ? 'drop-newest' : 'drop-oldest';
  return { i32, f64: new Float64Array(buffer), capacity, mask: capacity - 1, overflow };
}

export interface TickRingStats {
  readonly capacity: number;
  readonly overflow: OverflowPolicy;
  /** Entries waiting to be consumed right now. */
  readonly backlog: number;
  readonly maxBacklog: number;
  readonly published: number;
  readonly consumed: number;
  readonly droppedOldest: number;
  readonly droppedNewest: number;
  /** Book or feed entries among droppedOldest: each makes market-data publish the latest book and feed state again. */
  readonly droppedState: number;
  readonly notifies: number;
  readonly wakeups: number;
  /** Waits that found an entry while spinning (no wake-up needed). */
  readonly spinHits: number;
  /** Milliseconds the consumer spent spinning. */
  readonly spinMs: number;
  /** Whether the main thread lets the consumer spin now (ring.consumerWait auto). */
  readonly spinPermitted: boolean;
  /** Waits that timed out although entries had arrived, i.e. a lost notify; 0 unless something is broken. */
  readonly missedWakeups: number;
  /** Entries the consumer had copied when the producer dropped them; re-read, never delivered torn. */
  readonly lostRaces: number;
}

/** Lets the ring's consumer spin or not (main thread, from its CPU samples); a consumer that asks reads it per wait. */
export function setSpinPermit(buffer: SharedArrayBuffer, permitted: boolean): void {
  Atomics.store(attachTickRing(buffer).i32, L.kSpinPermitI32, permitted ? 1 : 0);
}

/**
 * The permit as any thread reads it (one Atomics load per call): true while the machine has a core free for the hot
 * path's extra work (strategy's spin, the threads' rehearsals).
 */
export function coreToSpare(buffer: SharedArrayBuffer): () => boolean {
  const i32 = attachTickRing(buffer).i32;
  return () => Atomics.load(i32, L.kSpinPermitI32) === 1;
}

/** Reads the counters from any thread. Each counter has one writer, so the values are consistent enough to report. */
export function readTickRingStats(buffer: SharedArrayBuffer): TickRingStats {
  const { i32, f64, capacity, overflow } = attachTickRing(buffer);
  const backlog = (Atomics.load(i32, L.kHeadI32) - Atomics.load(i32, L.kTailI32)) | 0;
  return {
    capacity,
    overflow,
    backlog,
    maxBacklog: f64[L.kMaxFillF64] as number,
    published: f64[L.kPublishedF64] as number,
    consumed: f64[L.kConsumedF64] as number,
    droppedOldest: f64[L.kDroppedOldestF64] as number,
    droppedNewest: f64[L.kDroppedNewestF64] as number,
    droppedState: f64[L.kDroppedStateF64] as number,
    notifies: f64[L.kNotifiesF64] as number,
    wakeups: f64[L.kWakeupsF64] as number,
    spinHits: f64[L.kSpinHitsF64] as number,
    spinMs: f64[L.kSpinMsF64] as number,
    spinPermitted: Atomics.load(i32, L.kSpinPermitI32) === 1,
    missedWakeups: f64[L.kMissedWakeupsF64] as number,
    lostRaces: f64[L.kLostRacesF64] as number,
  };
}
