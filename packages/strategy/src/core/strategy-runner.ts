// The strategy runtime (strategy thread, and backtests): the StrategyCore with what surrounds it: trades, book tops
// and feed states read from the ring in the order market-data received them, the messages of market-data and
// execution, the 100 ms timer, each decision with its trigger, and the stats. The worker runs the ring pump
// (pump()); a backtest calls drain() and onTimer() at the replay's times.

import {
  createRingEntry,
  feedStatusFromCodes,
  ringLayout,
  BucketHistogram,
  LatencyHistogram,
  readTickRingStats,
  type WorkerMetrics,
  TickRingConsumer,
  type ExecutionMessage,
  type RingEntry,
  type StatsOptions,
  type StrategyMessage,
} from '@scalper/protocol';
import { tickTrigger, type DecisionTrigger } from './decision-trigger.js';
import { StrategyCore, type StrategyAction } from './strategy-core.js';
import type { StrategyParams } from './strategy-params.js';

/** The core's timer: stops, timeouts, cooldowns and the feed's age are looked at this often. */
export const strategyTimerMs = 100;
/** Entries read from the ring before port messages (fills, orders) get their turn. */
const ringBatchMax = 4_096;

const timerTrigger: DecisionTrigger = { kind: 'timer' };
const bookTrigger: DecisionTrigger = { kind: 'book' };
const feedbackTrigger: DecisionTrigger = { kind: 'feedback' };
const symbolTrigger: DecisionTrigger = { kind: 'symbol-changed' };
const haltTrigger: DecisionTrigger = { kind: 'halt' };
const feedTrigger: DecisionTrigger = { kind: 'feed-status' };

export interface StrategyRunnerPorts {
  /** Local time, epoch ms, on the clock market-data stamps frames with. */
  readonly now: () => number;
  /** The core's decisions, and PrepareSymbol when the traded symbol changes (not a decision: no record of it). */
  readonly toExecution: (message: ExecutionMessage) => void;
  /** Every decision with its trigger, just before it goes out to execution (journaled live, logged once it went). */
  readonly onDecision?: (action: StrategyAction, tsMs: number, trigger: DecisionTrigger) => void;
  /** Each trade after the core took it (the entry is reused: copy what you keep); the live worker's rehearsal keeps it. */
  readonly onTrade?: (entry: RingEntry) => void;
  /** A halt is news a trader must see. */
  readonly onHalted?: (halt: Extract<StrategyMessage, { type: 'TradingHalted' }>) => void;
  /** So is the trader lifting the kill switch. */
  readonly onResumed?: (resume: Extract<StrategyMessage, { type: 'TradingResumed' }>) => void;
}

/** What the live pump needs besides the ring: whether to go on, and how to let port messages in. */
export interface PumpControl {
  readonly running: () => boolean;
  /** Lets port messages in between batches of ticks (setImmediate live). */
  readonly yieldToPorts: () => Promise<void>;
  /** After each timer run (the worker returns its links' credits). */
  readonly onTimer?: () => void;
  readonly waitTimeoutMs: number;
  /** From planConsumerWait: a timed spin (µs) or a fixed number of re-checks before parking on the ring. */
  readonly spinMicros: number;
  readonly spinNeedsPermit: boolean;
  readonly spinIterations: number;
}

export class StrategyRunner {
  readonly core: StrategyCore;
  private readonly consumer: TickRingConsumer;
  /** Frame receipt in market-data (the ring entry's tsRecvMs) to the decision on the tick. */
  private readonly latency = new LatencyHistogram();
  /** The same, in Prometheus buckets for the whole run (the metrics' frame-to-decision histogram). */
  private readonly frameToDecision = new BucketHistogram();
  private lastPrice = 0;
  private lastTimerAtMs = Number.NEGATIVE_INFINITY;
  /** Since when the position has waited on an order (entering or exiting), or null; and the longest such wait. */
  private transitionalSinceMs: number | null = null;
  private longestTransitionalMs = 0;
  /** The seq of the last ring entry read: a jump means the ring dropped entries. */
  private lastSeq = 0;
  /** Reused for every entry: the hot path allocates only when the core returns an order. */
  private readonly visit = (entry: RingEntry): void => {
    const now = this.ports.now();
    // A restarted market-data numbers from 1 again: that is a hole in the stream too.
    if (this.lastSeq !== 0 && entry.seq !== this.lastSeq + 1) this.core.onRingGap();
    this.lastSeq = entry.seq;
    if (entry.kind === ringLayout.kEntryTrade) {
      const action = this.core.onTick(entry, now);
      if (action !== null) this.emit(action, now, tickTrigger(entry));
      const latencyMs = this.ports.now() - entry.tsRecvMs;
      this.latency.recordMs(latencyMs);
      this.frameToDecision.recordMs(latencyMs);
      this.lastPrice = entry.priceRaw / 10 ** entry.priceDecimals;
      this.ports.onTrade?.(entry);
    } else if (entry.kind === ringLayout.kEntryBook) {
      this.emitAll(this.core.onBook(entry, now), now, bookTrigger);
    } else {
      // Feed changes are rare: the one allocation here is the status the core keeps for its reason.
      const status = feedStatusFromCodes(entry.side, entry.sizeRaw, entry.priceRaw, entry.tsEventMs);
      this.emitAll(this.core.onFeedStatus(status, now), now, feedTrigger);
    }
  };

  constructor(
    params: StrategyParams,
    private readonly ring: SharedArrayBuffer,
    private readonly ports: StrategyRunnerPorts,
  ) {
    this.core = new StrategyCore(params);
    this.consumer = new TickRingConsumer(ring, createRingEntry());
  }

  /** The seq of the last ring entry read: it changes whenever an entry was read. */
  get lastEntrySeq(): number {
    return this.lastSeq;
  }

  /** Reads up to `max` entries from the ring into the core, in ring order; returns how many. */
  drain(max: number = ringBatchMax): number {
    return this.consumer.drain(this.visit, max);
  }

  onTimer(): void {
    const now = this.ports.now();
    this.lastTimerAtMs = now;
    this.emitAll(this.core.onTimer(now), now, timerTrigger);
    this.noteTransitional(now);
  }

  /** On the timer: a close or entry that never settles shows up here (and in the soak) instead of hiding. */
  private noteTransitional(now: number): void {
    const phase = this.core.phase();
    if (phase !== 'entering' && phase !== 'exiting') {
      this.transitionalSinceMs = null;
      return;
    }
    this.transitionalSinceMs ??= now;
    this.longestTransitionalMs = Math.max(this.longestTransitionalMs, now - this.transitionalSinceMs);
  }

  /** A message from market-data (SymbolChanged) or execution. */
  receive(message: StrategyMessage): void {
    const now = this.ports.now();
    const core = this.core;
    switch (message.type) {
      case 'SymbolChanged':
        // Execution sets the account up for the new symbol now, so the first entry does not wait for it.
        this.ports.toExecution({ type: 'PrepareSymbol', symbol: message.symbol });
        return this.emitAll(core.onSymbolChanged(message, now), now, symbolTrigger);
      case 'OrderUpdate':
        return this.emitAll(core.onOrderUpdate(message.update, now), now, feedbackTrigger);
      case 'Fill':
        return this.emitAll(core.onFill(message.fill), now, feedbackTrigger);
      case 'PositionUpdate':
        return this.emitAll(core.onPosition(message.position, now), now, feedbackTrigger);
      case 'OrderDenied':
        return this.emitAll(core.onOrderDenied(message, now), now, feedbackTrigger);
      case 'VenueClock':
        return this.emitAll(core.onVenueClock(message), now, feedTrigger);
      case 'TradingHalted':
        this.ports.onHalted?.(message);
        return this.emitAll(core.onTradingHalted(message, now), now, haltTrigger);
      case 'TradingResumed':
        this.ports.onResumed?.(message);
        return this.emitAll(core.onTradingResumed(message, now), now, haltTrigger);
    }
  }

  /**
   * The live ring pump: batches of at most ringBatchMax ticks with the port messages let in between, the timer
   * every strategyTimerMs, and a wait on the ring (Atomics, never a postMessage per trade) when it is empty.
   */
  async pump(control: PumpControl): Promise<void> {
    const wait = {
      timeoutMs: control.waitTimeoutMs,
      spinIterations: control.spinIterations,
      spinMicros: control.spinMicros,
      spinNeedsPermit: control.spinNeedsPermit,
      yieldDuringSpin: control.yieldToPorts,
    };
    while (control.running()) {
      const handled = this.drain();
      if (this.ports.now() - this.lastTimerAtMs >= strategyTimerMs) {
        this.onTimer();
        control.onTimer?.();
      }
      if (handled === 0) await this.consumer.waitForData(wait);
      else await control.yieldToPorts();
    }
  }

  /** The histograms for a metrics scrape. */
  metrics(): Pick<WorkerMetrics, 'histograms' | 'labelled'> {
    return { histograms: { frameToDecision: this.frameToDecision.snapshot() }, labelled: {} };
  }

  stats(options?: StatsOptions): Readonly<Record<string, number | string>> {
    const core = this.core;
    const status = core.status();
    const lat = this.latency.percentilesUs();
    if (options?.resetLatency === true) this.latency.reset();
    const counters = status.counters;
    const now = this.ports.now();
    return {
      phase: status.phase,
      symbol: status.symbol ?? '',
      feedState: status.feedState,
      ticks: counters.ticks,
      staleSkipped: counters.staleSkipped,
      signals: counters.signals,
      entries: counters.entries,
      exits: counters.exits,
      lastPrice: this.lastPrice,
      unrealisedPnl: status.unrealisedPnl ?? '',
      positionSide: status.position?.side ?? '',
      positionSize: status.position?.size ?? '',
      entryPrice: status.position?.avgEntryPrice ?? '',
      stopPrice: status.stopPrice ?? '',
      takeProfitPrice: status.takeProfitPrice ?? '',
      momentum: counters.lastMomentum ?? Number.NaN,
      momentumThreshold: core.params.momentumThreshold,
      windowTicks: status.windowCount,
      windowSize: core.params.windowTicks,
      entryBlock: core.entryReadiness(now),
      vwap: status.vwap ?? 0,
      spreadBps: status.spreadBps ?? 0,
      halted: status.halt !== null && status.halt.untilMs > now ? status.halt.reason : '',
      venueClockOffsetMs: core.venueClockOffsetMs,
      staleDataMs: core.params.staleDataMs,
      decisionLatencyP50Us: lat.p50,
      decisionLatencyP99Us: lat.p99,
      decisionLatencyMaxUs: lat.max,
      decisionLatencyCount: lat.count,
      ...this.ringWaitStats(),
      transitionalMs: this.transitionalSinceMs === null ? 0 : now - this.transitionalSinceMs,
      longestTransitionalMs: this.longestTransitionalMs,
      ...Object.fromEntries(Object.entries(counters.blocked).map(([reason, count]) => [`blocked_${reason}`, count])),
    };
  }

  /** How the pump waited on the ring: wake-ups it paid, entries its spin caught, and whether it may spin now. */
  private ringWaitStats(): Readonly<Record<string, number>> {
    const ring = readTickRingStats(this.ring);
    return {
      ringWakeups: ring.wakeups,
      ringSpinHits: ring.spinHits,
      ringSpinMs: Math.round(ring.spinMs),
      ringSpinPermitted: ring.spinPermitted ? 1 : 0,
    };
  }

  private emitAll(actions: readonly StrategyAction[], nowMs: number, trigger: DecisionTrigger): void {
    for (const action of actions) this.emit(action, nowMs, trigger);
  }

  /**
   * Reported before it goes out, so the journal holds an entry's decision before anything of its order (a SIGKILL
   * right after the fill keeps both); the live worker logs it only after the order went (a log line costs tens of
   * µs, hundreds when cold).
   */
  private emit(action: StrategyAction, nowMs: number, trigger: DecisionTrigger): void {
    this.ports.onDecision?.(action, nowMs, trigger);
    this.ports.toExecution(action);
  }
}
