// MarketDataCore: the market-data worker's logic without the socket (market-data thread). Frames, switches, timer
// ticks and connection states come in with their local times; trades, book tops and feed states go to the injected
// ring sink in that order, and everything else to send or do comes back as values.

import type { WsConnectionState, WsDataFrame } from '@scalper/bybit';
import type { InstrumentScale, MarketDataPayloads, Symbol } from '@scalper/protocol';
import { BookTopTracker, type BookTopTrackerOptions, type ResyncRequest } from './book-top-tracker.js';
import { FeedHealth } from './feed-health.js';
import { StateToRing, type FeedReport } from './state-to-ring.js';
import { planSwitch, type SubscriptionPlan } from './subscription-plan.js';
import { TradeToRing, type RingEntrySink, type TradeToRingOptions } from './trade-to-ring.js';

export interface MarketDataCoreOptions extends TradeToRingOptions, BookTopTrackerOptions {
  /** The epoch to go on from: a restarted market-data continues above the last one stamped into the ring. */
  readonly startEpoch?: number;
}

/**
 * What one frame produced. The core hands back the same object every call (the trade path allocates nothing):
 * read it before the next onFrame. Ring writes already happened; the rest is for the worker to do.
 */
export interface FrameOutcome {
  kind: 'trade' | 'orderbook' | 'other';
  /** Trades written to the ring by this frame. */
  ringWrites: number;
  /** The book's top changed and went into the ring. */
  bookTopWritten: boolean;
  /** Resubscribe this topic (unsubscribe + subscribe) and then call onBookResubscribed. */
  resync: ResyncRequest | null;
  /** The feed's state changed; already in the ring. */
  feedStatus: FeedReport | null;
}

export interface SwitchOutcome {
  readonly plan: SubscriptionPlan;
  /**
   * The feed is stalled until the new symbol's first snapshot; already in the ring, before any step is carried
   * out, so strategy opens nothing on the old symbol while the swap runs.
   */
  readonly feedStatus: FeedReport | null;
}

export interface TimerOutcome {
  /** Already in the ring. */
  readonly feedStatus: FeedReport | null;
  /** The book went quiet while the socket stayed open: resubscribe it. */
  readonly resync: ResyncRequest | null;
}

export class MarketDataCore {
  private readonly trades: TradeToRing;
  private readonly state: StateToRing;
  private readonly book: BookTopTracker;
  private readonly health = new FeedHealth();
  private connection: WsConnectionState = 'idle';
  private currentSymbol: Symbol | null = null;
  private currentScale: InstrumentScale | null = null;
  private currentEpoch = 0;
  /** The current symbol's topics were confirmed by the venue (confirmSubscribed); cleared by a swap. */
  private subscribed = false;
  private otherFrames = 0;
  private readonly outcome: FrameOutcome = { kind: 'other', ringWrites: 0, bookTopWritten: false, resync: null, feedStatus: null };

  constructor(sink: RingEntrySink, options: MarketDataCoreOptions = {}) {
    this.currentEpoch = options.startEpoch ?? 0;
    this.trades = new TradeToRing(sink, options);
    this.state = new StateToRing(sink);
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
      this.state.setSymbol(scale, plan.epoch);
      this.book.setSymbol(plan.symbol, scale.priceDecimals, nowMs);
    }
    return { plan, feedStatus: this.writeFeedChange(nowMs) };
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
    out.bookTopWritten = false;
    out.resync = null;
    out.feedStatus = null;
    if (frame.kind === 'trade') {
      out.kind = 'trade';
      out.ringWrites = this.trades.writeFrame(frame, tsRecvMs);
      // A trade pushed into a full ring may have dropped a book or feed entry as the oldest.
      this.state.republishIfDropped();
      return out;
    }
    if (frame.kind !== 'orderbook') {
      out.kind = 'other';
      this.otherFrames++;
      return out;
    }
    out.kind = 'orderbook';
    const result = this.book.onFrame(frame, tsRecvMs);
    if (result.kind === 'top-changed') {
      this.state.writeBook(result.top, tsRecvMs);
      out.bookTopWritten = true;
    } else if (result.kind === 'resync-needed') out.resync = result.request;
    // The feed turns live on the first whole book and stalled when it breaks, without waiting for the timer.
    out.feedStatus = this.writeFeedChange(tsRecvMs);
    return out;
  }

  /**
   * Writes the feed's state now, even unchanged: a restarted strategy has heard no earlier feed entry and opens
   * nothing until it gets one.
   */
  publishFeedStatus(nowMs: number): FeedReport {
    const report = this.health.report(this.connection, this.book, nowMs);
    this.state.writeFeed(report, nowMs);
    return report;
  }

  /** Call every few hundred ms: notices a silent book (stalled, and a resubscribe) and a recovered one. */
  onTimer(nowMs: number): TimerOutcome {
    const resync = this.connection === 'open' && this.subscribed ? this.book.resyncIfStale(nowMs) : null;
    return { feedStatus: this.writeFeedChange(nowMs), resync };
  }

  /** The public connection's state changed. While it is not open the book is forgotten: the replay re-sends it. */
  onConnectionState(state: WsConnectionState, nowMs: number): FeedReport | null {
    const wasOpen = this.connection === 'open';
    this.connection = state;
    if (wasOpen !== (state === 'open')) {
      this.book.reset(nowMs);
      this.state.forgetBook();
    }
    return this.writeFeedChange(nowMs);
  }

  /** The feed's state if it changed, written to the ring; null when unchanged. */
  private writeFeedChange(nowMs: number): FeedReport | null {
    const report = this.health.evaluate(this.connection, this.book, nowMs);
    if (report !== null) this.state.writeFeed(report, nowMs);
    return report;
  }

  /** Trade refusals by reason, for the run summary. */
  refusedByReason(): ReadonlyMap<string, number> {
    return this.trades.refusedByReason();
  }

  /** Counters with stable names (WorkerStats). */
  stats(): Readonly<Record<string, number>> {
    const t = this.trades.counters;
    const b = this.book.counters;
    const st = this.state.counters;
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
      bookTopsUnscaled: st.booksUnscaled,
      feedStatesWritten: st.feedWritten,
      stateRepublished: st.republished,
      bookIgnoredOtherSymbol: b.ignoredOtherSymbol,
      bookResyncRequests: b.resyncRequests,
      bookResyncSuppressed: b.resyncSuppressed,
      otherFrames: this.otherFrames,
    };
  }
}
