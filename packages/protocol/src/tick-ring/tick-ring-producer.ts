// The producer half of the tick ring, run by the market-data worker. It never blocks: it owns a socket, so when
// the ring is full it applies the overflow policy and counts the drop instead of waiting. A book top or feed
// state is never dropped while an older trade is kept.

import * as L from './layout.js';
import { attachTickRing, type RingEntry } from './tick-ring.js';

export const pushWritten = 0;
export const pushDroppedOldest = 1;
export const pushDroppedNewest = 2;
export type PushOutcome = typeof pushWritten | typeof pushDroppedOldest | typeof pushDroppedNewest;

export class TickRingProducer {
  private readonly i32: Int32Array;
  private readonly f64: Float64Array;
  private readonly mask: number;
  private readonly usable: number;
  private readonly dropNewest: boolean;
  /** Only this thread writes the head, so a local copy saves an atomic load per push. */
  private head: number;
  private seq = 0;
  private published = 0;
  private droppedOldest = 0;
  private droppedNewest = 0;
  private droppedState = 0;
  /** A book or feed entry was dropped as the oldest since takeStateLoss last asked. */
  private stateLost = false;
  private notifies = 0;
  private maxFill = 0;

  constructor(buffer: SharedArrayBuffer) {
    const ring = attachTickRing(buffer);
    this.i32 = ring.i32;
    this.f64 = ring.f64;
    this.mask = ring.mask;
    this.usable = ring.capacity - 1;
    this.dropNewest = ring.overflow === 'drop-newest';
    this.head = Atomics.load(this.i32, L.kHeadI32);
  }

  /** The newest epoch a producer of this ring recorded (0 for a new ring): a restarted producer goes on above it. */
  get lastEpoch(): number {
    return this.f64[L.kLastEpochF64] as number;
  }

  /** Records the epoch stamped from now on; written by this thread only, read by the next producer after a restart. */
  recordEpoch(epoch: number): void {
    this.f64[L.kLastEpochF64] = epoch;
  }

  /** Entries published by this producer since it was made. */
  get publishedCount(): number {
    return this.published;
  }

  /**
   * Publishes one entry (its `seq` is assigned here). When the ring is full, a trade follows the overflow policy;
   * a book top or feed state always takes the oldest entry's place instead, so under drop-newest no state is lost
   * while an older trade is kept.
   */
  push(entry: RingEntry): PushOutcome {
    const i32 = this.i32;
    const head = this.head;
    let outcome: PushOutcome = pushWritten;
    let tail = Atomics.load(i32, L.kTailI32);
    if (((head - tail) | 0) >= this.usable) {
      if (this.dropNewest && entry.kind === L.kEntryTrade) {
        this.f64[L.kDroppedNewestF64] = ++this.droppedNewest;
        return pushDroppedNewest;
      }
      // Only this thread writes slots, so the oldest entry's kind can be read before the claim without a race.
      const droppedKind = (this.i32[L.kSlotsI32Base + (tail & this.mask) * L.kSlotI32Stride + L.kSlotMetaI32] as number) >>> L.kMetaKindShift;
      // Drop the oldest entry by moving the tail past it. If the consumer moved the tail first, there is room.
      if (Atomics.compareExchange(i32, L.kTailI32, tail, (tail + 1) | 0) === tail) {
        this.f64[L.kDroppedOldestF64] = ++this.droppedOldest;
        outcome = pushDroppedOldest;
        if (droppedKind !== L.kEntryTrade) {
          this.f64[L.kDroppedStateF64] = ++this.droppedState;
          this.stateLost = true;
        }
      }
      tail = (tail + 1) | 0;
    }
    this.writeSlot(head, entry);
    this.publish(head, tail);
    return outcome;
  }

  /**
   * True once after a book top or feed state was dropped as the oldest entry: the consumer missed a state it may
   * not get again (a quiet book, a feed that stays live), so the caller publishes the latest of each again.
   */
  takeStateLoss(): boolean {
    const lost = this.stateLost;
    this.stateLost = false;
    return lost;
  }

  /** Publishes only if there is room; never drops. For producers that can wait, such as replays and tests. */
  tryPush(entry: RingEntry): boolean {
    const head = this.head;
    const tail = Atomics.load(this.i32, L.kTailI32);
    if (((head - tail) | 0) >= this.usable) return false;
    this.writeSlot(head, entry);
    this.publish(head, tail);
    return true;
  }

  /** Entries the consumer has not taken yet. */
  backlog(): number {
    return (this.head - Atomics.load(this.i32, L.kTailI32)) | 0;
  }

  private writeSlot(head: number, entry: RingEntry): void {
    const slot = head & this.mask;
    const f = L.kSlotsF64Base + slot * L.kSlotF64Stride;
    const f64 = this.f64;
    entry.seq = ++this.seq;
    f64[f + L.kSlotPriceF64] = entry.priceRaw;
    f64[f + L.kSlotSizeF64] = entry.sizeRaw;
    f64[f + L.kSlotAskPriceF64] = entry.askPriceRaw;
    f64[f + L.kSlotAskSizeF64] = entry.askSizeRaw;
    f64[f + L.kSlotTsEventF64] = entry.tsEventMs;
    f64[f + L.kSlotTsRecvF64] = entry.tsRecvMs;
    f64[f + L.kSlotSeqF64] = entry.seq;
    const i = L.kSlotsI32Base + slot * L.kSlotI32Stride;
    this.i32[i + L.kSlotEpochI32] = entry.epoch;
    this.i32[i + L.kSlotMetaI32] =
      (entry.side & L.kMetaSideMask) |
      (entry.priceDecimals << L.kMetaPriceDecimalsShift) |
      (entry.sizeDecimals << L.kMetaSizeDecimalsShift) |
      (entry.kind << L.kMetaKindShift);
  }

  /** `tail` is the tail seen before writing: the fill it gives is an upper bound, which is what a high-water mark wants. */
  private publish(head: number, tail: number): void {
    const i32 = this.i32;
    const next = (head + 1) | 0;
    // The slot's plain writes above happen-before this seq-cst store; the consumer's load of the head acquires them.
    Atomics.store(i32, L.kHeadI32, next);
    this.head = next;
    const f64 = this.f64;
    f64[L.kPublishedF64] = ++this.published;
    const fill = (next - tail) | 0;
    if (fill > this.maxFill) f64[L.kMaxFillF64] = this.maxFill = fill;
    // Notify only a consumer that is going to sleep. Once its wait is registered (asleep), one push claims the
    // flag and notifies. Before that (about to sleep) the flag is left alone: a claim there could be made for an
    // entry the consumer already counted, spending the wake-up its coming wait needs (a lost wake-up we measured).
    const consumerState = Atomics.load(i32, L.kSleepingI32);
    if (
      consumerState === L.kConsumerAboutToSleep ||
      (consumerState === L.kConsumerAsleep && Atomics.compareExchange(i32, L.kSleepingI32, L.kConsumerAsleep, L.kConsumerAwake) === L.kConsumerAsleep)
    ) {
      Atomics.notify(i32, L.kHeadI32, 1);
      f64[L.kNotifiesF64] = ++this.notifies;
    }
  }
}
