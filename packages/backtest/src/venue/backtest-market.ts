// The replayed market the in-process venue matches against (backtest thread): books rebuilt from the recorded
// orderbook frames, trades from publicTrade frames, tickers from tickers frames. Fed one classified frame at a
// time by the backtest loop, in receive order; implements the venue's MarketSource like the simulator does.

import type { OrderBookFrame, TickerFrame, TradeFrame } from '@scalper/bybit';
import {
  ReplayBook,
  scaledIntegerOrNaN,
  SlippageLevel,
  type BookLevel,
  type BookView,
  type InstrumentSpec,
  type MarketSource,
  type MarketStep,
  type SimTrade,
  type TickerState,
} from '@scalper/sim-venue';

interface SymbolState {
  readonly spec: InstrumentSpec;
  readonly book: ReplayBook;
  /** The depth the matching book is rebuilt from: the deepest one seen (0 before the first book frame). */
  matchDepth: number;
  /** The book as the venue matches against it: the recorded levels plus the slippage level; rebuilt on change. */
  matchView: BookView | null;
  ticker: Record<string, unknown> | null;
  lastPriceRaw: number;
  tradeSeq: number;
}

const emptyStep: MarketStep = { trades: [], bookChanges: [] };

export interface BacktestMarketOptions {
  readonly specs?: readonly InstrumentSpec[];
  /**
   * What the recorded book cannot fill fills this many basis points beyond its last level, without limit: a
   * recording of orderbook.1 shows one level, and real books are deeper than that, but not free.
   */
  readonly slippageBps: number;
}

export class BacktestMarket implements MarketSource {
  private readonly symbols = new Map<string, SymbolState>();
  private readonly specs: InstrumentSpec[] = [];
  private readonly slippage: SlippageLevel;
  /** Trades of the frame being ingested; reused across frames. */
  private readonly trades: SimTrade[] = [];
  badFrames = 0;

  constructor(options: BacktestMarketOptions) {
    this.slippage = new SlippageLevel(options.slippageBps, 'backtest.slippageBps');
    for (const spec of options.specs ?? []) this.addSymbol(spec);
  }

  /** A symbol met for the first time in the data; adding it again changes nothing. */
  addSymbol(spec: InstrumentSpec): void {
    if (this.symbols.has(spec.symbol)) return;
    this.specs.push(spec);
    this.symbols.set(spec.symbol, { spec, book: new ReplayBook(), matchDepth: 0, matchView: null, ticker: null, lastPriceRaw: 0, tradeSeq: 0 });
  }

  /**
   * A book frame (snapshot or delta; u = 1 restarts the book, as Bybit documents). A recording may hold two depths
   * of one symbol (a paper session's relayed orderbook.50 and the orderbook.1 the engine got): the matching book
   * follows the deepest, from its first snapshot on, and the shallower frames only reach the engine.
   */
  ingestBook(frame: OrderBookFrame): void {
    const state = this.symbols.get(frame.symbol);
    if (state === undefined || frame.depth < state.matchDepth) return;
    const replace = frame.action === 'snapshot' || frame.updateId === 1;
    if (frame.depth > state.matchDepth) {
      if (!replace) return;
      state.matchDepth = frame.depth;
    }
    if (!state.book.apply(frame.bids, frame.asks, replace, state.spec)) this.badFrames++;
    state.book.takeChange(frame.symbol, frame.tsMs, false);
    state.matchView = null;
  }

  /** A trade frame's trades, stamped `nowMs`; the array is reused by the next call. */
  ingestTrades(frame: TradeFrame, nowMs: number): readonly SimTrade[] {
    const trades = this.trades;
    trades.length = 0;
    const state = this.symbols.get(frame.symbol);
    if (state === undefined) return trades;
    const { spec } = state;
    for (const item of frame.data as readonly Record<string, unknown>[]) {
      const priceRaw = scaledIntegerOrNaN(item['p'], spec.priceDecimals);
      const sizeRaw = scaledIntegerOrNaN(item['v'], spec.sizeDecimals);
      const side = item['S'];
      if (!(priceRaw > 0) || !(sizeRaw > 0) || (side !== 'Buy' && side !== 'Sell')) {
        this.badFrames++;
        continue;
      }
      state.lastPriceRaw = priceRaw;
      state.tradeSeq++;
      const tradeId = typeof item['i'] === 'string' ? item['i'] : `${spec.symbol}-${state.tradeSeq}`;
      trades.push({ symbol: spec.symbol, tsMs: nowMs, side, priceRaw, sizeRaw, tradeId, seq: state.tradeSeq });
    }
    return trades;
  }

  /** A tickers frame: a snapshot replaces the symbol's fields, a delta changes only the fields it carries. */
  ingestTicker(frame: TickerFrame): void {
    const state = this.symbols.get(frame.symbol);
    if (state === undefined) return;
    state.ticker = frame.action === 'snapshot' || state.ticker === null ? { ...frame.data } : { ...state.ticker, ...frame.data };
  }

  /** The merged tickers items, in the shape GET /v5/market/tickers answers (what the scanner scores). */
  tickerItems(): readonly Record<string, unknown>[] {
    const items: Record<string, unknown>[] = [];
    for (const state of this.symbols.values()) if (state.ticker !== null) items.push(state.ticker);
    return items;
  }

  lastPriceRaw(symbol: string): number {
    return this.symbols.get(symbol)?.lastPriceRaw ?? 0;
  }

  /** The venue's clock drives nothing here: the backtest loop feeds frames itself. */
  advance(): MarketStep {
    return emptyStep;
  }

  tickers(): TickerState[] {
    return [...this.symbols.values()].map((state) => {
      const ticker = state.ticker ?? {};
      const last = scaledIntegerOrNaN(ticker['lastPrice'], state.spec.priceDecimals);
      const prev = scaledIntegerOrNaN(ticker['prevPrice24h'], state.spec.priceDecimals);
      const lastPriceRaw = last > 0 ? last : state.lastPriceRaw || state.book.midRaw();
      return {
        symbol: state.spec.symbol,
        lastPriceRaw,
        prevPrice24hRaw: prev > 0 ? prev : lastPriceRaw,
        turnover24h: typeof ticker['turnover24h'] === 'string' ? ticker['turnover24h'] : '0',
        volume24h: typeof ticker['volume24h'] === 'string' ? ticker['volume24h'] : '0',
        bestBid: state.book.bestBid(),
        bestAsk: state.book.bestAsk(),
        regime: 'quiet' as const,
      };
    });
  }

  has(symbol: string): boolean {
    return this.symbols.has(symbol);
  }

  book(symbol: string): BookView {
    const state = this.state(symbol);
    // Built only when an order meets a changed book, so the cost is per order, not per frame.
    state.matchView ??= this.slippage.extend(state.book.view(), state.spec);
    return state.matchView;
  }

  bestBid(symbol: string): BookLevel | null {
    return this.state(symbol).book.bestBid();
  }

  bestAsk(symbol: string): BookLevel | null {
    return this.state(symbol).book.bestAsk();
  }

  instruments(): readonly InstrumentSpec[] {
    return this.specs;
  }

  instrument(symbol: string): InstrumentSpec | undefined {
    return this.symbols.get(symbol)?.spec;
  }

  private state(symbol: string): SymbolState {
    const state = this.symbols.get(symbol);
    if (state === undefined) throw new Error(`the replay has no symbol ${symbol}`);
    return state;
  }
}
