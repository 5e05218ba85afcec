// MarketDataCore: the market-data worker's logic without the socket (market-data thread). Frames, switches, timer
// ticks and connection states come in with their local times; ring writes go to the injected sink, and everything
// to send or do comes back as values.

import type { WsConnectionState, WsDataFrame } from '@scalper/bybit';
import type { InstrumentScale, MarketDataPayloads, OrderBookTop, Symbol } from '@scalper/protocol';
import { BookTopTracker, type BookTopTrackerOptions, type ResyncRequest } from './book-top-tracker.js';
import { FeedHealth, type FeedStatusPayload } from './feed-health.js';
import { planSwitch, type SubscriptionPlan } from './subscription-plan.js';
import { TradeToRing, type RingTickSink, type TradeToRingOptions } from './trade-to-ring.js';

export interface MarketDataCoreOptions extends TradeToRingOptions, BookTopTrackerOptions {
  /** The epoch to go on from: a restarted market-data continues above the last one stamped into the ring. */
  readonly startEpoch?: number;
}

/**
 * What one frame produced. The core hands back the same object every call (the trade path allocates nothing):
 * read it before the next onFrame. Ring writes already happened; the rest is for the worker to send or do.
 */
export interface FrameOutcome {
  kind: 'trade' | 'orderbook' | 'other';
  /** Trades written to the ring by this frame. */
  ringWrites: number;
  /** Send as StrategyMessage OrderBook { top }: only when the top changed. */
  bookTop: OrderBookTop | null;
  /** Resubscribe this topic (unsubscribe + subscribe) and then call onBookResubscribed. */
  resync: ResyncRequest | null;
  /** Send as StrategyMessage FeedStatus. */
  feedStatus: FeedStatusPayload | null;
}

export interface SwitchOutcome {
  readonly plan: SubscriptionPlan;
  /**
   * The feed is stalled until the new symbol's first snapshot. Send it at once, before carrying out the steps:
   * strategy then opens nothing on the old symbol while the swap runs.
   */
  readonly feedStatus: FeedStatusPayload | null;
}

export interface TimerOutcome {
  readonly feedStatus: FeedStatusPayload | null;
  /** The book went quiet while the socket stayed open: resubscribe it. */
  readonly resync: ResyncRequest | null;
}

export class MarketDataCore {
  private readonly trades: TradeToRing;
  private readonly book: BookTopTracker;
  private readonly health = new FeedHealth();
  private connection: WsConnectionState = 'idle';
  private currentSymbol: Symbol | null = null;
  private currentScale: InstrumentScale | null = null;
  private currentEpoch = 0;
  /** The current symbol's topics were confirmed by the venue (confirmSubscribed); cleared by a swap. */
  private subscribed = false;
  private otherFrames = 0;
  private readonly outcome: FrameOutcome = { kind: 'other', ringWrites: 0, bookTop: null, resync: null, feedStatus: null };

  constructor(sink: RingTickSink, options: MarketDataCoreOptions = {}) {
    this.currentEpoch = options.startEpoch ?? 0;
    this.trades = new TradeToRing(sink, options);
    this.book = new BookTopTracker(options);
  }

  get symbol(): Symbol | null {
    return this.currentSymbol;
  }

  get scale(): InstrumentScale | null {
    return this.currentScale;
  }

  /** The epoch stamped on ring entries of the current symbol; 0 before the first switch. */
  get epoch(): number {
    return this.currentEpoch;
  }

  get isSubscribed(): boolean {
    return this.subscribed;
  }

  /**
   * Plans the hot swap and switches the core at once: from here on, trades and books of the old symbol are
   * dropped and counted (they keep arriving until the unsubscribe is acknowledged). `scale` must be the new
   * symbol's (scaleFromInstruments); a mismatch is a bug and throws.
   */
  onSwitchSymbol(payload: MarketDataPayloads['SwitchSymbol'], scale: InstrumentScale, nowMs: number): SwitchOutcome {
    const plan = planSwitch(this.currentSymbol, payload.symbol, scale, this.currentEpoch, this.subscribed);
    if (plan.kind === 'swap') {
      this.currentSymbol = plan.symbol;
      this.currentScale = scale;
      this.currentEpoch = plan.epoch;
      this.subscribed = false;
      this.trades.setSymbol(scale, plan.epoch);
      this.book.setSymbol(plan.symbol, scale.priceDecimals, nowMs);
    }
    return { plan, feedStatus: this.health.evaluate(this.connection, this.book, nowMs) };
  }

  /** The plan's subscribe was acknowledged: answer SwitchCompleted. Ignored for a symbol no longer current. */
  confirmSubscribed(symbol: Symbol, nowMs: number): void {
    if (symbol !== this.currentSymbol) return;
    this.subscribed = true;
    this.book.noteResubscribed(nowMs);
  }

  /** A resync's resubscribe went through; the book gets maxSilenceMs from now for its snapshot. */
  onBookResubscribed(nowMs: number): void {
    this.book.noteResubscribed(nowMs);
  }

  /** One data frame received at local time `tsRecvMs` (the same clock as onTimer's nowMs). */
  onFrame(frame: WsDataFrame, tsRecvMs: number): Readonly<FrameOutcome> {
    const out = this.outcome;
    out.ringWrites = 0;
    out.bookTop = null;
    out.resync = null;
    out.feedStatus = null;
    if (frame.kind === 'trade') {
      out.kind = 'trade';
      out.ringWrites = this.trades.writeFrame(frame, tsRecvMs);
      return out;
    }
    if (frame.kind !== 'orderbook') {
      out.kind = 'other';
      this.otherFrames++;
      return out;
    }
    out.kind = 'orderbook';
    const result = this.book.onFrame(frame, tsRecvMs);
    if (result.kind === 'top-changed') out.bookTop = result.top;
    else if (result.kind === 'resync-needed') out.resync = result.request;
    // The feed turns live on the first whole book and stalled when it breaks, without waiting for the timer.
    out.feedStatus = this.health.evaluate(this.connection, this.book, tsRecvMs);
    return out;
  }

  /** The feed's state now, even unchanged: a restarted strategy has heard no earlier FeedStatus and opens nothing. */
  feedStatusNow(nowMs: number): FeedStatusPayload {
    return this.health.report(this.connection, this.book, nowMs);
  }

  /** Call every few hundred ms: notices a silent book (stalled, and a resubscribe) and a recovered one. */
  onTimer(nowMs: number): TimerOutcome {
    const resync = this.connection === 'open' && this.subscribed ? this.book.resyncIfStale(nowMs) : null;
    return { feedStatus: this.health.evaluate(this.connection, this.book, nowMs), resync };
  }

  /** The public connection's state changed. While it is not open the book is forgotten: the replay re-sends it. */
  onConnectionState(state: WsConnectionState, nowMs: number): FeedStatusPayload | null {
    const wasOpen = this.connection === 'open';
    this.connection = state;
    if (wasOpen !== (state === 'open')) this.book.reset(nowMs);
    return this.health.evaluate(state, this.book, nowMs);
  }

  /** Trade refusals by reason, for the run summary. */
  refusedByReason(): ReadonlyMap<string, number> {
    return this.trades.refusedByReason();
  }

  /** Counters with stable names (WorkerStats). */
  stats(): Readonly<Record<string, number>> {
    const t = this.trades.counters;
    const b = this.book.counters;
    return {
      epoch: this.currentEpoch,
      tradesWritten: t.written,
      tradesDroppedOtherSymbol: t.droppedOtherSymbol,
      tradesRefused: t.refused,
      tradesOutOfOrder: t.outOfOrder,
      ringDroppedOldest: t.ringDroppedOldest,
      ringDroppedNewest: t.ringDroppedNewest,
      bookFrames: b.frames,
      bookTopsSent: b.topsSent,
      bookIgnoredOtherSymbol: b.ignoredOtherSymbol,
      bookResyncRequests: b.resyncRequests,
      bookResyncSuppressed: b.resyncSuppressed,
      otherFrames: this.otherFrames,
    };
  }
}
