// The latest best bid/ask of the traded symbol, its spread, liquidity and age (strategy thread).
// Prices and sizes are kept as integers scaled like the tick ring, so spread and threshold checks are exact.

import { parseScaledDecimal, type OrderBookTop } from '@scalper/protocol';

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
  /** The accepted book, for its exact decimal strings at order time; null when there is none to trust. */
  top: OrderBookTop | null = null;
  bidRaw = Number.NaN;
  askRaw = Number.NaN;
  bidSizeRaw = Number.NaN;
  askSizeRaw = Number.NaN;
  spreadBps = Number.NaN;
  /** Local receive time of `top`. */
  recvMs = Number.NEGATIVE_INFINITY;

  reset(): void {
    this.top = null;
    this.bidRaw = Number.NaN;
    this.askRaw = Number.NaN;
    this.bidSizeRaw = Number.NaN;
    this.askSizeRaw = Number.NaN;
    this.spreadBps = Number.NaN;
    this.recvMs = Number.NEGATIVE_INFINITY;
  }

  /**
   * Takes a book received at `nowMs`, or says why not. A book whose venue timestamp is more than `staleDataMs`
   * old on arrival is refused (the seed's stale-data rule applied to books); so are books whose prices do not fit
   * the instrument's precision and crossed or locked books, which no liquid market shows.
   */
  update(
    top: OrderBookTop,
    priceDecimals: number,
    sizeDecimals: number,
    nowMs: number,
    staleDataMs: number,
    venueNowMs: number = nowMs,
  ): BookRejection | null {
    // The venue's timestamp against the venue's time (the host's clock plus the measured offset).
    if (venueNowMs - top.tsEventMs > staleDataMs) return this.refuse('stale');
    const bidRaw = parseScaledDecimal(top.bidPrice, priceDecimals);
    const askRaw = parseScaledDecimal(top.askPrice, priceDecimals);
    const bidSizeRaw = parseScaledDecimal(top.bidSize, sizeDecimals);
    const askSizeRaw = parseScaledDecimal(top.askSize, sizeDecimals);
    // NaN fails every comparison, so a single negated test covers unparsable fields too.
    if (!(bidRaw > 0 && askRaw > 0 && bidSizeRaw >= 0 && askSizeRaw >= 0)) return this.refuse('unparsable');
    if (askRaw <= bidRaw) return this.refuse('crossed');
    this.top = top;
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
    return this.top === null ? Number.POSITIVE_INFINITY : nowMs - this.recvMs;
  }

  isLiquid(maxSpreadBps: number, minTopSizeRaw: number): boolean {
    return this.top !== null && isLiquid(this.spreadBps, this.bidSizeRaw, this.askSizeRaw, maxSpreadBps, minTopSizeRaw);
  }

  private refuse(reason: BookRejection): BookRejection {
    this.reset();
    return reason;
  }
}
