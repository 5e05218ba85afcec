// FrameMarket: books and trades rebuilt from Bybit's public frames (venue thread), for any source that has frames
// rather than a simulation: a recording (ReplayMarket) or, for paper trading, an upstream socket. Books come from
// orderbook.50 (or orderbook.1) snapshots and deltas; trades from publicTrade, restamped to venue time.

import { scaledIntegerOrNaN as parseRaw } from '../market/decimal-scale.js';
import type { MarketStep } from '../market-source.js';
import type { BookChange, BookLevel, BookView, InstrumentSpec, SimTrade, TickerState } from '../venue-types.js';
import { ReplayBook } from '../replay/replay-book.js';

interface SymbolState {
  readonly spec: InstrumentSpec;
  readonly book: ReplayBook;
  lastPriceRaw: number;
  firstPriceRaw: number;
  turnover: number;
  volume: number;
  tradeSeq: number;
}

export class FrameMarket {
  private readonly symbols = new Map<string, SymbolState>();
  /** Trades of subscribed symbols applied since the last takeStep, by symbol. */
  private readonly pending = new Map<string, SimTrade[]>();
  /** Frames whose content could not be used (not JSON, bad levels, bad trades); counted for the venue's stats. */
  badFrames = 0;
  /**
   * What the last applyText applied to a book: 'full' (a snapshot, or a delta with u = 1, which restarts the book),
   * 'delta', or null when it was no orderbook frame. Read from the parsed frame, not the text's spacing.
   */
  lastBookFrame: 'full' | 'delta' | null = null;

  constructor(specs: readonly InstrumentSpec[]) {
    for (const spec of specs) this.addSymbol(spec);
  }

  /** A symbol whose frames are applied from now on; a symbol already known keeps its book. */
  addSymbol(spec: InstrumentSpec): void {
    if (this.symbols.has(spec.symbol)) return;
    this.symbols.set(spec.symbol, { spec, book: new ReplayBook(), lastPriceRaw: 0, firstPriceRaw: 0, turnover: 0, volume: 0, tradeSeq: 0 });
  }

  /**
   * One frame's text, applied at venue time `nowMs` (trades are restamped to it: a consumer's staleness check must
   * see live data, not the source's clock). Trades of symbols outside `subscribed` move the ticker only. Returns
   * the frame's symbol when it is one of the market's, else null.
   */
  applyText(text: string, nowMs: number, subscribed: ReadonlySet<string>): string | null {
    this.lastBookFrame = null;
    const frame = parseFrame(text);
    const topic = frame?.['topic'];
    if (frame === null || typeof topic !== 'string') {
      this.badFrames++;
      return null;
    }
    const symbol = topic.slice(topic.lastIndexOf('.') + 1);
    const state = this.symbols.get(symbol);
    if (state === undefined) return null;
    const { spec } = state;
    if (topic.startsWith('orderbook.')) {
      const data = frame['data'] as Record<string, unknown> | undefined;
      const full = frame['type'] === 'snapshot' || data?.['u'] === 1;
      if (!state.book.apply(data?.['b'], data?.['a'], full, spec)) this.badFrames++;
      this.lastBookFrame = full ? 'full' : 'delta';
      return symbol;
    }
    if (!topic.startsWith('publicTrade.') || !Array.isArray(frame['data'])) return symbol;
    for (const item of frame['data'] as Record<string, unknown>[]) {
      const priceRaw = parseRaw(item['p'], spec.priceDecimals);
      const sizeRaw = parseRaw(item['v'], spec.sizeDecimals);
      const side = item['S'];
      if (!(priceRaw > 0) || !(sizeRaw > 0) || (side !== 'Buy' && side !== 'Sell')) {
        this.badFrames++;
        continue;
      }
      if (state.firstPriceRaw === 0) state.firstPriceRaw = priceRaw;
      state.lastPriceRaw = priceRaw;
      const price = priceRaw / 10 ** spec.priceDecimals;
      const size = sizeRaw / 10 ** spec.sizeDecimals;
      state.turnover += price * size;
      state.volume += size;
      state.tradeSeq++;
      if (!subscribed.has(symbol)) continue;
      let list = this.pending.get(symbol);
      if (list === undefined) this.pending.set(symbol, (list = []));
      const tradeId = typeof item['i'] === 'string' ? item['i'] : `${symbol}-${state.tradeSeq}`;
      list.push({ symbol, tsMs: nowMs, side, priceRaw, sizeRaw, tradeId, seq: state.tradeSeq });
    }
    return symbol;
  }

  /** Empties `symbol`'s book (its source stopped: what it held is stale); the next snapshot rebuilds it. */
  clearBook(symbol: string): void {
    const state = this.symbols.get(symbol);
    if (state !== undefined) state.book.apply([], [], true, state.spec);
  }

  /** The trades applied since the last step (grouped by symbol) and each subscribed book's changed levels. */
  takeStep(nowMs: number, subscribed: ReadonlySet<string>): MarketStep {
    const trades: SimTrade[] = [];
    for (const list of this.pending.values()) trades.push(...list);
    this.pending.clear();
    const bookChanges: BookChange[] = [];
    for (const [symbol, state] of this.symbols) {
      const change = state.book.takeChange(symbol, nowMs, subscribed.has(symbol));
      if (change !== null) bookChanges.push(change);
    }
    return { trades, bookChanges };
  }

  tickers(): TickerState[] {
    return [...this.symbols.values()].map((state) => ({
      symbol: state.spec.symbol,
      lastPriceRaw: state.lastPriceRaw || state.book.midRaw(),
      prevPrice24hRaw: state.firstPriceRaw || state.book.midRaw(),
      turnover24h: state.turnover.toFixed(4),
      volume24h: state.volume.toFixed(state.spec.sizeDecimals),
      bestBid: state.book.bestBid(),
      bestAsk: state.book.bestAsk(),
      regime: 'quiet',
    }));
  }

  has(symbol: string): boolean {
    return this.symbols.has(symbol);
  }

  book(symbol: string): BookView {
    return this.state(symbol).book.view();
  }

  bestBid(symbol: string): BookLevel | null {
    return this.state(symbol).book.bestBid();
  }

  bestAsk(symbol: string): BookLevel | null {
    return this.state(symbol).book.bestAsk();
  }

  instruments(): InstrumentSpec[] {
    return [...this.symbols.values()].map((state) => state.spec);
  }

  instrument(symbol: string): InstrumentSpec | undefined {
    return this.symbols.get(symbol)?.spec;
  }

  private state(symbol: string): SymbolState {
    const state = this.symbols.get(symbol);
    if (state === undefined) throw new Error(`no market data for symbol ${symbol}`);
    return state;
  }
}

function parseFrame(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
