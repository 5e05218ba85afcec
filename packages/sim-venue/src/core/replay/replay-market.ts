// ReplayMarket: public market data from a recording instead of the seeded simulation (venue thread). Books are
// rebuilt from orderbook.50 (or orderbook.1) frames, trades come from publicTrade frames restamped to venue time,
// and the venue's feed, matching and REST endpoints use it exactly as they use the MarketSimulator.

import { scaledIntegerOrNaN as parseRaw } from '../market/decimal-scale.js';
import type { MarketSource, MarketStep } from '../market-source.js';
import type { BookChange, BookLevel, BookView, InstrumentSpec, SimTrade, TickerState } from '../venue-types.js';
import type { RecordedFrame, ReplayFile } from './replay-file.js';
import { ReplayBook } from './replay-book.js';
import { deriveInstrumentSpecs } from './replay-instruments.js';

/** 'max' replays as fast as the venue ticks; a number is a speed factor (1 = the recording's own pace). */
export type ReplaySpeed = 'max' | number;

export interface ReplayMarketOptions {
  readonly file: ReplayFile;
  readonly speed: ReplaySpeed;
  readonly startMs: number;
  /** Symbols the catalog knows keep the catalog's rules; others get rules derived from the recording. */
  readonly catalog: readonly InstrumentSpec[];
  /** Frames consumed per advance at 'max' speed. */
  readonly framesPerAdvanceAtMax?: number;
}

interface SymbolState {
  readonly spec: InstrumentSpec;
  readonly book: ReplayBook;
  lastPriceRaw: number;
  firstPriceRaw: number;
  turnover: number;
  volume: number;
  tradeSeq: number;
}

export class ReplayMarket implements MarketSource {
  private readonly frames: readonly RecordedFrame[];
  private readonly symbols = new Map<string, SymbolState>();
  private readonly specs: readonly InstrumentSpec[];
  private next = 0;
  private readonly firstTsMs: number;
  private readonly framesPerAdvance: number;
  /** Frames whose content could not be used (bad levels, bad trades); counted for the venue's stats. */
  badFrames = 0;

  constructor(private readonly options: ReplayMarketOptions) {
    this.frames = options.file.frames;
    this.firstTsMs = this.frames[0]?.tsMs ?? 0;
    this.framesPerAdvance = options.framesPerAdvanceAtMax ?? 500;
    this.specs = deriveInstrumentSpecs(this.frames, options.catalog);
    for (const spec of this.specs) {
      this.symbols.set(spec.symbol, { spec, book: new ReplayBook(), lastPriceRaw: 0, firstPriceRaw: 0, turnover: 0, volume: 0, tradeSeq: 0 });
    }
    if (options.speed !== 'max' && !(options.speed > 0)) throw new RangeError(`replay speed must be 'max' or a positive number, got ${options.speed}`);
  }

  /** True once every recorded frame has been replayed. */
  get finished(): boolean {
    return this.next >= this.frames.length;
  }

  get progress(): { readonly replayed: number; readonly total: number } {
    return { replayed: this.next, total: this.frames.length };
  }

  advance(nowMs: number, subscribed: ReadonlySet<string>): MarketStep {
    const trades: SimTrade[] = [];
    const target = this.options.speed === 'max' ? Number.POSITIVE_INFINITY : this.firstTsMs + (nowMs - this.options.startMs) * this.options.speed;
    const limit = this.options.speed === 'max' ? Math.min(this.frames.length, this.next + this.framesPerAdvance) : this.frames.length;
    const bySymbol = new Map<string, SimTrade[]>();
    while (this.next < limit && (this.frames[this.next] as RecordedFrame).tsMs <= target) {
      this.apply(this.frames[this.next] as RecordedFrame, nowMs, subscribed, bySymbol);
      this.next++;
    }
    for (const list of bySymbol.values()) trades.push(...list);
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

  instruments(): readonly InstrumentSpec[] {
    return this.specs;
  }

  instrument(symbol: string): InstrumentSpec | undefined {
    return this.symbols.get(symbol)?.spec;
  }

  private state(symbol: string): SymbolState {
    const state = this.symbols.get(symbol);
    if (state === undefined) throw new Error(`replay has no symbol ${symbol}`);
    return state;
  }

  private apply(recorded: RecordedFrame, nowMs: number, subscribed: ReadonlySet<string>, bySymbol: Map<string, SimTrade[]>): void {
    const { topic, frame } = recorded;
    const symbol = topic.slice(topic.lastIndexOf('.') + 1);
    const state = this.symbols.get(symbol);
    if (state === undefined) return;
    const { spec } = state;
    if (topic.startsWith('orderbook.')) {
      const data = frame['data'] as Record<string, unknown> | undefined;
      const full = frame['type'] === 'snapshot' || data?.['u'] === 1;
      if (!state.book.apply(data?.['b'], data?.['a'], full, spec)) this.badFrames++;
      return;
    }
    if (!topic.startsWith('publicTrade.') || !Array.isArray(frame['data'])) return;
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
      let list = bySymbol.get(symbol);
      if (list === undefined) bySymbol.set(symbol, (list = []));
      const tradeId = typeof item['i'] === 'string' ? item['i'] : `${symbol}-${state.tradeSeq}`;
      // Restamped to venue time: a consumer's staleness check must see live data, not the recording's clock.
      list.push({ symbol, tsMs: nowMs, side, priceRaw, sizeRaw, tradeId, seq: state.tradeSeq });
    }
  }
}
