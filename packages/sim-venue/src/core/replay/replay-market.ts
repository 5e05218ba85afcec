// ReplayMarket: public market data from a recording instead of the seeded simulation (venue thread). Books are
// rebuilt from orderbook.50 (or orderbook.1) frames, trades come from publicTrade frames restamped to venue time,
// and the venue's feed, matching and REST endpoints use it exactly as they use the MarketSimulator. Frames stream
// in batches a little ahead of the replay, so a recording of many hours takes the memory of a few thousand frames.

import { scaledIntegerOrNaN as parseRaw } from '../market/decimal-scale.js';
import type { MarketSource, MarketStep } from '../market-source.js';
import type { BookChange, BookLevel, BookView, InstrumentSpec, SimTrade, TickerState } from '../venue-types.js';
import { ReplayBook } from './replay-book.js';

/** 'max' replays as fast as the venue ticks; a number is a speed factor (1 = the recording's own pace). */
export type ReplaySpeed = 'max' | number;

/** One recorded frame: its time in the recording and its text (the reader of @scalper/recording gives these). */
export interface ReplayLine {
  readonly tsMs: number;
  readonly text: string;
}

/** The recording, batch by batch, in receive order; null at the end. */
export interface ReplayLineSource {
  nextBatch(): Promise<readonly ReplayLine[] | null>;
}

export interface ReplayMarketOptions {
  readonly source: ReplayLineSource;
  /** The rules of every symbol the recording has (see replay-instruments.ts); frames of other symbols are ignored. */
  readonly specs: readonly InstrumentSpec[];
  readonly speed: ReplaySpeed;
  readonly startMs: number;
  /** Frames consumed per advance at 'max' speed. */
  readonly framesPerAdvanceAtMax?: number;
  /** Frames read ahead of the replay; default 8,000. */
  readonly readAheadFrames?: number;
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
  private readonly symbols = new Map<string, SymbolState>();
  private readonly specs: readonly InstrumentSpec[];
  private readonly framesPerAdvance: number;
  private readonly readAhead: number;
  /** Frames read and not yet replayed: buffer[head...]. */
  private buffer: ReplayLine[] = [];
  private head = 0;
  private reading: Promise<void> | null = null;
  private sourceEnded = false;
  private readError: Error | null = null;
  private replayed = 0;
  /** The recording's time of its first frame: the replay's pace is measured from it. */
  private firstTsMs = Number.NaN;
  /** Frames whose content could not be used (not JSON, bad levels, bad trades); counted for the venue's stats. */
  badFrames = 0;

  constructor(private readonly options: ReplayMarketOptions) {
    if (options.speed !== 'max' && !(options.speed > 0))
      throw new RangeError(`replay speed must be 'max' or a positive number, got ${options.speed}`);
    this.framesPerAdvance = options.framesPerAdvanceAtMax ?? 500;
    this.readAhead = options.readAheadFrames ?? 8_000;
    this.specs = options.specs;
    for (const spec of this.specs) {
      this.symbols.set(spec.symbol, { spec, book: new ReplayBook(), lastPriceRaw: 0, firstPriceRaw: 0, turnover: 0, volume: 0, tradeSeq: 0 });
    }
    this.readMore();
  }

  /** Resolves once the first frames are in (or the recording turned out empty): the replay starts on data. */
  async ready(): Promise<void> {
    while (this.buffered() === 0 && !this.sourceEnded) {
      this.readMore();
      await (this.reading ?? Promise.resolve());
    }
    if (this.readError !== null) throw this.readError;
  }

  /** True once every recorded frame has been replayed. */
  get finished(): boolean {
    return this.sourceEnded && this.buffered() === 0;
  }

  /** Frames replayed so far, and those read ahead waiting. */
  get progress(): { readonly replayed: number; readonly buffered: number } {
    return { replayed: this.replayed, buffered: this.buffered() };
  }

  advance(nowMs: number, subscribed: ReadonlySet<string>): MarketStep {
    if (this.readError !== null) throw this.readError;
    const trades: SimTrade[] = [];
    const atMax = this.options.speed === 'max';
    if (Number.isNaN(this.firstTsMs) && this.buffered() > 0) this.firstTsMs = (this.buffer[this.head] as ReplayLine).tsMs;
    const target = atMax ? Number.POSITIVE_INFINITY : this.firstTsMs + (nowMs - this.options.startMs) * (this.options.speed as number);
    let budget = atMax ? this.framesPerAdvance : Number.POSITIVE_INFINITY;
    const bySymbol = new Map<string, SimTrade[]>();
    while (budget > 0 && this.head < this.buffer.length && (this.buffer[this.head] as ReplayLine).tsMs <= target) {
      this.apply(this.buffer[this.head] as ReplayLine, nowMs, subscribed, bySymbol);
      this.head++;
      this.replayed++;
      budget--;
    }
    this.readMore();
    for (const list of bySymbol.values()) trades.push(...list);
    const bookChanges: BookChange[] = [];
    for (const [symbol, state] of this.symbols) {
      const change = state.book.takeChange(symbol, nowMs, subscribed.has(symbol));
      if (change !== null) bookChanges.push(change);
    }
    return { trades, bookChanges };
  }

  private buffered(): number {
    return this.buffer.length - this.head;
  }

  /** Reads the next batches in the background until readAhead frames wait; one read at a time. */
  private readMore(): void {
    if (this.reading !== null || this.sourceEnded || this.buffered() >= this.readAhead) return;
    this.reading = this.options.source
      .nextBatch()
      .then((batch) => {
        if (batch === null) {
          this.sourceEnded = true;
          return;
        }
        if (this.head > 0) {
          this.buffer = this.buffer.slice(this.head);
          this.head = 0;
        }
        for (const line of batch) this.buffer.push(line);
      })
      .catch((error: unknown) => {
        // Surfaces on the next advance, which the venue's loop reports: a replay must not go quiet silently.
        this.readError = error instanceof Error ? error : new Error(String(error));
        this.sourceEnded = true;
      })
      .finally(() => {
        this.reading = null;
        this.readMore();
      });
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

  private apply(line: ReplayLine, nowMs: number, subscribed: ReadonlySet<string>, bySymbol: Map<string, SimTrade[]>): void {
    const frame = parseFrame(line.text);
    const topic = frame?.['topic'];
    if (frame === null || typeof topic !== 'string') {
      this.badFrames++;
      return;
    }
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

function parseFrame(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
