// The latest best bid/ask of the traded symbol, its spread, liquidity and age (strategy thread).
// Prices and sizes arrive and stay as integers scaled like the trades, so spread and threshold checks are exact;
// they become decimal strings only when an order or a decision record asks for them.

import { formatScaledDecimal, type OrderBookTop, type RingEntry, type Symbol } from '@scalper/protocol';

/** A book top as decimal strings: the venue's update id stays in market-data, which ordered the books already. */
export type BookQuote = Omit<OrderBookTop, 'updateId'>;

/** Why a book was not taken; the previous book is dropped too, since the newest state of the book is unknown. */
export type BookRejection = 'stale' | 'unparsable' | 'crossed';

/**
 * (ask − bid) / mid × 10,000, computed as (ask − bid) × 20,000 / (ask + bid) on scaled integers: the scale cancels,
 * and both differences are exact integers, so the only rounding is the final division.
 */
export function spreadBps(bidRaw: number, askRaw: number): number {
  return ((askRaw - bidRaw) * 20_000) / (askRaw + bidRaw);
}

/**
 * The seed's is_liquid: spread_bps < 10 and both top sizes > 100, with both thresholds configurable. Sizes and
 * `minTopSizeRaw` are integers at the symbol's size scale (see minTopSizeToRaw in strategy-params.ts).
 */
export function isLiquid(spread: number, bidSizeRaw: number, askSizeRaw: number, maxSpreadBps: number, minTopSizeRaw: number): boolean {
  return spread < maxSpreadBps && bidSizeRaw > minTopSizeRaw && askSizeRaw > minTopSizeRaw;
}

export class BookState {
  bidRaw = Number.NaN;
  askRaw = Number.NaN;
  bidSizeRaw = Number.NaN;
  askSizeRaw = Number.NaN;
  spreadBps = Number.NaN;
  /** Local receive time of the accepted book. */
  recvMs = Number.NEGATIVE_INFINITY;
  private accepted = false;
  private tsEventMs = 0;
  private symbol: Symbol | null = null;
  private priceDecimals = 0;
  private sizeDecimals = 0;
  /** The accepted book as decimal strings, built on first request after each update. */
  private formatted: BookQuote | null = null;

  reset(): void {
    this.accepted = false;
    this.formatted = null;
    this.bidRaw = Number.NaN;
    this.askRaw = Number.NaN;
    this.bidSizeRaw = Number.NaN;
    this.askSizeRaw = Number.NaN;
    this.spreadBps = Number.NaN;
    this.recvMs = Number.NEGATIVE_INFINITY;
  }

  /** The accepted book's exact decimal strings (for an order's price and a decision's record); null when none. */
  get top(): BookQuote | null {
    if (!this.accepted || this.symbol === null) return null;
    this.formatted ??= {
      symbol: this.symbol,
      bidPrice: formatScaledDecimal(this.bidRaw, this.priceDecimals),
      bidSize: formatScaledDecimal(this.bidSizeRaw, this.sizeDecimals),
      askPrice: formatScaledDecimal(this.askRaw, this.priceDecimals),
      askSize: formatScaledDecimal(this.askSizeRaw, this.sizeDecimals),
      tsEventMs: this.tsEventMs,
    };
    return this.formatted;
  }

  get hasBook(): boolean {
    return this.accepted;
  }

  /**
   * Takes a book entry of `symbol` from the ring, received at `nowMs`, or says why not. A book whose venue
   * timestamp is more than `staleDataMs` old on arrival is refused (the seed's stale-data rule applied to books);
   * so are books whose prices did not fit the instrument's precision (market-data writes them as NaN) and crossed
   * or locked books, which no liquid market shows. Allocates nothing.
   */
  update(entry: RingEntry, symbol: Symbol, nowMs: number, staleDataMs: number, venueNowMs: number = nowMs): BookRejection | null {
    // The venue's timestamp against the venue's time (the host's clock plus the measured offset).
    if (venueNowMs - entry.tsEventMs > staleDataMs) return this.refuse('stale');
    const bidRaw = entry.priceRaw;
    const askRaw = entry.askPriceRaw;
    const bidSizeRaw = entry.sizeRaw;
    const askSizeRaw = entry.askSizeRaw;
    // NaN fails every comparison, so a single negated test covers unparsable fields too.
    if (!(bidRaw > 0 && askRaw > 0 && bidSizeRaw >= 0 && askSizeRaw >= 0)) return this.refuse('unparsable');
    if (askRaw <= bidRaw) return this.refuse('crossed');
    this.accepted = true;
    this.formatted = null;
    this.symbol = symbol;
    this.priceDecimals = entry.priceDecimals;
    this.sizeDecimals = entry.sizeDecimals;
    this.tsEventMs = entry.tsEventMs;
    this.bidRaw = bidRaw;
    this.askRaw = askRaw;
    this.bidSizeRaw = bidSizeRaw;
    this.askSizeRaw = askSizeRaw;
    this.spreadBps = spreadBps(bidRaw, askRaw);
    this.recvMs = nowMs;
    return null;
  }

  /** Milliseconds since the book was received; Infinity when there is none. */
  ageMs(nowMs: number): number {
    return this.accepted ? nowMs - this.recvMs : Number.POSITIVE_INFINITY;
  }

  isLiquid(maxSpreadBps: number, minTopSizeRaw: number): boolean {
    return this.accepted && isLiquid(this.spreadBps, this.bidSizeRaw, this.askSizeRaw, maxSpreadBps, minTopSizeRaw);
  }

  private refuse(reason: BookRejection): BookRejection {
    this.reset();
    return reason;
  }
}
