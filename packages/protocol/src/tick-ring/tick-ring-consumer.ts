// The consumer half of the tick ring, run by the strategy worker. It copies an entry out and then claims it with
// a compare-and-swap on the tail: if the producer dropped that entry meanwhile (drop-oldest), the claim fails and
// the possibly torn copy is discarded, so a delivered entry is always whole. It sleeps with Atomics.waitAsync,
// never Atomics.wait, because the thread also serves MessagePorts.

import * as L from './layout.js';
import { attachTickRing, type RingEntry } from './tick-ring.js';

export type TickVisitor = (tick: RingEntry) => void;

function noop(): void {}

export interface WaitOptions {
  /** Give up waiting after this long and resolve false, so the caller can run its timers (staleness checks). */
  readonly timeoutMs: number;
  /** Re-check the head this many times before sleeping: trades a little CPU for ~0.3 µs instead of ~40 µs wake-ups. */
  readonly spinIterations?: number;
  /** Re-check the head for up to this many µs before sleeping (planConsumerWait decides it). */
  readonly spinMicros?: number;
  /** Spin only while the main thread's permit in the header says a core is free (see kSpinPermitI32). */
  readonly spinNeedsPermit?: boolean;
  /** Called every spinSliceMs of a timed spin, so the thread's port messages are not held up by it. */
  readonly yieldDuringSpin?: () => Promise<void>;
}

/** A timed spin lets the event loop in this often: a fill or an order update waits at most this long for it. */
const spinSliceMs = 0.05;
/** Head checks between clock reads: a check is a few ns, performance.now() about 30. */
const checksPerClockRead = 64;

export class TickRingConsumer {
  private readonly i32: Int32Array;
  private readonly f64: Float64Array;
  private readonly mask: number;
  /** Our belief of the tail; the CAS corrects it when the producer has dropped entries. */
  private tail: number;
  /** The last head seen: entries up to it are published, so the head is reloaded only when they run out. */
  private headSeen: number;
  private readonly scratch: RingEntry;
  private consumed = 0;
  private lostRaces = 0;
  private wakeups = 0;
  private missedWakeups = 0;
  private spinHits = 0;
  private spinMs = 0;

  constructor(buffer: SharedArrayBuffer, scratch: RingEntry) {
    const ring = attachTickRing(buffer);
    this.i32 = ring.i32;
    this.f64 = ring.f64;
    this.mask = ring.mask;
    this.tail = Atomics.load(this.i32, L.kTailI32);
    this.headSeen = Atomics.load(this.i32, L.kHeadI32);
    this.scratch = scratch;
  }

  /** Copies the oldest entry into `into` and removes it; false when the ring is empty. */
  read(into: RingEntry): boolean {
    const i32 = this.i32;
    for (;;) {
      let tail = this.tail;
      // `<= 0` rather than `=== 0`: a failed claim can move our tail past the head we last saw.
      if (((this.headSeen - tail) | 0) <= 0) {
        // Tail first, then head: tail <= head holds at every instant, so this order gives tail <= headSeen and
        // every slot below headSeen was published before we loaded it (the producer may have moved the tail).
        tail = this.tail = Atomics.load(i32, L.kTailI32);
        this.headSeen = Atomics.load(i32, L.kHeadI32);
        if (tail === this.headSeen) return false;
      }
      this.copySlot(tail & this.mask, into);
      const next = (tail + 1) | 0;
      const observed = Atomics.compareExchange(i32, L.kTailI32, tail, next);
      if (observed === tail) {
        this.tail = next;
        this.f64[L.kConsumedF64] = ++this.consumed;
        return true;
      }
      // The producer dropped this entry while we copied it: the copy may be torn, so read the new oldest instead.
      this.tail = observed;
      this.f64[L.kLostRacesF64] = ++this.lostRaces;
    }
  }

  /** Hands up to `max` entries to `visit`, one reused object, in order; returns how many. */
  drain(visit: TickVisitor, max: number = Number.POSITIVE_INFINITY): number {
    const scratch = this.scratch;
    let count = 0;
    while (count < max && this.read(scratch)) {
      visit(scratch);
      count++;
    }
    return count;
  }

  isEmpty(): boolean {
    return Atomics.load(this.i32, L.kHeadI32) === Atomics.load(this.i32, L.kTailI32);
  }

  /**
   * Resolves true as soon as the ring has data, false after `timeoutMs` without any. The flag goes to
   * about-to-sleep before the final emptiness check, so a push after that check either changes the head before the
   * wait registers (waitAsync then returns at once) or sees the flag and notifies. Once registered, the flag goes
   * to asleep and the producer notifies once. See kConsumerAboutToSleep in layout.ts for why two sleeping states.
   */
  async waitForData(options: WaitOptions): Promise<boolean> {
    const i32 = this.i32;
    const spins = options.spinIterations ?? 0;
    for (let i = 0; i < spins; i++) {
      if (!this.isEmpty()) return true;
    }
    const spinMicros = options.spinMicros ?? 0;
    const maySpin = spinMicros > 0 && (options.spinNeedsPermit !== true || Atomics.load(i32, L.kSpinPermitI32) === 1);
    if (maySpin && (await this.spinFor(spinMicros, options.yieldDuringSpin))) {
      this.f64[L.kSpinHitsF64] = ++this.spinHits;
      return true;
    }
    Atomics.store(i32, L.kSleepingI32, L.kConsumerAboutToSleep);
    const head = Atomics.load(i32, L.kHeadI32);
    if (head !== Atomics.load(i32, L.kTailI32)) {
      Atomics.store(i32, L.kSleepingI32, L.kConsumerAwake);
      return true;
    }
    const waited = Atomics.waitAsync(i32, L.kHeadI32, head, options.timeoutMs);
    let outcome: 'ok' | 'not-equal' | 'timed-out' = waited.async ? 'ok' : waited.value;
    if (waited.async) {
      Atomics.store(i32, L.kSleepingI32, L.kConsumerAsleep);
      // Node does not count a pending waitAsync as work: without a ref'd handle a worker with nothing else to do
      // exits in its sleep. The timer keeps the thread alive for exactly as long as the wait may last.
      const keepAlive = setTimeout(noop, options.timeoutMs);
      outcome = await waited.value;
      clearTimeout(keepAlive);
    }
    Atomics.store(i32, L.kSleepingI32, L.kConsumerAwake);
    if (outcome === 'timed-out') {
      if (this.isEmpty()) return false;
      this.f64[L.kMissedWakeupsF64] = ++this.missedWakeups;
      return true;
    }
    this.f64[L.kWakeupsF64] = ++this.wakeups;
    return true;
  }

  /** True as soon as an entry is published within `micros`; false once the time is up. */
  private async spinFor(micros: number, yieldDuringSpin: (() => Promise<void>) | undefined): Promise<boolean> {
    const i32 = this.i32;
    const startedAt = performance.now();
    const deadline = startedAt + micros / 1_000;
    let yieldAt = startedAt + spinSliceMs;
    let spunFrom = startedAt;
    for (;;) {
      for (let i = 0; i < checksPerClockRead; i++) {
        if (Atomics.load(i32, L.kHeadI32) !== Atomics.load(i32, L.kTailI32)) {
          this.noteSpin(performance.now() - spunFrom);
          return true;
        }
      }
      const now = performance.now();
      if (now >= deadline) {
        this.noteSpin(now - spunFrom);
        return false;
      }
      if (yieldDuringSpin !== undefined && now >= yieldAt) {
        // Time given to the event loop is not spin: the main thread counts spin as this thread's own CPU.
        this.noteSpin(now - spunFrom);
        await yieldDuringSpin();
        spunFrom = performance.now();
        yieldAt = spunFrom + spinSliceMs;
      }
    }
  }

  private noteSpin(ms: number): void {
    this.spinMs += ms;
    this.f64[L.kSpinMsF64] = this.spinMs;
  }

  private copySlot(slot: number, into: RingEntry): void {
    const f64 = this.f64;
    const f = L.kSlotsF64Base + slot * L.kSlotF64Stride;
    into.priceRaw = f64[f + L.kSlotPriceF64] as number;
    into.sizeRaw = f64[f + L.kSlotSizeF64] as number;
    into.askPriceRaw = f64[f + L.kSlotAskPriceF64] as number;
    into.askSizeRaw = f64[f + L.kSlotAskSizeF64] as number;
    into.tsEventMs = f64[f + L.kSlotTsEventF64] as number;
    into.tsRecvMs = f64[f + L.kSlotTsRecvF64] as number;
    into.seq = f64[f + L.kSlotSeqF64] as number;
    const i = L.kSlotsI32Base + slot * L.kSlotI32Stride;
    into.epoch = this.i32[i + L.kSlotEpochI32] as number;
    const meta = this.i32[i + L.kSlotMetaI32] as number;
    into.side = meta & L.kMetaSideMask;
    into.priceDecimals = (meta >>> L.kMetaPriceDecimalsShift) & 0xff;
    into.sizeDecimals = (meta >>> L.kMetaSizeDecimalsShift) & 0xff;
    into.kind = meta >>> L.kMetaKindShift;
  }
}
