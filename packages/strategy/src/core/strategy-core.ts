// The strategy's pure decision core (strategy thread): VWAP momentum entries, exits and one-position-at-a-time
// bookkeeping. No I/O, timers or clocks: time comes in as `nowMs`, and decisions go out as ExecutionMessages.

import {
  createRingEntry,
  type FeedState,
  type FeedStatus,
  type Fill,
  type OrderCommand,
  type OrderUpdate,
  type Position,
  type RingEntry,
  type Side,
  type StrategyPayloads,
} from '@scalper/protocol';
import { BookState } from './book-state.js';
import { decisionContext, type DecisionContext } from './decision-record.js';
import { entryOrder, planEntry } from './entry-order.js';
import { entryReadiness } from './entry-readiness.js';
import { entryBlock, entrySide, type EntryBlock, type EntryGates } from './entry-rules.js';
import { windowMomentum } from './momentum.js';
import { OrderLinkIds } from './order-link-ids.js';
import { armPosition, positionExitReason } from './position-exits.js';
import { PositionTracker } from './position-tracker.js';
import type { ExitReason } from './stops.js';
import { resolveStrategyParams, type ResolvedStrategyParams, type StrategyParams } from './strategy-params.js';
import { createStrategyCounters, noDecisionStats, type DecisionStats, type StrategyCounters, type TickOutcome } from './strategy-stats.js';
import { strategyPhase, strategyStatus, type StrategyPhase, type StrategyStatus } from './strategy-status.js';
import { createSymbolContext, type SymbolContext } from './symbol-context.js';
import { TickWindow } from './tick-window.js';

/** What the core asks for: exactly the execution worker's messages, so the worker forwards them unchanged. */
export type StrategyAction = OrderCommand;

const noActions: readonly StrategyAction[] = Object.freeze([]);

export interface StrategyCoreOptions {
  /** Called at the end of every onTick; defaults to a no-op. */
  readonly decisionStats?: DecisionStats;
}

export class StrategyCore {
  readonly params: ResolvedStrategyParams;
  /** Live counters, bumped in place; read them, do not write them. */
  readonly counters: StrategyCounters = createStrategyCounters();
  private readonly window: TickWindow;
  private readonly book = new BookState();
  private readonly tracker = new PositionTracker();
  private readonly ids: OrderLinkIds;
  private readonly decisionStats: DecisionStats;
  /** Refilled for each signal, so the entry gates allocate nothing. */
  /** The venue's clock minus this host's (VenueClock from execution); venue timestamps are judged with it. */
  private venueOffsetMs = 0;
  private readonly gates: EntryGates;
  private ctx: SymbolContext | null = null;
  /** Entries wait for a 'live' FeedStatus: before market-data vouches for the feed, nothing opens. */
  private feedState: FeedState = 'stalled';
  /**
   * A book of a newer epoch than the symbol strategy knows: the ring can carry the new symbol's first book before
   * its SymbolChanged message arrives on the port. Kept (a copy) and taken once that symbol is known.
   */
  private readonly earlyBook: RingEntry = createRingEntry();
  private earlyBookRecvMs = Number.NaN;
  /** Newest fresh trade price of the traded symbol, on its ring scale; NaN until one arrives. */
  private lastPriceRaw = Number.NaN;
  private entryAllowedAtMs = Number.NEGATIVE_INFINITY;
  /** While nowMs is before this, trading is halted; +Infinity after the kill switch. */
  private haltedUntilMs = Number.NEGATIVE_INFINITY;
  private haltReason: string | null = null;
  private exitAllowedAtMs = Number.NEGATIVE_INFINITY;
  private tickAction: StrategyAction | null = null;

  /** Throws a RangeError naming `strategy.<option>` for a bad parameter. */
  constructor(params: StrategyParams, options: StrategyCoreOptions = {}) {
    this.params = resolveStrategyParams(params);
    this.window = new TickWindow(this.params.windowTicks);
    this.ids = new OrderLinkIds(this.params.orderLinkIdPrefix);
    this.decisionStats = options.decisionStats ?? noDecisionStats;
    this.gates = {
      halted: false,
      feedLive: false,
      busy: false,
      inCooldown: false,
      bookAgeMs: Number.POSITIVE_INFINITY,
      spreadBps: Number.NaN,
      staleDataMs: this.params.staleDataMs,
      maxEntrySpreadBps: this.params.maxEntrySpreadBps,
    };
  }

  /**
   * A new traded symbol: the window and book start empty. A position or filled entry in another symbol is closed
   * and an entry still working there is cancelled; nothing new opens until execution reports the old one flat.
   */
  onSymbolChanged(change: StrategyPayloads['SymbolChanged'], nowMs: number): readonly StrategyAction[] {
    this.ctx = createSymbolContext(change, this.params.minTopSizeBig);
    this.resetWindow();
    this.book.reset();
    this.lastPriceRaw = Number.NaN;
    if (this.tracker.position === null && this.tracker.entry === null) {
      // A position reported before this symbol was traded (a restart) is ours to manage now; one in another symbol
      // is closed just below, as any position is when the traded symbol moves on.
      const reported = this.tracker.reportedOpenPosition(change.symbol);
      if (reported !== null && this.tracker.positionReport(reported, reported.symbol, nowMs) === 'opened') {
        this.counters.positionsOpened++;
      }
    }
    this.arm();
    if (this.earlyBook.epoch === change.epoch && !Number.isNaN(this.earlyBookRecvMs)) this.takeBook(this.earlyBook, this.earlyBookRecvMs);
    this.earlyBookRecvMs = Number.NaN;
    const actions: StrategyAction[] = [];
    const reason = this.exitReason(nowMs);
    if (reason !== null) this.close(reason, nowMs, actions);
    const working = this.tracker.workingEntry;
    if (working !== null && working.symbol !== change.symbol) this.cancelEntry('symbol-changed', nowMs, actions);
    return actions;
  }

  /** A book-top entry from the ring, in ring order with the trades around it. Allocates only for an exit. */
  onBook(entry: RingEntry, nowMs: number): readonly StrategyAction[] {
    const ctx = this.ctx;
    if (ctx === null || entry.epoch !== ctx.epoch) {
      this.counters.booksRejected++;
      if (ctx === null || entry.epoch > ctx.epoch) {
        Object.assign(this.earlyBook, entry);
        this.earlyBookRecvMs = nowMs;
      }
      return noActions;
    }
    if (!this.takeBook(entry, nowMs)) return noActions;
    return this.exitCheck(nowMs);
  }

  /** The ring skipped entries (it overflowed): the window would mix trades from both sides of the hole. */
  onRingGap(): void {
    this.counters.seqGaps++;
    this.resetWindow();
  }

  /** The hot path: one ring entry. Allocates only when it returns an order. */
  onTick(tick: RingEntry, nowMs: number): StrategyAction | null {
    this.tickAction = null;
    const outcome = this.processTick(tick, nowMs);
    this.decisionStats.onTick(tick, nowMs, outcome);
    return this.tickAction;
  }

  onOrderUpdate(update: OrderUpdate, nowMs: number): readonly StrategyAction[] {
    const feedback = this.tracker.orderUpdate(update);
    if (feedback === 'entry-unfilled') {
      this.counters.entriesUnfilled++;
      this.holdEntries(nowMs + this.params.entryRetryDelayMs);
    } else if (feedback === 'exit-failed') {
      this.counters.exitFailures++;
      this.exitAllowedAtMs = nowMs + this.params.exitRetryMs;
    } else if (feedback === 'exit-partial') {
      // Part of the position is left: close it too, once the venue has said what remains.
      this.counters.exitsPartial++;
      this.exitAllowedAtMs = nowMs + this.params.exitRetryMs;
    }
    return this.exitCheck(nowMs);
  }

  onFill(fill: Fill): readonly StrategyAction[] {
    this.counters.fills++;
    this.tracker.fill(fill);
    return noActions;
  }

  /** Execution's position report is the truth: strategy holds what the venue says, not what it asked for. */
  onPosition(position: Position, nowMs: number): readonly StrategyAction[] {
    const exitBefore = this.tracker.exit;
    const feedback = this.tracker.positionReport(position, this.ctx?.symbol ?? null, nowMs);
    if (feedback === 'closed') {
      this.counters.positionsClosed++;
      // Flat without a close of ours (the venue's stop, a liquidation, a person) counts as a stop-out.
      const stoppedOut = exitBefore === null || exitBefore.reason === 'stop-loss';
      this.holdEntries(nowMs + (stoppedOut ? this.params.cooldownAfterStopMs : this.params.cooldownAfterExitMs));
      return noActions;
    }
    if (feedback === 'opened') this.counters.positionsOpened++;
    if (feedback === 'opened' || feedback === 'changed') this.arm();
    return this.exitCheck(nowMs);
  }

  onOrderDenied(denied: StrategyPayloads['OrderDenied'], nowMs: number): readonly StrategyAction[] {
    const whose = this.tracker.denied(denied.orderLinkId);
    if (whose === 'entry') {
      this.counters.entriesDenied++;
      this.holdEntries(nowMs + this.params.entryRetryDelayMs);
    } else if (whose === 'exit') {
      this.counters.exitFailures++;
      this.exitAllowedAtMs = nowMs + this.params.exitRetryMs;
    }
    return noActions;
  }

  /**
   * A risk limit or the kill switch halted trading: nothing opens until `untilMs` (null: for the rest of the run)
   * and a working entry is cancelled. Execution flattens the position; strategy does not close it a second time.
   */
  onTradingHalted(halt: StrategyPayloads['TradingHalted'], nowMs: number): readonly StrategyAction[] {
    const until = halt.untilMs ?? Number.POSITIVE_INFINITY;
    if (until > this.haltedUntilMs) {
      this.haltedUntilMs = until;
      this.haltReason = halt.reason;
    }
    const actions: StrategyAction[] = [];
    this.cancelEntry(`halted: ${halt.reason}`, nowMs, actions);
    return actions;
  }

  /**
   * The trader lifted the kill switch: entries may open again. A halt with an end (the daily loss) is not the kill
   * switch's and stays; execution never sends this for one, and this keeps it even if it did.
   */
  onTradingResumed(_resume: StrategyPayloads['TradingResumed'], _nowMs: number): readonly StrategyAction[] {
    if (this.haltedUntilMs === Number.POSITIVE_INFINITY) this.haltedUntilMs = Number.NEGATIVE_INFINITY;
    return noActions;
  }

  /** Execution measured the venue's clock against this host's: venue timestamps are judged on the venue's time. */
  onVenueClock(clock: StrategyPayloads['VenueClock']): readonly StrategyAction[] {
    this.venueOffsetMs = Number.isFinite(clock.offsetMs) ? clock.offsetMs : 0;
    return noActions;
  }

  /** The venue's clock minus this host's, ms (0 until execution says). */
  get venueClockOffsetMs(): number {
    return this.venueOffsetMs;
  }

  /** Why trading is halted at `nowMs`, or null. */
  haltedAt(nowMs: number): string | null {
    return nowMs < this.haltedUntilMs ? this.haltReason : null;
  }

  /**
   * Nothing opens unless the feed is live. Losing the feed empties the window (a window straddling an outage
   * would compare prices across the gap) and cancels a working entry, which rests on data we can no longer check.
   */
  onFeedStatus(status: FeedStatus, nowMs: number): readonly StrategyAction[] {
    const wasLive = this.feedState === 'live';
    this.feedState = status.state;
    if (!wasLive || status.state === 'live') return noActions;
    this.resetWindow();
    const actions: StrategyAction[] = [];
    this.cancelEntry(`feed ${status.state}`, nowMs, actions);
    return actions;
  }

  /**
   * Time-driven decisions, to be called periodically (and after draining the ring): cancel an entry working
   * longer than entryTimeoutMs (again every entryTimeoutMs until it ends), then take profit, stop-loss backup,
   * maximum holding time and retries of failed closes.
   */
  onTimer(nowMs: number): readonly StrategyAction[] {
    const working = this.tracker.workingEntry;
    let actions: StrategyAction[] | null = null;
    if (working !== null) {
      const since = Number.isNaN(working.cancelSentAtMs) ? working.sentAtMs : working.cancelSentAtMs;
      if (nowMs - since >= this.params.entryTimeoutMs) {
        actions = [];
        this.cancelEntry('entry-timeout', nowMs, actions);
      }
    }
    const reason = this.exitReason(nowMs);
    if (reason === null) return actions ?? noActions;
    actions ??= [];
    this.close(reason, nowMs, actions);
    return actions;
  }

  /** Where the position stands: no-symbol, flat, entering, open or exiting. */
  phase(): StrategyPhase {
    return strategyPhase(this.ctx, this.tracker);
  }

  /**
   * What would stop an entry at `nowMs`, in words ('ready', 'cooldown 42 s', 'wide spread 63.2 bps', ...): the
   * status line's "blocked:". Derived from the state, so it is true before any signal has been blocked.
   */
  entryReadiness(nowMs: number): string {
    return entryReadiness({
      nowMs,
      phase: this.phase(),
      halted: nowMs < this.haltedUntilMs,
      feedState: this.feedState,
      entryAllowedAtMs: this.entryAllowedAtMs,
      bookAgeMs: this.book.ageMs(nowMs),
      spreadBps: this.book.spreadBps,
      staleDataMs: this.params.staleDataMs,
      maxEntrySpreadBps: this.params.maxEntrySpreadBps,
    });
  }

  /** A snapshot for health reports and tests (allocates; not for the hot path). */
  /** What a decision just taken saw (for its journal record): built on request, once per decision. */
  decisionContext(): DecisionContext {
    return decisionContext(this.window, this.book);
  }

  status(): StrategyStatus {
    const halt = this.haltReason === null ? null : { reason: this.haltReason, untilMs: this.haltedUntilMs };
    return strategyStatus(this.ctx, this.feedState, this.tracker, this.window, this.book, this.counters, halt, this.lastPriceRaw);
  }

  private takeBook(entry: RingEntry, nowMs: number): boolean {
    const ctx = this.ctx;
    if (ctx === null) return false;
    const rejected = this.book.update(entry, ctx.symbol, nowMs, this.params.staleDataMs, nowMs + this.venueOffsetMs);
    if (rejected !== null || entry.priceDecimals !== ctx.priceDecimals || entry.sizeDecimals !== ctx.sizeDecimals) {
      if (rejected === null) this.book.reset();
      this.counters.booksRejected++;
      return false;
    }
    this.counters.booksAccepted++;
    return true;
  }

  private processTick(tick: RingEntry, nowMs: number): TickOutcome {
    const counters = this.counters;
    const params = this.params;
    counters.ticks++;
    const ctx = this.ctx;
    if (ctx === null || tick.epoch !== ctx.epoch) {
      counters.oldEpochSkipped++;
      return 'old-epoch';
    }
    if (tick.priceDecimals !== ctx.priceDecimals || tick.sizeDecimals !== ctx.sizeDecimals) {
      counters.badScaleSkipped++;
      return 'bad-scale';
    }
    // Stale trades still join the window, which is the market's last N trades; only decisions skip them.
    this.window.push(tick.priceRaw / ctx.priceDivisor, tick.sizeRaw / ctx.sizeDivisor);
    const staleDataMs = params.staleDataMs;
    // tsRecvMs is this host's clock (market-data's receipt); tsEventMs is the venue's, compared with the venue's time.
    if (nowMs - tick.tsRecvMs > staleDataMs || nowMs + this.venueOffsetMs - tick.tsEventMs > staleDataMs) {
      counters.staleSkipped++;
      return 'stale';
    }
    this.lastPriceRaw = tick.priceRaw;
    // A working entry must be cancelled before a close, which takes two actions: onTimer handles that case.
    if (this.tracker.position !== null && this.tracker.workingEntry === null) {
      const reason = this.exitReason(nowMs);
      if (reason !== null) {
        const actions: StrategyAction[] = [];
        this.close(reason, nowMs, actions);
        this.tickAction = actions[0] ?? null;
        return 'exit';
      }
    }
    const momentum = windowMomentum(this.window);
    if (Number.isNaN(momentum)) return 'warming-up';
    counters.lastMomentum = momentum;
    const side = entrySide(momentum, params.momentumThreshold);
    if (side === null) return 'no-signal';
    counters.signals++;
    const gates = this.gates;
    gates.halted = nowMs < this.haltedUntilMs;
    gates.feedLive = this.feedState === 'live';
    gates.busy = this.tracker.busy;
    gates.inCooldown = nowMs < this.entryAllowedAtMs;
    gates.bookAgeMs = this.book.ageMs(nowMs);
    gates.spreadBps = this.book.spreadBps;
    const block = entryBlock(gates);
    if (block !== null) return this.blocked(block);
    return this.enter(ctx, side, nowMs, tick.tsRecvMs);
  }

  /** Sizing, routing and the stop: the only per-tick code that allocates, and only when it sends an order. */
  private enter(ctx: SymbolContext, side: Side, nowMs: number, triggerRecvMs: number): TickOutcome {
    const plan = planEntry(side, this.book, ctx, this.params);
    if (plan === 'no-book') return this.blocked(plan);
    // These refusals depend on the symbol and config, not the moment: wait before doing the big.js work again.
    if (plan === 'zero-qty' || plan === 'bad-stop') return this.blocked(plan, nowMs);
    const orderLinkId = this.ids.next(ctx.epoch, 'e');
    this.tracker.entrySent({
      orderLinkId,
      symbol: ctx.symbol,
      side,
      postOnly: plan.timeInForce === 'PostOnly',
      sentAtMs: nowMs,
      terminal: false,
      filled: false,
      cancelSentAtMs: Number.NaN,
    });
    this.counters.entries++;
    this.tickAction = { type: 'PlaceOrder', order: entryOrder(plan, orderLinkId, ctx, side, nowMs, triggerRecvMs) };
    return 'entry';
  }

  private blocked(reason: EntryBlock, retryFromMs?: number): TickOutcome {
    this.counters.blocked[reason]++;
    if (retryFromMs !== undefined) this.holdEntries(retryFromMs + this.params.entryRetryDelayMs);
    return 'blocked';
  }

  /** The window restarts (new symbol, a gap, a lost feed): the last momentum described the old one. */
  private resetWindow(): void {
    this.window.reset();
    this.counters.lastMomentum = Number.NaN;
  }

  private holdEntries(untilMs: number): void {
    if (untilMs > this.entryAllowedAtMs) this.entryAllowedAtMs = untilMs;
  }

  /** Why the position (or a filled entry in a symbol no longer traded) should be closed now, if it should. */
  private exitReason(nowMs: number): ExitReason | null {
    const ctx = this.ctx;
    const inFlight = this.tracker.exit;
    // A close with no outcome for closeTimeoutMs is given up, and the exits looked at again: a lost answer or update
    // must not leave the rest of the position to the venue's stop, nor strategy waiting on a close nobody reports
    // (one of a filled entry in a symbol no longer traded, whose position report never came, has no size to watch).
    if (inFlight !== null && nowMs - inFlight.sentAtMs >= this.params.closeTimeoutMs) {
      this.counters.exitTimeouts++;
      this.tracker.exitTimedOut();
    }
    if (ctx === null || this.tracker.exit !== null || nowMs < this.exitAllowedAtMs) return null;
    const position = this.tracker.position;
    if (position === null) {
      const entry = this.tracker.entry;
      return entry !== null && entry.filled && entry.symbol !== ctx.symbol ? 'symbol-changed' : null;
    }
    if (position.symbol !== ctx.symbol) return 'symbol-changed';
    return positionExitReason(position, this.book, this.lastPriceRaw, nowMs, this.params);
  }

  private exitCheck(nowMs: number): readonly StrategyAction[] {
    const reason = this.exitReason(nowMs);
    if (reason === null) return noActions;
    const actions: StrategyAction[] = [];
    this.close(reason, nowMs, actions);
    return actions;
  }

  /** CancelAll first if an entry still works in that symbol (a reduce-only close would not stop it filling). */
  private close(reason: ExitReason, nowMs: number, out: StrategyAction[]): void {
    const ctx = this.ctx;
    const symbol = this.tracker.position?.symbol ?? this.tracker.entry?.symbol;
    if (ctx === null || symbol === undefined) return;
    if (this.tracker.workingEntry?.symbol === symbol) this.cancelEntry(reason, nowMs, out);
    const orderLinkId = this.ids.next(ctx.epoch, 'x');
    this.tracker.exitSent({ orderLinkId, symbol, reason, sentAtMs: nowMs });
    this.counters.exits++;
    out.push({ type: 'ClosePosition', symbol, orderLinkId, reason });
  }

  private arm(): void {
    if (this.tracker.position !== null) armPosition(this.tracker.position, this.ctx, this.params);
  }

  /** At most one cancel per instant: a close right after a timeout cancel in the same call need not repeat it. */
  private cancelEntry(reason: string, nowMs: number, out: StrategyAction[]): void {
    const working = this.tracker.workingEntry;
    if (working === null || working.cancelSentAtMs === nowMs) return;
    working.cancelSentAtMs = nowMs;
    out.push({ type: 'CancelAll', symbol: working.symbol, reason, orderLinkId: working.orderLinkId });
  }
}
