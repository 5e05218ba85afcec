// The market-data runtime (market-data thread, and backtests): the MarketDataCore with what surrounds it: frames in,
// trades, book tops and feed states into the ring, the scanner's SwitchSymbol carried out step by step, resyncs,
// the timer and the stats. Switches and resyncs run one at a time, in order, on the one socket. The worker brings
// the WebSocket and the links; a backtest brings its recorded frames and a stream that filters them by topic.

import { retryTransient, type TradeFrame, type WsConnectionState, type WsDataFrame } from '@scalper/bybit';
import {
  coreToSpare,
  errorValueFrom,
  LatencyHistogram,
  RehearsalPacer,
  TickRingProducer,
  type MarketDataPayloads,
  type MessageUnion,
  type ScannerPayloads,
  type StatsOptions,
  type StrategyPayloads,
} from '@scalper/protocol';
import { scaleFromInstruments } from './instrument-scale.js';
import { topicsFor } from './subscription-plan.js';
import { FrameRehearsal } from './frame-rehearsal.js';
import { MarketDataCore } from './market-data-core.js';

/** How often the runtime's timer should run (feed health, a silent book's resync), and the book-top refresh. */
export const marketDataTimerMs = 250;
/**
 * How long after a failed subscribe (or a refused unsubscribe) the timer tries again: soon, since a restarted
 * market-data must resume within seconds, then doubling up to the ceiling while the venue keeps refusing.
 */
const topicRetryFirstMs = 1_000;
const topicRetryMaxMs = 8_000;
/**
 * A switch's instruments-info read meets a passing 503 or rate limit now and then: tried 4 times, 250 + 500 +
 * 750 ms apart, before the switch fails (a failed resume would leave the engine without data until the next scan).
 */
const instrumentsAttempts = 4;
const instrumentsRetryDelayMs = 250;
/** A new socket's replay gets this long before its missing topics count as lost. */
const replayGraceMs = 2_000;

/** pino's call shape. */
export interface MarketDataLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface MarketDataPorts {
  /** Local time, epoch ms: the clock frames are stamped with when received. */
  readonly now: () => number;
  readonly logger: MarketDataLogger;
  /** The public stream; a switch awaits each step before the next. */
  readonly stream: {
    subscribe(topics: readonly string[]): Promise<void> | void;
    unsubscribe(topics: readonly string[]): Promise<void> | void;
    /**
     * The topics the venue has confirmed on the socket now. A reconnect replays them, and a replay the venue refuses
     * loses its topic: the timer subscribes it again. Without it (a backtest) nothing is ever lost.
     */
    topics?(): readonly string[];
  };
  /** instruments-info items for one symbol (REST live, the recording's header in a backtest). */
  readonly instruments: (symbol: string) => Promise<readonly unknown[]> | readonly unknown[];
  /** The pause between instruments-info tries; setTimeout when absent. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly toStrategy: (message: MessageUnion<StrategyPayloads>) => void;
  readonly toScanner: (message: MessageUnion<ScannerPayloads>) => void;
  /** ring.warmEveryMs: how often an idle trade path rehearses while a core is free (0 or absent = never, as in backtests). */
  readonly warmEveryMs?: number;
  /** Entries were written to the ring (a backtest drains strategy here; live, the ring wakes it). */
  readonly onRingWrites?: (count: number) => void;
}

export class MarketDataRuntime {
  readonly core: MarketDataCore;
  /**
   * How far trade frames arrive behind the venue's own `ts`: a backlog (venue, network or this thread falling
   * behind) shows as a lag that grows. Only as good as the two clocks' agreement: a backlog signal, not a latency.
   */
  private readonly feedLag = new LatencyHistogram();
  /** A trade frame's receipt (before decoding) to its last ring write: this thread's share of frame to decision. */
  private readonly frameToRing = new LatencyHistogram();
  private queue: Promise<void> = Promise.resolve();
  /** Topics the venue would not unsubscribe: their frames are ignored (another symbol) until a retry drops them. */
  private readonly strays = new Set<string>();
  private connected = false;
  private connectedSinceMs = Number.POSITIVE_INFINITY;
  private lastTopicRetryMs = Number.NEGATIVE_INFINITY;
  /** Repairs in a row that left something to repair: the next waits 1 s, 1 s, 2 s, 4 s, ... after the last. */
  private failedRepairs = 0;
  private pending = 0;
  /** The producer's published count when onRingWrites last heard of it. */
  private publishedNoted = 0;

  private readonly producer: TickRingProducer;
  private readonly rehearsal = new FrameRehearsal();
  private readonly pacer: RehearsalPacer;

  constructor(
    ring: SharedArrayBuffer,
    private readonly ports: MarketDataPorts,
  ) {
    this.producer = new TickRingProducer(ring);
    this.pacer = new RehearsalPacer(ports.warmEveryMs ?? 0, coreToSpare(ring));
    // A restarted market-data goes on from the last epoch in the ring: entries of its previous life never match.
    this.core = new MarketDataCore(this.producer, { topRefreshMs: marketDataTimerMs, startEpoch: this.producer.lastEpoch });
  }

  /** One data frame of a subscribed topic, at the local time it was received. */
  onFrame(frame: WsDataFrame, receivedAtMs: number): void {
    this.take(frame, receivedAtMs, this.core, this.feedLag, this.frameToRing, false);
  }

  /**
   * Whether the trade path should rehearse now (the RehearsalPacer: ring.warmEveryMs without a real trade frame,
   * and a core free); the worker asks every ring.warmEveryMs and, if so, has its connection rehearse the last frame.
   */
  rehearsalDue(): boolean {
    return this.pacer.due(this.ports.now());
  }

  /**
   * A trade frame the connection rehearsed (BybitWsConnection.rehearse): through the same path as a real frame, with
   * the rehearsal's scratch core and histograms. Returns how many entries it wrote to the scratch ring.
   */
  onRehearsal(frame: TradeFrame, receivedAtMs: number): number {
    const scale = this.core.scale;
    if (scale === null) return 0;
    const rehearsal = this.rehearsal;
    this.take(frame, receivedAtMs, rehearsal.coreFor(scale, receivedAtMs), rehearsal.feedLag, rehearsal.frameToRing, true);
    return rehearsal.drainScratch();
  }

  /** The one path of a frame, real or rehearsed: a rehearsal runs this very code on its scratch core and histograms. */
  private take(
    frame: WsDataFrame,
    receivedAtMs: number,
    core: MarketDataCore,
    feedLag: LatencyHistogram,
    frameToRing: LatencyHistogram,
    rehearsing: boolean,
  ): void {
    if (frame.kind === 'trade') feedLag.recordMs(receivedAtMs - frame.tsMs);
    const out = core.onFrame(frame, receivedAtMs);
    if (out.ringWrites > 0) {
      frameToRing.recordMs(this.ports.now() - receivedAtMs);
      if (!rehearsing) this.pacer.noteReal(receivedAtMs);
    }
    if (rehearsing) return;
    this.noteRingWrites();
    if (out.resync !== null) void this.resync(out.resync.topic, out.resync.reason);
  }

  onConnectionState(state: WsConnectionState): void {
    if (state === 'open' && !this.connected) this.connectedSinceMs = this.ports.now();
    this.connected = state === 'open';
    this.core.onConnectionState(state, this.ports.now());
    this.noteRingWrites();
  }

  /**
   * Every marketDataTimerMs: a stalled or recovered feed, a silent book to resubscribe; and, every few seconds, the
   * current symbol's topics when its subscribe failed and stray topics the venue would not unsubscribe.
   */
  onTimer(): void {
    const now = this.ports.now();
    const out = this.core.onTimer(now);
    this.noteRingWrites();
    if (out.resync !== null) void this.resync(out.resync.topic, out.resync.reason);
    const lost = this.busy || now - this.connectedSinceMs < replayGraceMs ? [] : this.lostTopics();
    const needsRepair = (this.core.symbol !== null && !this.core.isSubscribed) || lost.length > 0 || this.strays.size > 0;
    if (needsRepair && !this.busy && this.connected && now - this.lastTopicRetryMs >= this.topicRetryMs()) {
      this.lastTopicRetryMs = now;
      void this.enqueue(() => this.repairTopics());
    }
  }

  /** Resolves once every switch, resync and repair queued so far is done. */
  idle(): Promise<void> {
    return this.queue;
  }

  /** The scanner's SwitchSymbol, queued behind any switch or resync under way; resolves when it is done. */
  switchSymbol(message: MarketDataPayloads['SwitchSymbol']): Promise<void> {
    return this.enqueue(() => this.carryOutSwitch(message));
  }

  /**
   * A (re)started scanner knows nothing yet: tell it the symbol market-data is on, or that it has none, always (it
   * waits for this before its first scan). A symbol whose subscribe failed counts: market-data keeps subscribing it.
   */
  scannerReconnected(): void {
    this.ports.toScanner({ type: 'MarketDataOn', symbol: this.core.symbol, tsEventMs: this.ports.now() });
  }

  /**
   * A restarted strategy knows nothing yet: tell it the current symbol again, and put the feed's state in the ring,
   * which is written only on a change (without it, it would open nothing until the feed next broke and recovered).
   */
  strategyReconnected(): void {
    const { symbol, scale, epoch } = this.core;
    if (symbol !== null && scale !== null) this.ports.toStrategy({ type: 'SymbolChanged', previous: null, symbol, epoch, scale });
    this.core.publishFeedStatus(this.ports.now());
    this.noteRingWrites();
  }

  stats(options?: StatsOptions): Readonly<Record<string, number | string>> {
    const lag = this.feedLag.percentilesUs();
    const toRing = this.frameToRing.percentilesUs();
    if (options?.resetLatency === true) {
      this.feedLag.reset();
      this.frameToRing.reset();
    }
    return {
      ...this.core.stats(),
      symbol: this.core.symbol ?? '',
      topicsConfirmed: this.core.isSubscribed ? 1 : 0,
      strayTopics: this.strays.size,
      feedLagP50Us: lag.p50,
      feedLagP99Us: lag.p99,
      feedLagMaxUs: lag.max,
      frameToRingP50Us: toRing.p50,
      frameToRingP99Us: toRing.p99,
      rehearsals: this.pacer.rehearsals,
      ringBacklog: this.producer.backlog(),
    };
  }

  private async carryOutSwitch(message: MarketDataPayloads['SwitchSymbol']): Promise<void> {
    const { logger, stream, now } = this.ports;
    try {
      const retries = { attempts: instrumentsAttempts, delayMs: instrumentsRetryDelayMs, ...(this.ports.sleep && { sleep: this.ports.sleep }) };
      const items = await retryTransient(async () => this.ports.instruments(message.symbol), retries);
      const scale = scaleFromInstruments(items, message.symbol);
      if (!scale.ok) throw new Error(scale.reason);
      const { plan } = this.core.onSwitchSymbol(message, scale.value, now());
      this.producer.recordEpoch(plan.epoch);
      this.noteRingWrites();
      for (const step of plan.steps) {
        // Once the core has swapped, nothing may stop strategy from hearing of it: a refused unsubscribe leaves
        // stray topics (their frames are another symbol's, dropped) for the timer to drop, and the swap goes on.
        if (step.kind === 'unsubscribe') await this.unsubscribeOrKeepAsStray(step.topics);
        else if (step.kind === 'subscribe') await stream.subscribe(step.topics);
        else this.ports.toStrategy({ type: 'SymbolChanged', ...step.payload });
      }
      this.core.confirmSubscribed(message.symbol, now());
      // A streak of refused repairs ended by a switch that went through starts the retry waits from 1 s again.
      if (this.strays.size === 0) this.failedRepairs = 0;
      logger.info({ symbol: message.symbol, previous: plan.previous, epoch: plan.epoch, kind: plan.kind }, 'symbol switched');
      this.ports.toScanner({ type: 'SwitchCompleted', symbol: message.symbol, tsEventMs: now() });
    } catch (error) {
      logger.error({ err: error, symbol: message.symbol }, 'symbol switch failed');
      const current = this.core.symbol;
      this.ports.toScanner({ type: 'SwitchFailed', symbol: message.symbol, error: errorValueFrom(error, 'VENUE_UNAVAILABLE'), current });
    }
  }

  /** Tells onRingWrites of every entry published since it last heard: trades, book tops and feed states alike. */
  private noteRingWrites(): void {
    const published = this.producer.publishedCount;
    const count = published - this.publishedNoted;
    if (count === 0) return;
    this.publishedNoted = published;
    this.ports.onRingWrites?.(count);
  }

  private async unsubscribeOrKeepAsStray(topics: readonly string[]): Promise<void> {
    try {
      await this.ports.stream.unsubscribe(topics);
      for (const topic of topics) this.strays.delete(topic);
    } catch (error) {
      for (const topic of topics) this.strays.add(topic);
      this.ports.logger.warn({ err: error, topics }, 'unsubscribe refused: the topics stay until a retry drops them');
    }
  }

  /** The current symbol's topics the socket no longer has (a replay the venue refused), once it was subscribed. */
  private lostTopics(): readonly string[] {
    const symbol = this.core.symbol;
    const confirmed = this.ports.stream.topics?.();
    if (symbol === null || !this.core.isSubscribed || confirmed === undefined) return [];
    return topicsFor(symbol).filter((topic) => !confirmed.includes(topic));
  }

  /**
   * The timer's repair: drop stray topics, and subscribe the current symbol's topics if that failed before or a
   * reconnect's replay lost them.
   */
  private async repairTopics(): Promise<void> {
    const symbol = this.core.symbol;
    const strays = [...this.strays].filter((topic) => symbol === null || !topicsFor(symbol).includes(topic));
    if (strays.length > 0) await this.unsubscribeOrKeepAsStray(strays);
    const missing = symbol === null ? [] : this.core.isSubscribed ? this.lostTopics() : topicsFor(symbol);
    if (symbol !== null && missing.length > 0) {
      try {
        await this.ports.stream.subscribe(missing);
        this.core.confirmSubscribed(symbol, this.ports.now());
        this.ports.logger.info({ symbol, topics: missing }, 'topics subscribed again after a failed subscribe or a refused replay');
      } catch (error) {
        this.ports.logger.warn(
          { err: error, symbol, topics: missing, failedRepairs: this.failedRepairs + 1 },
          'subscribe failed again; the timer retries',
        );
      }
    }
    const repaired = this.strays.size === 0 && (symbol === null || this.core.isSubscribed);
    this.failedRepairs = repaired ? 0 : this.failedRepairs + 1;
  }

  private topicRetryMs(): number {
    return Math.min(topicRetryFirstMs * 2 ** Math.max(0, this.failedRepairs - 1), topicRetryMaxMs);
  }

  private resync(topic: string, reason: string): Promise<void> {
    return this.enqueue(async () => {
      this.ports.logger.warn({ topic, reason }, 'book needs a resync: resubscribing');
      try {
        await this.ports.stream.unsubscribe([topic]);
        await this.ports.stream.subscribe([topic]);
        this.core.onBookResubscribed(this.ports.now());
      } catch (error) {
        this.ports.logger.error({ err: error, topic }, 'resubscribe failed');
      }
    });
  }

  /** A switch, resync or repair is queued or running (a replay waits for it before the next frame: see idle()). */
  get busy(): boolean {
    return this.pending > 0;
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.pending++;
    const done = this.queue.then(task).finally(() => this.pending--);
    this.queue = done.catch(() => undefined);
    return done;
  }
}
