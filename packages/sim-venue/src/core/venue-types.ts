// Shared shapes of the simulated venue's pure core (venue thread): instruments, the scaled-integer book, trades
// and tickers. Prices and sizes are integers scaled by 10^decimals inside the venue (fast enough for 50,000
// trades/s); they become decimal strings only at the wire, and money in accounts is big.js.

/** One simulated USDT linear perpetual and its rules, as instruments-info reports them. */
export interface InstrumentSpec {
  readonly symbol: string;
  readonly baseCoin: string;
  readonly tickSize: string;
  readonly qtyStep: string;
  readonly minOrderQty: string;
  readonly maxOrderQty: string;
  readonly maxMktOrderQty: string;
  readonly postOnlyMaxOrderQty: string;
  readonly minNotionalValue: string;
  readonly minPrice: string;
  readonly maxPrice: string;
  /** Decimals of tickSize and qtyStep: the scale of priceRaw and sizeRaw. */
  readonly priceDecimals: number;
  readonly sizeDecimals: number;
  /** Where the simulated price starts. */
  readonly startPrice: string;
  /** Typical 24h turnover in USDT at start, before the process moves it. */
  readonly startTurnover24h: string;
  /**
   * Simulation only: the standard deviation of a day's log return in a typical regime mix (0.03 = 3 %), and the
   * kind of coin, which sets how hard its volatile spells trade. Default 0.05 and 'alt'.
   */
  readonly dailyVolatility?: number;
  readonly coinClass?: CoinClass;
}

/** Majors (BTC, ETH, BNB) trade steadily; movers (memes, new coins, the scanner's whitelist) pump and dump on heavy volume. */
export type CoinClass = 'major' | 'alt' | 'mover';

/** A price level: integers scaled by the instrument's decimals. */
export interface BookLevel {
  readonly priceRaw: number;
  readonly sizeRaw: number;
}

export interface BookView {
  /** Best first: bids descending, asks ascending. */
  readonly bids: readonly BookLevel[];
  readonly asks: readonly BookLevel[];
  /** Bybit's `u`: +1 per published change of this book. */
  readonly updateId: number;
}

export interface BookChange {
  readonly symbol: string;
  /** Levels whose size changed; sizeRaw 0 deletes the level. */
  readonly bids: readonly BookLevel[];
  readonly asks: readonly BookLevel[];
  readonly updateId: number;
  readonly tsMs: number;
}

export interface SimTrade {
  readonly symbol: string;
  readonly tsMs: number;
  /** The taker's side. */
  readonly side: 'Buy' | 'Sell';
  readonly priceRaw: number;
  readonly sizeRaw: number;
  readonly tradeId: string;
  /** Per-symbol trade sequence, like Bybit's `seq`. */
  readonly seq: number;
}

export type Regime = 'quiet' | 'trending' | 'volatile';

export interface TickerState {
  readonly symbol: string;
  readonly lastPriceRaw: number;
  readonly prevPrice24hRaw: number;
  /** In USDT, as a decimal string with 4 decimals. */
  readonly turnover24h: string;
  /** In base coin, as a decimal string. */
  readonly volume24h: string;
  readonly bestBid: BookLevel | null;
  readonly bestAsk: BookLevel | null;
  readonly regime: Regime;
}
