// publicTrade frames into the tick ring (market-data thread, once per trade): parse, scale to exact integers, write.
// The per-trade path reuses one RingEntry and only bumps counters; the only allocation is parseWsTrade's own.

import { parseWsTrade, type TradeFrame } from '@scalper/bybit';
import {
  parseScaledDecimal,
  pushDroppedNewest,
  pushDroppedOldest,
  ringLayout,
  createRingEntry,
  type InstrumentScale,
  type PushOutcome,
  type RingEntry,
  type Symbol,
} from '@scalper/protocol';

/** Where entries go: a TickRingProducer, or anything that pushes and reports dropped state the same way. */
export interface RingEntrySink {
  push(entry: RingEntry): PushOutcome;
  /** True once after the ring dropped a book or feed entry (TickRingProducer.takeStateLoss). */
  takeStateLoss(): boolean;
}

export interface TradeToRingOptions {
  /**
   * A trade whose T is earlier than the latest T seen by more than this is counted as out of order (and still
   * written: it is a real trade, and strategy's own staleness check decides whether it is too old to use).
   * Bybit sends one symbol's trades in match order; the slack keeps millisecond jitter between frames out.
   */
  readonly outOfOrderToleranceMs?: number;
}

const defaultOutOfOrderToleranceMs = 100;

export const priceScaleRefusal = "trade p has more decimals than the instrument's tickSize, or is too large";
export const sizeScaleRefusal = "trade v has more decimals than the instrument's qtyStep, or is too large";

export interface TradeCounters {
  written: number;
  /** Trades of another symbol than the current one: they still arrive until the unsubscribe takes effect. */
  droppedOtherSymbol: number;
  /** Items parseWsTrade refused plus items that would not scale exactly; by reason in refusedByReason(). */
  refused: number;
  outOfOrder: number;
  /** Writes that cost the ring an entry (drop-oldest) or were dropped themselves (drop-newest). */
  ringDroppedOldest: number;
  ringDroppedNewest: number;
}

export class TradeToRing {
  private readonly sink: RingEntrySink;
  private readonly toleranceMs: number;
  /** The one RingEntry this writer ever fills: the ring copies it, so it is never retained. */
  private readonly tick: RingEntry = createRingEntry();
  private symbol: Symbol | null = null;
  private priceDecimals = 0;
  private sizeDecimals = 0;
  private epoch = 0;
  private latestEventMs = 0;
  private lastWriteRecvMs: number | null = null;
  private readonly counts: TradeCounters = {
    written: 0,
    droppedOtherSymbol: 0,
    refused: 0,
    outOfOrder: 0,
    ringDroppedOldest: 0,
    ringDroppedNewest: 0,
  };
  /** Reasons are a handful of constant strings, so after the first of each kind this map never grows. */
  private readonly reasons = new Map<string, number>();

  constructor(sink: RingEntrySink, options: TradeToRingOptions = {}) {
    const tolerance = options.outOfOrderToleranceMs ?? defaultOutOfOrderToleranceMs;
    if (!Number.isFinite(tolerance) || tolerance < 0) {
      throw new RangeError(`outOfOrderToleranceMs must be a finite number of at least 0, got ${tolerance}`);
    }
    this.sink = sink;
    this.toleranceMs = tolerance;
    this.tick.kind = ringLayout.kEntryTrade;
  }

  get counters(): Readonly<TradeCounters> {
    return this.counts;
  }

  refusedByReason(): ReadonlyMap<string, number> {
    return this.reasons;
  }

  /** Local receive time of the last trade written, or null before the first of the current symbol. */
  get lastWrittenRecvMs(): number | null {
    return this.lastWriteRecvMs;
  }

  /** From now on only `scale.symbol`'s trades are written, stamped with `epoch` and scaled by its decimals. */
  setSymbol(scale: InstrumentScale, epoch: number): void {
    this.symbol = scale.symbol;
    this.priceDecimals = scale.priceDecimals;
    this.sizeDecimals = scale.sizeDecimals;
    this.epoch = epoch;
    this.latestEventMs = 0;
    this.lastWriteRecvMs = null;
    const tick = this.tick;
    tick.epoch = epoch;
    tick.priceDecimals = scale.priceDecimals;
    tick.sizeDecimals = scale.sizeDecimals;
  }

  /** Writes the frame's trades received at local time `tsRecvMs`; returns how many reached the ring. */
  writeFrame(frame: TradeFrame, tsRecvMs: number): number {
    const data = frame.data;
    if (frame.symbol !== this.symbol) {
      this.counts.droppedOtherSymbol += data.length;
      return 0;
    }
    let written = 0;
    for (let i = 0; i < data.length; i++) {
      if (this.writeItem(data[i], tsRecvMs)) written++;
    }
    if (written > 0) this.lastWriteRecvMs = tsRecvMs;
    return written;
  }

  private writeItem(raw: unknown, tsRecvMs: number): boolean {
    const parsed = parseWsTrade(raw);
    if (!parsed.ok) return this.refuse(parsed.reason);
    const trade = parsed.value;
    if (trade.symbol !== this.symbol) {
      this.counts.droppedOtherSymbol++;
      return false;
    }
    const priceRaw = parseScaledDecimal(trade.price, this.priceDecimals);
    if (Number.isNaN(priceRaw)) return this.refuse(priceScaleRefusal);
    const sizeRaw = parseScaledDecimal(trade.size, this.sizeDecimals);
    if (Number.isNaN(sizeRaw)) return this.refuse(sizeScaleRefusal);

    const tsEventMs = trade.tsEventMs;
    if (tsEventMs < this.latestEventMs - this.toleranceMs) this.counts.outOfOrder++;
    else if (tsEventMs > this.latestEventMs) this.latestEventMs = tsEventMs;

    const tick = this.tick;
    tick.priceRaw = priceRaw;
    tick.sizeRaw = sizeRaw;
    tick.tsEventMs = tsEventMs;
    tick.tsRecvMs = tsRecvMs;
    tick.epoch = this.epoch;
    tick.side = trade.side === 'Buy' ? ringLayout.kSideBuy : ringLayout.kSideSell;
    tick.priceDecimals = this.priceDecimals;
    tick.sizeDecimals = this.sizeDecimals;
    const outcome = this.sink.push(tick);
    if (outcome === pushDroppedNewest) {
      this.counts.ringDroppedNewest++;
      return false;
    }
    if (outcome === pushDroppedOldest) this.counts.ringDroppedOldest++;
    this.counts.written++;
    return true;
  }

  private refuse(reason: string): false {
    this.counts.refused++;
    this.reasons.set(reason, (this.reasons.get(reason) ?? 0) + 1);
    return false;
  }
}
