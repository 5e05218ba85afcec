// LiveMarket: public market data relayed from an upstream Bybit, for paper trading (venue thread). The upstream's
// frames for the symbols the venue's clients subscribe go through a FrameMarket, so books and trades are rebuilt
// exactly as a replay's and the matching fills against them; the scanner's tickers are the upstream's own REST
// figures. Nothing here speaks to the network: the host brings the socket and the REST calls.

import { scaledIntegerOrNaN as parseRaw } from '../market/decimal-scale.js';
import { specFromInstrumentItem } from '../market/instrument-items.js';
import { FrameMarket } from '../frames/frame-market.js';
import { FrameMarketSource } from '../frames/frame-market-source.js';
import type { MarketStep } from '../market-source.js';
import type { BookLevel, InstrumentSpec, TickerState } from '../venue-types.js';

/** What the host's upstream socket must do: hold exactly these public topics (subscribing and unsubscribing). */
export interface UpstreamTopics {
  setTopics(topics: readonly string[]): void;
  /** Unsubscribes and subscribes `topic` again: the upstream then sends a fresh snapshot. */
  resubscribe(topic: string): void;
}

export interface LiveMarketOptions {
  /** The upstream's instruments-info items (linear); items a rule is missing from are left out and counted. */
  readonly instrumentItems: readonly unknown[];
  readonly upstream: UpstreamTopics;
  /**
   * The depth asked of the upstream for each subscribed symbol: market orders walk it, so a thin orderbook.1 would
   * fill everything at the touch. Bybit's linear depths are 1, 50, 200 and 1000; default 50.
   */
  readonly bookDepth?: 1 | 50 | 200 | 1000;
  /** Frames held between two advances; past it the oldest are dropped and counted (a stalled venue loop). */
  readonly maxQueuedFrames?: number;
  /**
   * No upstream frame for this long while topics are held means the upstream is silent (a stall, a dead socket):
   * default 3 s. The traded symbol's orderbook.50 moves many times a second; Bybit re-sends orderbook.1 every 3 s.
   */
  readonly silenceMs?: number;
}

export class LiveMarket extends FrameMarketSource {
  private readonly depth: number;
  private readonly maxQueued: number;
  private queued: string[] = [];
  private readonly upstreamTickers = new Map<string, TickerState>();
  /** The topics last asked of the upstream, joined: asked again only when they change. */
  private askedTopics: string | null = null;
  /** The symbols whose topics are held upstream now. */
  private held = new Set<string>();
  /** Per symbol: venue time of its last upstream frame since it was held (none yet: nothing to relay). */
  private readonly heardAtMs = new Map<string, number>();
  /** Per symbol: when it stopped being held (a client's quick unsubscribe and subscribe is no new subscribe). */
  private readonly releasedAtMs = new Map<string, number>();
  /** Instrument items without a rule the matching needs. */
  readonly refusedInstruments: number;
  /** Ticker items refused (unknown symbol or unreadable numbers), over all refreshes. */
  refusedTickers = 0;
  /** Frames dropped because the venue loop fell behind. */
  droppedFrames = 0;
  /** Relayed books that came out crossed (an upstream delta lost or wrong): emptied and asked for again. */
  bookResyncs = 0;
  private outage: string | null = null;
  /** Symbols whose crossed book waits for the upstream's new snapshot. */
  private readonly resyncing = new Set<string>();
  /** Told each upstream depth frame as it is applied (a session recording keeps the book the matching walked). */
  onDepthApplied: ((text: string, nowMs: number) => void) | null = null;

  constructor(private readonly options: LiveMarketOptions) {
    const specs = specsOf(options.instrumentItems);
    super(new FrameMarket(specs));
    this.refusedInstruments = options.instrumentItems.length - specs.length;
    this.depth = options.bookDepth ?? 50;
    this.maxQueued = options.maxQueuedFrames ?? 100_000;
  }

  /** One upstream frame's text, as received; applied at the next advance, in arrival order. */
  onUpstreamFrame(text: string): void {
    if (this.queued.length >= this.maxQueued) {
      this.queued.shift();
      this.droppedFrames++;
    }
    this.queued.push(text);
  }

  /**
   * The upstream's tickers could not be read: until the next success the venue refuses its own tickers endpoint, so
   * the scanner's scan fails and says why, as it would on Bybit (not a scan of figures that are getting old).
   */
  tickersUnavailable(reason: string): void {
    this.outage = reason;
  }

  tickerOutage(): string | null {
    return this.outage;
  }

  /** The upstream's tickers (REST items, linear): what the venue's own tickers endpoint answers from now on. */
  setTickers(items: readonly unknown[]): void {
    this.outage = null;
    for (const item of items) {
      const ticker = this.tickerFrom(item);
      if (ticker === null) this.refusedTickers++;
      else this.upstreamTickers.set(ticker.symbol, ticker);
    }
  }

  advance(nowMs: number, subscribed: ReadonlySet<string>): MarketStep {
    this.hold(subscribed, nowMs);
    const frames = this.queued;
    this.queued = [];
    for (const text of frames) {
      const symbol = this.market.applyText(text, nowMs, subscribed);
      if (symbol === null) continue;
      const bookFrame = this.market.lastBookFrame;
      if (bookFrame !== null && this.crossed(symbol)) {
        this.resync(symbol);
        continue;
      }
      // A book waiting for its fresh snapshot is not heard from: the venue sends no top of it (its trades still go).
      if (this.resyncing.has(symbol)) {
        if (bookFrame !== 'full') continue;
        this.resyncing.delete(symbol);
      }
      this.heardAtMs.set(symbol, nowMs);
      if (this.onDepthApplied !== null && bookFrame !== null) this.onDepthApplied(text, nowMs);
    }
    return this.market.takeStep(nowMs, subscribed);
  }

  /**
   * No frame of `symbol` from the upstream yet, or none for silenceMs: the venue must send nothing of its own for it
   * (before its first upstream frame it would send an empty book, after a stall a stale one). That includes a symbol
   * a client has just subscribed, before the next advance holds it upstream.
   */
  upstreamSilent(symbol: string, nowMs: number): boolean {
    const heardAt = this.heardAtMs.get(symbol);
    return heardAt === undefined || nowMs - heardAt > this.silenceMs;
  }

  /** Bybit's books are never crossed: one that is holds a level a lost or wrong delta left behind. */
  private crossed(symbol: string): boolean {
    const bid = this.market.bestBid(symbol);
    const ask = this.market.bestAsk(symbol);
    return bid !== null && ask !== null && bid.priceRaw >= ask.priceRaw;
  }

  /** Empties the book, goes silent for the symbol (no relayed frame of it) and asks the upstream for a new snapshot. */
  private resync(symbol: string): void {
    this.bookResyncs++;
    this.market.clearBook(symbol);
    this.heardAtMs.delete(symbol);
    if (this.resyncing.has(symbol)) return;
    this.resyncing.add(symbol);
    this.options.upstream.resubscribe(`orderbook.${this.depth}.${symbol}`);
  }

  private get silenceMs(): number {
    return this.options.silenceMs ?? 3_000;
  }

  /** Holds the subscribed symbols' topics upstream; a symbol newly held waits for its first upstream frame. */
  private hold(subscribed: ReadonlySet<string>, nowMs: number): void {
    const held = new Set<string>();
    for (const symbol of subscribed) if (this.market.has(symbol)) held.add(symbol);
    for (const symbol of held) {
      if (this.held.has(symbol)) continue;
      const releasedAt = this.releasedAtMs.get(symbol);
      if (releasedAt === undefined || nowMs - releasedAt > this.silenceMs) this.heardAtMs.delete(symbol);
    }
    for (const symbol of this.held) {
      if (held.has(symbol)) continue;
      this.releasedAtMs.set(symbol, nowMs);
      this.resyncing.delete(symbol);
      // Unsubscribed upstream, its book stops moving: served later, before a new snapshot, it would be stale.
      this.market.clearBook(symbol);
    }
    this.held = held;
    this.askUpstreamFor(held);
  }

  /** The upstream's figures; for a symbol whose book is relayed, the live best bid and ask. */
  tickers(): TickerState[] {
    const out: TickerState[] = [];
    for (const ticker of this.upstreamTickers.values()) {
      const bid = this.market.bestBid(ticker.symbol);
      const ask = this.market.bestAsk(ticker.symbol);
      out.push(bid === null || ask === null ? ticker : { ...ticker, bestBid: bid, bestAsk: ask });
    }
    return out;
  }

  private askUpstreamFor(held: ReadonlySet<string>): void {
    const topics: string[] = [];
    for (const symbol of [...held].sort()) topics.push(`orderbook.${this.depth}.${symbol}`, `publicTrade.${symbol}`);
    const key = topics.join(',');
    if (key === this.askedTopics) return;
    this.askedTopics = key;
    this.options.upstream.setTopics(topics);
  }

  private tickerFrom(item: unknown): TickerState | null {
    if (typeof item !== 'object' || item === null) return null;
    const fields = item as Record<string, unknown>;
    const spec = typeof fields['symbol'] === 'string' ? this.market.instrument(fields['symbol']) : undefined;
    if (spec === undefined) return null;
    const lastPriceRaw = parseRaw(fields['lastPrice'], spec.priceDecimals);
    const prevPrice24hRaw = parseRaw(fields['prevPrice24h'], spec.priceDecimals);
    const turnover = fields['turnover24h'];
    const volume = fields['volume24h'];
    if (!(lastPriceRaw > 0) || !(prevPrice24hRaw > 0) || typeof turnover !== 'string' || typeof volume !== 'string') return null;
    return {
      symbol: spec.symbol,
      lastPriceRaw,
      prevPrice24hRaw,
      turnover24h: turnover,
      volume24h: volume,
      bestBid: levelFrom(fields['bid1Price'], fields['bid1Size'], spec),
      bestAsk: levelFrom(fields['ask1Price'], fields['ask1Size'], spec),
      regime: 'quiet',
    };
  }
}

/** The rules of every item the matching can use; the others are counted by the caller. */
function specsOf(items: readonly unknown[]): InstrumentSpec[] {
  const specs: InstrumentSpec[] = [];
  for (const item of items) {
    const spec = specFromInstrumentItem(item);
    if (spec !== null) specs.push(spec);
  }
  return specs;
}

function levelFrom(price: unknown, size: unknown, spec: InstrumentSpec): BookLevel | null {
  const priceRaw = parseRaw(price, spec.priceDecimals);
  const sizeRaw = parseRaw(size, spec.sizeDecimals);
  return priceRaw > 0 && sizeRaw > 0 ? { priceRaw, sizeRaw } : null;
}
