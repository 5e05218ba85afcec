// The producer half of the tick ring, run by the market-data worker. It never blocks: it owns a socket, so when
// the ring is full it applies the overflow policy and counts the drop instead of waiting.

import * as L from './layout.js';
import { attachTickRing, type RingTick } from './tick-ring.js';

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

  /** Publishes one trade (its `seq` is assigned here), dropping per the overflow policy when the ring is full. */
  push(tick: RingTick): PushOutcome {
    const i32 = this.i32;
    const head = this.head;
    let outcome: PushOutcome = pushWritten;
    let tail = Atomics.load(i32, L.kTailI32);
    if (((head - tail) | 0) >= this.usable) {
      if (this.dropNewest) {
        this.f64[L.kDroppedNewestF64] = ++this.droppedNewest;
        return pushDroppedNewest;
      }
      // Drop the oldest entry by moving the tail past it. If the consumer moved the tail first, there is room.
      if (Atomics.compareExchange(i32, L.kTailI32, tail, (tail + 1) | 0) === tail) {
        this.f64[L.kDroppedOldestF64] = ++this.droppedOldest;
        outcome = pushDroppedOldest;
      }
      tail = (tail + 1) | 0;
    }
    this.writeSlot(head, tick);
    this.publish(head, tail);
    return outcome;
  }

  /** Publishes only if there is room; never drops. For producers that can wait, such as replays and tests. */
  tryPush(tick: RingTick): boolean {
    const head = this.head;
    const tail = Atomics.load(this.i32, L.kTailI32);
    if (((head - tail) | 0) >= this.usable) return false;
    this.writeSlot(head, tick);
    this.publish(head, tail);
    return true;
  }

  /** Entries the consumer has not taken yet. */
  backlog(): number {
    return (this.head - Atomics.load(this.i32, L.kTailI32)) | 0;
  }

  private writeSlot(head: number, tick: RingTick): void {
    const slot = head & this.mask;
    const f = L.kSlotsF64Base + slot * L.kSlotF64Stride;
    const f64 = this.f64;
    tick.seq = ++this.seq;
    f64[f + L.kSlotPriceF64] = tick.priceRaw;
    f64[f + L.kSlotSizeF64] = tick.sizeRaw;
    f64[f + L.kSlotTsEventF64] = tick.tsEventMs;
    f64[f + L.kSlotTsRecvF64] = tick.tsRecvMs;
    f64[f + L.kSlotSeqF64] = tick.seq;
    const i = L.kSlotsI32Base + slot * L.kSlotI32Stride;
    this.i32[i + L.kSlotEpochI32] = tick.epoch;
    this.i32[i + L.kSlotMetaI32] =
      (tick.side & L.kMetaSideMask) | (tick.priceDecimals << L.kMetaPriceDecimalsShift) | (tick.sizeDecimals << L.kMetaSizeDecimalsShift);
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
