// L2OrderBook: the local copy of one symbol's Bybit book from orderbook.1 or orderbook.50 frames (market-data thread).
// Pure core: no timers and no clock; the caller passes each frame's local receive time and reads outcomes as values.

import type { DecimalString, OrderBookTop, Symbol } from '@scalper/protocol';
import { isDecimalString, maxScaleDecimals, parseScaledDecimal } from '@scalper/protocol';
import type { BookLevelText, OrderBookFrame } from '../parse/ws-frame.js';
import { appliedDelta, appliedSnapshot, type BookApplyOutcome, type BookCounters, type BookResyncReason } from './book-outcome.js';
import { BookSide } from './book-side.js';

/** Bybit re-sends the orderbook.1 snapshot every 3 s even when nothing changed; half a second of slack on top. */
export const defaultBookMaxSilenceMs = 3500;

const charMinus = 45;
const charZero = 48;
const charDot = 46;

/** "0", "0.000": Bybit's way of deleting a level in a delta. Char codes, so the per-level path allocates nothing. */
function isZeroSize(size: string): boolean {
  for (let i = 0; i < size.length; i++) {
    const code = size.charCodeAt(i);
    if (code !== charZero && code !== charDot) return false;
  }
  return true;
}

/**
 * Applies snapshots and deltas in the order the socket delivered them. A delta must carry `u` = previous `u` + 1
 * (none of ccxt, NautilusTrader or Hummingbot checks this; a silent gap would leave a wrong book in place). Any
 * gap, crossed book or bad level empties the book: top() stays null until the resubscribe brings a snapshot.
 */
export class L2OrderBook {
  readonly symbol: Symbol;
  readonly priceDecimals: number;
  private readonly bids = new BookSide('bid');
  private readonly asks = new BookSide('ask');
  private synced = false;
  private lastUpdateId: number | null = null;
  private lastEventMs = 0;
  private lastReceivedMs: number | null = null;
  private readonly stats: BookCounters = {
    snapshots: 0,
    deltas: 0,
    resets: 0,
    gaps: 0,
    crossed: 0,
    badLevels: 0,
    deltasBeforeSnapshot: 0,
    ignoredOtherSymbol: 0,
  };

  /** `priceDecimals` comes from the instrument's tickSize (decimalsOf("0.10") = 1); a bad value is a config bug. */
  constructor(symbol: Symbol, priceDecimals: number) {
    if (!Number.isInteger(priceDecimals) || priceDecimals < 0 || priceDecimals > maxScaleDecimals) {
      throw new RangeError(`L2OrderBook ${symbol}: priceDecimals must be an integer in 0..${maxScaleDecimals}`);
    }
    this.symbol = symbol;
    this.priceDecimals = priceDecimals;
  }

  get counters(): Readonly<BookCounters> {
    return this.stats;
  }

  /** True between an applied snapshot and the next resync-needed outcome. */
  get isSynced(): boolean {
    return this.synced;
  }

  /** The `u` of the last applied frame, or null while the book awaits a snapshot. */
  get updateId(): number | null {
    return this.lastUpdateId;
  }

  /** Applies one frame received at local time `tsReceivedMs`. Never throws on venue data. */
  apply(frame: OrderBookFrame, tsReceivedMs: number): BookApplyOutcome {
    if (frame.symbol !== this.symbol) {
      this.stats.ignoredOtherSymbol++;
      return { kind: 'ignored', reason: 'other-symbol', frameSymbol: frame.symbol };
    }
    // u = 1 means Bybit restarted the book service: whatever the type says, the frame is a full book.
    const isReset = frame.updateId === 1;
    const isSnapshot = frame.action === 'snapshot' || isReset;
    if (isSnapshot) {
      this.bids.clear();
      this.asks.clear();
    } else if (!this.synced) {
      this.stats.deltasBeforeSnapshot++;
      return { kind: 'resync-needed', reason: { kind: 'delta-before-snapshot', updateId: frame.updateId } };
    } else {
      const expected = (this.lastUpdateId as number) + 1;
      if (frame.updateId !== expected) {
        this.stats.gaps++;
        return this.invalidate({ kind: 'gap', expectedUpdateId: expected, receivedUpdateId: frame.updateId });
      }
    }

    const bad = this.applyLevels(this.bids, frame.bids) ?? this.applyLevels(this.asks, frame.asks);
    if (bad !== null) {
      this.stats.badLevels++;
      return this.invalidate(bad);
    }
    this.bids.truncate(frame.depth);
    this.asks.truncate(frame.depth);

    const bidKey = this.bids.bestKey();
    const askKey = this.asks.bestKey();
    if (bidKey !== null && askKey !== null && bidKey >= askKey) {
      this.stats.crossed++;
      return this.invalidate({
        kind: 'crossed',
        bidPrice: this.bids.bestPriceText() as string,
        askPrice: this.asks.bestPriceText() as string,
        updateId: frame.updateId,
      });
    }

    this.synced = true;
    this.lastUpdateId = frame.updateId;
    this.lastEventMs = frame.tsMs;
    this.lastReceivedMs = tsReceivedMs;
    if (isSnapshot) {
      this.stats.snapshots++;
      if (isReset) this.stats.resets++;
      return appliedSnapshot;
    }
    this.stats.deltas++;
    return appliedDelta;
  }

  /**
   * Silent for longer than `maxSilenceMs` since the last applied frame (or never applied). On orderbook.1 the venue
   * re-sends the snapshot every 3 s, so silence there means a dead stream, not a quiet market.
   */
  isStale(nowMs: number, maxSilenceMs: number = defaultBookMaxSilenceMs): boolean {
    return this.lastReceivedMs === null || nowMs - this.lastReceivedMs > maxSilenceMs;
  }

  /** Local receive time of the last applied frame, or null if none was applied. */
  get lastAppliedReceivedMs(): number | null {
    return this.lastReceivedMs;
  }

  /** Best bid and ask as the venue wrote them, or null while unsynced or with an empty side. */
  top(): OrderBookTop | null {
    if (!this.synced || this.lastUpdateId === null) return null;
    const bidPrice = this.bids.bestPriceText();
    const askPrice = this.asks.bestPriceText();
    if (bidPrice === null || askPrice === null) return null;
    // Every stored text passed isDecimalString (sizes) or parseScaledDecimal (prices) in applyLevels.
    return {
      symbol: this.symbol,
      bidPrice: bidPrice as DecimalString,
      bidSize: this.bids.bestSizeText() as DecimalString,
      askPrice: askPrice as DecimalString,
      askSize: this.asks.bestSizeText() as DecimalString,
      updateId: this.lastUpdateId,
      tsEventMs: this.lastEventMs,
    };
  }

  /** Best bid as [price, size], or null while unsynced or empty. */
  bestBid(): BookLevelText | null {
    return this.best(this.bids);
  }

  bestAsk(): BookLevelText | null {
    return this.best(this.asks);
  }

  /** Best prices as integers scaled by priceDecimals: the cheap form for spread and imbalance maths. */
  bestBidScaled(): number | null {
    return this.synced ? this.bids.bestKey() : null;
  }

  bestAskScaled(): number | null {
    return this.synced ? this.asks.bestKey() : null;
  }

  /** Copies of the levels, best first; empty while unsynced. */
  bidLevels(): BookLevelText[] {
    return this.synced ? this.bids.levels() : [];
  }

  askLevels(): BookLevelText[] {
    return this.synced ? this.asks.levels() : [];
  }

  /** Forgets the book (on resubscribe or symbol switch); counters survive for the run summary. */
  reset(): void {
    this.bids.clear();
    this.asks.clear();
    this.synced = false;
    this.lastUpdateId = null;
    this.lastReceivedMs = null;
  }

  private best(side: BookSide): BookLevelText | null {
    const price = side.bestPriceText();
    if (!this.synced || price === null) return null;
    return [price, side.bestSizeText() as string];
  }

  private invalidate(reason: BookResyncReason): BookApplyOutcome {
    this.bids.clear();
    this.asks.clear();
    this.synced = false;
    this.lastUpdateId = null;
    return { kind: 'resync-needed', reason };
  }

  /**
   * Applies [price, size] pairs to one side; returns the first bad level instead of throwing. The only check of each
   * level (the classifier leaves them to this): its shape, then its price as it is parsed, then its size.
   */
  private applyLevels(side: BookSide, levels: readonly unknown[]): BookResyncReason | null {
    for (let i = 0; i < levels.length; i++) {
      const level = levels[i];
      const price: unknown = Array.isArray(level) ? level[0] : undefined;
      const size: unknown = Array.isArray(level) ? level[1] : undefined;
      if (typeof price !== 'string' || typeof size !== 'string') {
        return { kind: 'bad-level', side: side.name, price: String(price), size: String(size), detail: 'not a [price, size] pair of strings' };
      }
      const key = parseScaledDecimal(price, this.priceDecimals);
      if (Number.isNaN(key)) {
        const detail = `price is not a plain decimal with at most ${this.priceDecimals} decimals`;
        return { kind: 'bad-level', side: side.name, price, size, detail };
      }
      if (key <= 0) return { kind: 'bad-level', side: side.name, price, size, detail: 'price is not positive' };
      if (!isDecimalString(size)) {
        return { kind: 'bad-level', side: side.name, price, size, detail: 'size is not a plain decimal' };
      }
      if (size.charCodeAt(0) === charMinus) {
        return { kind: 'bad-level', side: side.name, price, size, detail: 'size is negative' };
      }
      if (isZeroSize(size)) side.delete(key);
      else side.set(key, price, size);
    }
    return null;
  }
}
