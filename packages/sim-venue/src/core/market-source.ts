// What the venue needs from a source of public market data (venue thread): the seeded MarketSimulator and the
// JSONL ReplayMarket both provide it, so the feed, the matching and the REST endpoints work the same on either.

import type { BookChange, BookLevel, BookView, InstrumentSpec, SimTrade, TickerState } from './venue-types.js';

export interface MarketStep {
  /** Grouped by symbol, time-ordered within each symbol. */
  readonly trades: SimTrade[];
  /** At most one per symbol: the levels that changed during this step. */
  readonly bookChanges: BookChange[];
}

export interface MarketSource {
  /** Moves the markets to nowMs; trades and book changes are returned for the `subscribed` symbols. */
  advance(nowMs: number, subscribed: ReadonlySet<string>): MarketStep;
  tickers(nowMs: number): TickerState[];
  has(symbol: string): boolean;
  book(symbol: string): BookView;
  bestBid(symbol: string): BookLevel | null;
  bestAsk(symbol: string): BookLevel | null;
  instruments(): readonly InstrumentSpec[];
  instrument(symbol: string): InstrumentSpec | undefined;
  /**
   * A relayed source whose upstream has gone quiet for `symbol`: the venue then sends its clients nothing of its own
   * for it (no refresh of an unchanged top, no snapshot to a new subscriber), so they see the outage as Bybit's.
   */
  upstreamSilent?(symbol: string, nowMs: number): boolean;
  /** A relayed source whose upstream's tickers could not be read last time: why, or null. The venue refuses them. */
  tickerOutage?(): string | null;
}
