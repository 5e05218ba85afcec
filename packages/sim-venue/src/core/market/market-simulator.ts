// All of the venue's simulated markets (venue thread): moves every symbol through venue time, publishes trades and
// book changes for the subscribed ones, and answers book, ticker and instrument queries for every symbol.

import type { BookChange, BookLevel, BookView, InstrumentSpec, SimTrade, TickerState } from '../venue-types.js';
import { instrumentCatalog } from './instrument-catalog.js';
import { isMarketProfileName, marketProfile, type MarketProfileName } from './market-profile.js';
import { SymbolMarket } from './symbol-market.js';

export interface MarketSimulatorOptions {
  /** Venue time at which every symbol starts. */
  readonly startMs: number;
  readonly seed?: number;
  /** Long-run average per subscribed symbol; regimes move it between about 0.6x and 1.8x. */
  readonly tradesPerSecondPerSymbol?: number;
  readonly catalog?: readonly InstrumentSpec[];
  /**
   * The compressed "24 hours": turnover24h is the flow of this window scaled up to a day, and prevPrice24h is the
   * mid this long ago. Default: the profile's (live-like 10 minutes, a day compressed 144 times; calm 20 minutes),
   * so the scanner's top coin changes within a session.
   */
  readonly dayWindowMs?: number;
  /** Per symbol and advance; after a longer stall the older part of the tape is skipped, not replayed. */
  readonly maxTradesPerAdvance?: number;
  /** Every tape keeps tradesPerSecondPerSymbol whatever the regime, for benchmarks; default false. */
  readonly steadyTradeRate?: boolean;
  /** `live-like` (default): Bybit's volatile alts; `calm`: the smooth market scripted tests build on. */
  readonly profile?: MarketProfileName;
}

const defaultMarketOptions = {
  seed: 1,
  profile: 'live-like',
  tradesPerSecondPerSymbol: 20,
  maxTradesPerAdvance: 10_000,
} as const;

export interface MarketAdvance {
  /** Grouped by symbol, time-ordered within each symbol. */
  readonly trades: SimTrade[];
  /** At most one per subscribed symbol: the levels that changed during this advance. */
  readonly bookChanges: BookChange[];
}

/** Passed when moving unsubscribed symbols, which print nothing, so it stays empty. */
const noTrades: SimTrade[] = [];

function positive(value: number, path: string): number {
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new RangeError(`market.${path} must be a positive number: ${value}`);
  }
  return value;
}

export class MarketSimulator {
  private readonly catalog: readonly InstrumentSpec[];
  private readonly markets: readonly SymbolMarket[];
  private readonly bySymbol = new Map<string, SymbolMarket>();

  constructor(options: MarketSimulatorOptions) {
    if (!Number.isFinite(options.startMs)) throw new RangeError(`market.startMs must be finite: ${options.startMs}`);
    const seed = options.seed ?? defaultMarketOptions.seed;
    if (!Number.isFinite(seed)) throw new RangeError(`market.seed must be a finite number: ${seed}`);
    const tradesPerSecond = positive(options.tradesPerSecondPerSymbol ?? defaultMarketOptions.tradesPerSecondPerSymbol, 'tradesPerSecondPerSymbol');

    const maxTrades = positive(options.maxTradesPerAdvance ?? defaultMarketOptions.maxTradesPerAdvance, 'maxTradesPerAdvance');
    const profileName = options.profile ?? defaultMarketOptions.profile;
    if (!isMarketProfileName(profileName)) throw new RangeError(`market.profile must be live-like or calm, got ${String(profileName)}`);
    const profile = marketProfile(profileName);
    const dayWindowMs = positive(options.dayWindowMs ?? profile.dayWindowMs, 'dayWindowMs');
    this.catalog = options.catalog ?? instrumentCatalog;
    if (this.catalog.length === 0) throw new RangeError('market.catalog must list at least one instrument');
    this.markets = this.catalog.map(
      (spec, symbolIndex) =>
        new SymbolMarket({
          spec,
          seed,
          startMs: options.startMs,
          tradesPerSecond,
          dayWindowMs,
          symbolIndex,
          maxTradesPerAdvance: maxTrades,
          steadyTradeRate: options.steadyTradeRate === true,
          profile,
        }),
    );
    for (const market of this.markets) {
      if (this.bySymbol.has(market.symbol)) throw new RangeError(`market.catalog lists ${market.symbol} twice`);
      this.bySymbol.set(market.symbol, market);
    }
  }

  /**
   * Moves every symbol to nowMs. Subscribed symbols return their trades and one book change each; the others walk
   * only price, regime and rolling day, with no book work and no trade objects. Unknown symbols are ignored.
   */
  advance(nowMs: number, subscribed: ReadonlySet<string>): MarketAdvance {
    const trades: SimTrade[] = [];
    const bookChanges: BookChange[] = [];
    for (const market of this.markets) {
      const change = market.advance(nowMs, subscribed.has(market.symbol), trades);
      if (change !== null) bookChanges.push(change);
    }
    return { trades, bookChanges };
  }

  /**
   * Every symbol's ticker. Symbols nobody subscribes to are first moved to nowMs; subscribed ones are reported as
   * of their last advance(), because moving them here would take trades and changes away from their subscribers.
   */
  tickers(nowMs: number): TickerState[] {
    const out: TickerState[] = [];
    for (const market of this.markets) {
      if (!market.isLive) market.advance(nowMs, false, noTrades);
      out.push(market.ticker());
    }
    return out;
  }

  /** Scripts a price move with extra volume on one symbol, for tests and demos of bursts and top-coin changes. */
  impulse(symbol: string, nowMs: number, movePercent: number, durationMs: number, flowBoost = 1): void {
    this.market(symbol).impulse(nowMs, movePercent, durationMs, flowBoost);
  }

  has(symbol: string): boolean {
    return this.bySymbol.has(symbol);
  }

  /** Throws a RangeError for a symbol the venue does not list: the caller should have checked has() or instrument(). */
  market(symbol: string): SymbolMarket {
    const market = this.bySymbol.get(symbol);
    if (market === undefined) throw new RangeError(`the venue does not list ${symbol}`);
    return market;
  }

  book(symbol: string): BookView {
    return this.market(symbol).book();
  }

  bestBid(symbol: string): BookLevel | null {
    return this.market(symbol).bestBid();
  }

  bestAsk(symbol: string): BookLevel | null {
    return this.market(symbol).bestAsk();
  }

  instruments(): readonly InstrumentSpec[] {
    return this.catalog;
  }

  instrument(symbol: string): InstrumentSpec | undefined {
    return this.bySymbol.get(symbol)?.spec;
  }
}
