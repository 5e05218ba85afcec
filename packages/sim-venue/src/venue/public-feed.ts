// The venue's clock tick (venue thread): advances the simulated markets, publishes trades, book deltas, orderbook.1
// snapshots (on change and every 3 s, as Bybit re-sends them) and tickers, lets resting orders and stop losses
// react to each trade, and applies the socket-drop faults.

import type { MarketSource } from '../core/market-source.js';
import type { MatchingEngine } from '../core/trading/index.js';
import type { InstrumentSpec, SimTrade } from '../core/venue-types.js';
import type { FaultPlan } from '../server/fault-plan.js';
import type { PrivateWsHub } from '../server/private-ws-hub.js';
import { bookFrameText, bookSnapshotText, TickDirectionTracker, tickerFrameText, tradeFrameText } from '../server/public-frames.js';
import type { PublicWsHub } from '../server/public-ws-hub.js';
import { DepthWindow } from './depth-window.js';
import { publishVenueEvents, type PrivateEventSink } from './private-event-publisher.js';
import { forEachSymbolRun, maxTradesPerFrame, tickerIntervalMs, TopOfBookCadence } from './feed-cadence.js';
import { probeClockMs, type VenueProbe } from './venue-probe.js';

export interface FeedCounters {
  trades: number;
  tradeFrames: number;
  bookFrames: number;
  ticks: number;
}

export class PublicFeed {
  private readonly ticks = new TickDirectionTracker();
  private readonly tops = new TopOfBookCadence();
  private lastTickerMs = 0;
  private lastPublicDropMs: number;
  private lastPrivateDropMs: number;
  private tickerSeq = 0;
  /** Per symbol, the orderbook.50 window its subscribers hold. */
  private readonly depthWindows = new Map<string, DepthWindow>();
  readonly counters: FeedCounters = { trades: 0, tradeFrames: 0, bookFrames: 0, ticks: 0 };

  constructor(
    private readonly market: MarketSource,
    private readonly engine: MatchingEngine,
    private readonly publicHub: PublicWsHub,
    private readonly privateHub: PrivateWsHub,
    /** Where the fills trades cause go: the private hub, or the fill model's line to it. */
    private readonly privateSink: PrivateEventSink,
    private readonly faults: FaultPlan,
    /** Symbols with orders or positions: their trades must reach the matching engine even with no subscriber. */
    private readonly tradedSymbols: ReadonlySet<string>,
    startMs: number,
    private readonly probe: VenueProbe = {},
  ) {
    this.lastPublicDropMs = startMs;
    this.lastPrivateDropMs = startMs;
  }

  tick(nowMs: number): void {
    this.counters.ticks++;
    const active = this.publicHub.subscribedSymbols();
    for (const symbol of this.tradedSymbols) active.add(symbol);
    const { trades, bookChanges } = this.market.advance(nowMs, active);
    this.publishTrades(trades, nowMs);
    for (const change of bookChanges) {
      const spec = this.market.instrument(change.symbol);
      if (spec === undefined) continue;
      const topic = `orderbook.50.${change.symbol}`;
      if (!this.publicHub.hasSubscribers(topic)) {
        this.depthWindows.delete(change.symbol);
        continue;
      }
      const delta = this.depthWindow(change.symbol).delta(this.market.book(change.symbol));
      if (delta !== null) {
        this.publicHub.publish(topic, bookFrameText(spec, 50, 'delta', delta.bids, delta.asks, change.updateId, change.updateId, nowMs));
        this.counters.bookFrames++;
      }
    }
    // A relay whose upstream went quiet for a symbol sends nothing of its own for it: its clients must see the silence.
    for (const symbol of active) if (this.market.upstreamSilent?.(symbol, nowMs) !== true) this.publishTop(symbol, nowMs, false);
    if (nowMs - this.lastTickerMs >= tickerIntervalMs) {
      this.lastTickerMs = nowMs;
      this.publishTickers(active, nowMs);
    }
    this.applyDropFaults(nowMs);
  }

  /** Sent to one socket right after it subscribes, so every book starts from a snapshot. */
  sendInitial(send: (text: string) => void, topic: string, nowMs: number): void {
    const symbol = topic.slice(topic.lastIndexOf('.') + 1);
    if (this.market.upstreamSilent?.(symbol, nowMs) === true) return;
    const spec = this.market.instrument(symbol);
    if (spec === undefined) return;
    const book = this.market.book(symbol);
    if (topic.startsWith('orderbook.50.')) {
      // The topic's window moves on from this book, so the next delta is relative to what this subscriber got.
      this.depthWindow(symbol).delta(book);
      send(bookSnapshotText(spec, 50, book, book.updateId, book.updateId, nowMs));
    } else if (topic.startsWith('orderbook.1.')) {
      const top = this.publishTop(symbol, nowMs, true);
      if (top !== null) send(top);
    } else if (topic.startsWith('tickers.')) {
      const ticker = this.market.tickers(nowMs).find((t) => t.symbol === symbol);
      if (ticker !== undefined) send(tickerFrameText(spec, ticker, nowMs, ++this.tickerSeq));
    }
  }

  private depthWindow(symbol: string): DepthWindow {
    let window = this.depthWindows.get(symbol);
    if (window === undefined) this.depthWindows.set(symbol, (window = new DepthWindow(50)));
    return window;
  }

  private publishTrades(trades: readonly SimTrade[], nowMs: number): void {
    forEachSymbolRun(trades, (symbol, start, end) => {
      const spec = this.market.instrument(symbol);
      if (spec !== undefined) this.publishSymbolTrades(spec, trades.slice(start, end), nowMs);
    });
  }

  private publishSymbolTrades(spec: InstrumentSpec, trades: readonly SimTrade[], nowMs: number): void {
    const topic = `publicTrade.${spec.symbol}`;
    this.counters.trades += trades.length;
    if (this.publicHub.hasSubscribers(topic)) {
      for (let i = 0; i < trades.length; i += maxTradesPerFrame) {
        const frameTrades = trades.slice(i, i + maxTradesPerFrame);
        const text = tradeFrameText(spec, frameTrades, nowMs, this.ticks);
        // Stamped before the write: a subscriber on another core can read the frame before publish returns here.
        const sentAtMs = this.probe.tradeFrameSent === undefined ? 0 : probeClockMs();
        this.publicHub.publish(topic, text);
        this.counters.tradeFrames++;
        this.probe.tradeFrameSent?.(spec.symbol, frameTrades.length, sentAtMs);
      }
    }
    if (this.tradedSymbols.has(spec.symbol)) {
      for (const trade of trades) {
        const events = this.engine.onTrade(trade, spec, nowMs);
        if (events.length > 0) publishVenueEvents(this.privateSink, events);
      }
    }
  }

  /** Publishes orderbook.1 when the top changed or 3 s passed; with `force`, returns an unchanged top for one socket. */
  private publishTop(symbol: string, nowMs: number, force: boolean): string | null {
    const topic = `orderbook.1.${symbol}`;
    if (!force && !this.publicHub.hasSubscribers(topic)) return null;
    const spec = this.market.instrument(symbol);
    if (spec === undefined) return null;
    const bid = this.market.bestBid(symbol);
    const ask = this.market.bestAsk(symbol);
    const top = this.tops.next(symbol, bid, ask, nowMs, force);
    if (top === null) return null;
    const text = bookFrameText(spec, 1, 'snapshot', bid === null ? [] : [bid], ask === null ? [] : [ask], top.updateId, top.updateId, nowMs);
    // A new top goes to every subscriber (the new socket is one already); an unchanged one only to the newcomer.
    if (!force || top.changed) {
      this.publicHub.publish(topic, text);
      this.counters.bookFrames++;
      return null;
    }
    return text;
  }

  private publishTickers(active: ReadonlySet<string>, nowMs: number): void {
    let any = false;
    for (const symbol of active) if (this.publicHub.hasSubscribers(`tickers.${symbol}`)) any = true;
    if (!any) return;
    for (const ticker of this.market.tickers(nowMs)) {
      const topic = `tickers.${ticker.symbol}`;
      const spec = this.market.instrument(ticker.symbol);
      if (spec !== undefined && this.publicHub.hasSubscribers(topic)) {
        this.publicHub.publish(topic, tickerFrameText(spec, ticker, nowMs, ++this.tickerSeq));
      }
    }
  }

  private applyDropFaults(nowMs: number): void {
    const { dropPublicEverySec, dropPrivateEverySec } = this.faults;
    if (dropPublicEverySec > 0 && nowMs - this.lastPublicDropMs >= dropPublicEverySec * 1_000) {
      this.lastPublicDropMs = nowMs;
      this.publicHub.dropAll();
      this.probe.streamsDropped?.('public', probeClockMs());
    }
    if (dropPrivateEverySec > 0 && nowMs - this.lastPrivateDropMs >= dropPrivateEverySec * 1_000) {
      this.lastPrivateDropMs = nowMs;
      this.privateHub.dropAll();
      this.probe.streamsDropped?.('private', probeClockMs());
    }
  }
}
