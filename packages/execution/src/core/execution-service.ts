// The execution runtime (execution thread, and backtests): the ExecutionCore with what surrounds it in a running
// engine: the message queue, account set-up per symbol, the flatten of a halt and of a shutdown, scheduled
// reconciles, the session's round trips and the stats. The worker entry and the backtest are thin adapters that bring
// the REST client, the clock, the private stream's frames and the way to strategy.

import Big from 'big.js';
import type { BybitRestClient, WsDataFrame } from '@scalper/bybit';
import type {
  EngineConfig,
  ExecutionMessage,
  JournalResume,
  JournalSink,
  MessageOf,
  OrderCommand,
  OrderRequest,
  RuntimeClock,
  StatsOptions,
  StrategyPayloads,
  Symbol,
} from '@scalper/protocol';
import { ExecutionCore, type HandleOutcome, type Resumed } from './execution-core.js';
import type { TradeSocketEntry } from './order-entry.js';
import { ExecutionJournal } from './execution-journal.js';
import type { ExecutionMetrics } from './execution-metrics.js';
import type { ExecutionLogger } from './execution-environment.js';
import type { ExecutionFeedback } from './execution-feedback.js';
import { MessageQueue } from './message-queue.js';
import { haltEndsAtMs, type Halt } from './risk-gate.js';
import { haltExitReason, manualCloseExitReason, SessionTrades, shutdownExitReason } from './session-trades.js';
import { SymbolSetups } from './symbol-setups.js';
import type { EntryWireWatch } from './entry-wire-watch.js';
import { VenueClockNotice, type VenueClockSource } from './venue-clock-notice.js';

/** Everything execution tells strategy: the core's feedback, the halt and the venue clock's offset. */
export type ExecutionToStrategy =
  | ExecutionFeedback
  | MessageOf<StrategyPayloads, 'TradingHalted'>
  | MessageOf<StrategyPayloads, 'TradingResumed'>
  | MessageOf<StrategyPayloads, 'VenueClock'>;

/** The config the runtime reads: execution's and the risk limits, and the stale limit its clock warning is sized by. */
export type ExecutionServiceConfig = Pick<EngineConfig, 'execution' | 'risk'> & { readonly strategy: Pick<EngineConfig['strategy'], 'staleDataMs'> };

export interface ExecutionServicePorts {
  /** Built on a transport with maxRetries 0: the core does all retrying (see ExecutionCoreOptions.client). */
  readonly client: BybitRestClient;
  /** Live: the WebSocket trade API, which takes order creates while its socket is open (REST stays behind it). */
  readonly tradeSocket?: TradeSocketEntry;
  /** The wall clock shifted to the venue's live, the replay's clock in a backtest. */
  readonly clock: RuntimeClock;
  readonly logger: ExecutionLogger;
  /**
   * The venue's clock against this host's (live: the REST transport's measured offset and its re-sync). Strategy
   * is told the offset at start, after every re-sync and when it restarts. None in a backtest (one clock).
   */
  readonly venueClock?: VenueClockSource;
  /** The clock strategy stamps orders with (its local one, not the venue's), for an entry's age; default clock.now. */
  readonly localNow?: () => number;
  /** Measures each entry's age as its create goes out (live: on the HTTP call); its figures join the stats. */
  readonly entryWire?: EntryWireWatch;
  /** The way to strategy: the link live, the feedback latency in a backtest. One call per batch. */
  readonly toStrategy: (messages: readonly ExecutionToStrategy[]) => void;
  /**
   * Starts the flatten of a halt, which must not wait behind the queue. Default: at once. A backtest puts it on its
   * event queue, so the replay waits for it before time moves on.
   */
  readonly startNow?: (task: () => Promise<void>) => void;
  /** Where orders, fills, round trips and risk events are journaled; none in a backtest or without a journal. */
  readonly journal?: JournalSink;
  /** What the journal knew at this start: start() backfills, carries the day's realised PnL and restores its halt. */
  readonly resume?: JournalResume;
  /** Counts orders, refusals and fills for the metrics scrape (live only). */
  readonly metrics?: ExecutionMetrics;
}

/** How long a stop waits for the shutdown close's fill, so the summary counts the last trip. */
const closeFillWaitMs = 2_000;
const closeFillPollMs = 50;
const unknownOutcomeReconcileMs = 1_000;
/** A flatten closes, reads the venue again and closes what is left, this many times at most. */
const flattenPasses = 3;
const flattenRecheckMs = 200;
/** Account set-up ahead of the first signal: tries, and the first wait (doubling). */
const setupAttempts = 4;
const setupRetryBaseMs = 500;

/**
 * An order refused before sending (too old, over a risk cap, off the instrument's rules) is routine under faults
 * and already logged at warn by the placer: only a venue failure or rejection is an error for the operator.
 */
function outcomeLevel(result: HandleOutcome['result']): 'info' | 'warn' | 'error' {
  if (result.ok) return 'info';
  return result.error.code === 'RISK_DENIED' ? 'warn' : 'error';
}

export class ExecutionService {
  readonly core: ExecutionCore;
  private readonly setups: SymbolSetups;
  /** Entries, one at a time in arrival order. */
  private readonly entries: MessageQueue<OrderCommand>;
  /** Closes and cancels: one at a time among themselves, never behind an entry (see submit). */
  private readonly closes: MessageQueue<OrderCommand>;
  /** This run's round trips, from every fill forwarded and every close asked for: the status line's trips and net. */
  private readonly session = new SessionTrades();
  private stopReconciles: (() => void) | null = null;
  private readonly venueClock: VenueClockNotice | null;
  /** The reconcile running now, and whether another was asked for since it started. */
  private reconciling: Promise<void> | null = null;
  private reconcileAgain = false;
  private ordersSent = 0;
  private fills = 0;
  private readonly journal: ExecutionJournal | null;
  /** Entries wait for start(): none may pass the risk gate before a restart restored the day's loss and halt. */
  private readonly started: Promise<void>;
  private markStarted: () => void = () => undefined;

  constructor(
    private readonly config: ExecutionServiceConfig,
    private readonly ports: ExecutionServicePorts,
  ) {
    const { execution, risk } = config;
    const { client, clock, logger } = ports;
    this.setups = new SymbolSetups(client, execution.leverage, (symbol, report) => logger.info({ symbol, report }, 'account ready for symbol'));
    this.core = new ExecutionCore({
      client,
      ...(ports.tradeSocket === undefined ? {} : { tradeSocket: ports.tradeSocket }),
      now: () => clock.now(),
      sleep: (ms) => clock.sleep(ms),
      logger,
      retry: { maxRetries: execution.maxRetries, baseDelayMs: execution.retryBaseDelayMs, maxDelayMs: execution.retryMaxDelayMs },
      closeRetry: { baseDelayMs: execution.closeRetryBaseDelayMs },
      maxEntryAgeMs: execution.maxEntryAgeMs,
      localNow: ports.localNow ?? (() => clock.now()),
      risk: {
        maxPositionNotionalUsd: risk.maxPositionNotionalUsd,
        maxDailyLossUsd: risk.maxDailyLossUsd,
        maxOrdersPerMinute: risk.maxOrdersPerMinute,
      },
      // A lost answer and failed lookups: a reconcile soon settles the order from the venue's open orders and fills.
      onOutcomeUnknown: () => void this.reconcileSoon(),
      // Not awaited by the core, which saw the fill: the flatten runs beside the call that found it.
      onRiskHalt: (halt) => this.onRiskHalt(halt),
    });
    this.journal = ports.journal === undefined ? null : new ExecutionJournal(ports.journal, () => clock.now());
    this.started = new Promise((resolve) => {
      this.markStarted = resolve;
    });
    this.entries = new MessageQueue(
      (message) => this.handle(message),
      () => clock.now(),
    );
    this.closes = new MessageQueue(
      (message) => this.handle(message),
      () => clock.now(),
    );
    const source = ports.venueClock;
    this.venueClock =
      source === undefined
        ? null
        : new VenueClockNotice(source, config.strategy.staleDataMs, clock, logger, (message) => this.ports.toStrategy([message]));
  }

  /** Learns the venue's positions and orders, tells strategy, and reconciles every execution.reconcileIntervalMs. */
  async start(): Promise<void> {
    const reconciled = await this.core.reconcile();
    this.forward(reconciled.toStrategy);
    this.session.adopt(this.core.knownPositions());
    if (this.ports.resume !== undefined) this.afterResume(await this.core.resume(this.ports.resume));
    this.markStarted();
    // A safety net under the stream: a position update lost to a half-open socket (no drop, so no reconnect and no
    // reconcile) would leave strategy believing in a position the venue has closed. Found by the soak run. A backtest
    // turns it off (0): its replayed stream loses nothing, and the reads would cost a tenth of the replay's time.
    const everyMs = this.config.execution.reconcileIntervalMs;
    const timers: (() => void)[] = [];
    if (everyMs > 0) timers.push(this.ports.clock.every(everyMs, () => this.reconcile()));
    if (this.venueClock !== null) timers.push(this.venueClock.start());
    this.stopReconciles = () => timers.forEach((stop) => stop());
  }

  /** Journals what the venue had that the journal may lack, logs the day's realised PnL, and re-imposes a halt. */
  private afterResume(resumed: Resumed): void {
    const { logger } = this.ports;
    for (const fill of resumed.fills ?? []) this.journal?.fill(fill);
    for (const problem of resumed.problems) logger.error({ problem }, 'resume from the journal: a venue read failed');
    const { used, journal, venue, agreed } = resumed.dayRealised;
    const figures = {
      backfillFrom: new Date(resumed.backfillFromMs).toISOString(),
      venueFills: resumed.fills?.length ?? null,
      dayRealisedUsed: used.toFixed(),
      journalRealised: journal.toFixed(),
      venueClosedPnl: venue?.toFixed() ?? null,
      closedPnlRecords: resumed.closedPnlRecords,
      openHoldingsRealised: resumed.openRealised.toFixed(),
    };
    if (agreed) logger.info(figures, "resumed from the journal: the day's realised PnL agrees with the venue's closed PnL");
    else logger.warn(figures, "resumed from the journal: the journal and the venue disagree on the day's realised PnL; the larger loss counts");
    const halt = resumed.halt;
    if (halt === null) return;
    const untilMs = haltEndsAtMs(halt);
    if (resumed.breached) this.journal?.halted(halt.reason, untilMs);
    logger.error(
      { reason: halt.reason, until: untilMs === null ? 'resumed by hand' : new Date(untilMs).toISOString() },
      'TRADING HALTED since before this start',
    );
    void this.haltTrading(halt.reason, untilMs);
  }

  /**
   * A message from strategy; resolves when it has been handled. Entries run one at a time in arrival order. A close
   * or cancel never waits behind an entry: it runs on its own lane at once, an entry of its symbol still backing off
   * is abandoned, and the ones not yet started are answered OrderDenied and never sent. A close overtaking an entry
   * in flight is reduce-only and sized from the venue's position, so it cannot open or flip one.
   */
  submit(message: ExecutionMessage): Promise<void> {
    if (message.type === 'PrepareSymbol') return this.prepareAhead(message.symbol);
    if (message.type === 'PlaceOrder') {
      if (!message.order.reduceOnly)
        this.ports.entryWire?.expect(message.order.orderLinkId, message.order.tsCreatedMs, message.order.tsTriggerRecvMs);
      return this.entries.push(message);
    }
    const symbol = message.symbol;
    this.core.abandonEntries(symbol);
    const what = message.type === 'ClosePosition' ? 'close' : 'cancel';
    this.denyQueuedEntries((order) => order.symbol === symbol, `abandoned: a ${what} of ${symbol} arrived before it was sent`);
    return this.closes.push(message);
  }

  /** Entries first, before a halt's or a shutdown's flatten: one backing off is never resent, the queued ones are denied unsent. */
  private abandonAllEntries(reason: string): void {
    const inFlight = this.entries.inFlight()?.item;
    if (inFlight?.type === 'PlaceOrder') this.core.abandonEntries(inFlight.order.symbol);
    this.denyQueuedEntries(() => true, reason);
  }

  /** Takes the entries `matches` picks out of the queue unsent and tells strategy why. */
  private denyQueuedEntries(matches: (order: OrderRequest) => boolean, reason: string): void {
    const overtaken = this.entries.drop((queued) => queued.type === 'PlaceOrder' && matches(queued.order));
    for (const entry of overtaken) {
      if (entry.type !== 'PlaceOrder') continue;
      this.ports.logger.warn({ orderLinkId: entry.order.orderLinkId, symbol: entry.order.symbol, reason }, 'order denied');
      this.forward([{ type: 'OrderDenied', orderLinkId: entry.order.orderLinkId, reason, tsEventMs: this.ports.clock.now() }]);
    }
  }

  /** A data frame of the private stream (order, execution, position, wallet). */
  onPrivateFrame(frame: WsDataFrame): void {
    this.forward(this.core.onPrivateFrame(frame));
  }

  /** What REST says now, once at a time; after a private-stream reconnect the stream may have missed updates. */
  async reconcile(): Promise<void> {
    // One asked for while another runs (a reconnect during the periodic one) may know of changes the running one
    // read too early to see: it runs again when that one ends, once for all such asks, instead of being dropped.
    if (this.reconciling !== null) {
      this.reconcileAgain = true;
      return this.reconciling;
    }
    const run = async (): Promise<void> => {
      try {
        do {
          this.reconcileAgain = false;
          this.forward((await this.core.reconcile()).toStrategy);
        } while (this.reconcileAgain);
      } finally {
        this.reconciling = null;
      }
    };
    this.reconciling = run();
    return this.reconciling;
  }

  /**
   * A reconcile a second from now (the venue may just be slow), for an order whose outcome is unknown; one already
   * running may have read the open orders before the order was marked, so it runs again after that one.
   */
  private async reconcileSoon(): Promise<void> {
    await this.ports.clock.sleep(unknownOutcomeReconcileMs);
    await this.reconcile();
  }

  /**
   * The link to strategy opened: at start, or because strategy restarted. Strategy learns the positions (from the
   * tracker, which keeps only the newest report of each), the venue clock and any halt in force. A restarted
   * strategy has forgotten the entries of its previous life, whose signal is gone with it: the queued ones are denied,
   * one backing off is abandoned, and the ones resting at the venue are cancelled (nothing else would time them out).
   */
  strategyConnected(restarted: boolean): void {
    const messages: ExecutionToStrategy[] = this.core.knownPositions().map((position) => ({ type: 'PositionUpdate', position }));
    const halt = this.core.activeHalt();
    if (halt !== null) messages.push({ type: 'TradingHalted', reason: halt.reason, untilMs: haltEndsAtMs(halt), tsEventMs: this.ports.clock.now() });
    this.ports.toStrategy(messages);
    this.venueClock?.announce();
    if (!restarted) return;
    const reason = 'strategy restarted: its entries lost their signal';
    this.abandonAllEntries(reason);
    for (const symbol of this.core.symbolsWithWorkingEntries()) {
      this.ports.logger.warn({ symbol }, 'strategy restarted: cancelling the entries it left working');
      void this.submit({ type: 'CancelAll', symbol, reason });
    }
  }

  /** The kill switch: no entry again in this run, working orders cancelled, every position closed. */
  async halt(reason: string): Promise<void> {
    this.core.haltForGood(reason);
    await this.haltTrading(reason, null);
  }

  /**
   * The trader's "close now": every symbol's working orders are cancelled and its position closed, at once (not
   * behind the queue), as a halt's flatten does; entries stay allowed, so strategy trades the next signal.
   */
  async closeNow(reason: string): Promise<void> {
    this.ports.logger.warn({ reason }, 'closing every position by hand');
    const entryOnItsWay = this.entries.inFlight() !== null;
    this.abandonAllEntries(`closed by hand: ${reason}`);
    await this.flattenAll(reason, manualCloseExitReason);
    // An entry already sent can fill after the flatten read the position: once it is answered, what it opened closes.
    if (!entryOnItsWay) return;
    await this.entries.drained();
    if (this.core.openPositionSymbols().length > 0) await this.flattenAll(`${reason} (second pass)`, manualCloseExitReason);
  }

  /**
   * The trader resumes trading after the kill switch: strategy is told before anything else it hears, so a daily
   * loss still past the limit halts it again in order. Returns why nothing was lifted, or the halt that came back.
   */
  resumeTrading(reason: string): { readonly refusal: string | null; readonly haltedAgain: string | null } {
    const { refusal, halt } = this.core.liftKillSwitch();
    if (refusal !== null) return { refusal, haltedAgain: null };
    this.ports.toStrategy([{ type: 'TradingResumed', reason, tsEventMs: this.ports.clock.now() }]);
    if (halt !== null) this.onRiskHalt(halt);
    return { refusal: null, haltedAgain: halt?.reason ?? null };
  }

  /** Waits for the queue, then cancels every symbol's orders and (with risk.closeOnShutdown) closes its position. */
  async stop(reason: string): Promise<void> {
    this.stopReconciles?.();
    this.stopReconciles = null;
    // An entry backing off would hold the shutdown's flatten past the supervisor's patience: abandon it first.
    this.abandonAllEntries(`shutdown: ${reason}`);
    await Promise.all([this.entries.drained(), this.closes.drained()]);
    const close = this.config.risk.closeOnShutdown;
    for (const symbol of this.symbolsToFlatten()) {
      if (close) {
        const { cancelled, closed } = await this.flatten(symbol, `shutdown: ${reason}`, shutdownExitReason);
        this.ports.logger.warn({ symbol, outcome: cancelled }, 'open orders cancelled on shutdown');
        this.ports.logger.warn({ symbol, outcome: closed }, 'position closed on shutdown');
      } else {
        const cancelled = await this.core.handle({ type: 'CancelAll', symbol, reason: `shutdown: ${reason}` });
        this.ports.logger.warn({ symbol, outcome: cancelled.outcome }, 'open orders cancelled on shutdown');
      }
    }
    // The close's fill arrives on the private stream: wait for it (briefly) so the summary counts the last trip.
    for (let waited = 0; close && this.session.hasOpenTrip() && waited < closeFillWaitMs; waited += closeFillPollMs) {
      await this.ports.clock.sleep(closeFillPollMs);
    }
  }

  stats(options?: StatsOptions): Readonly<Record<string, number | string>> {
    const known = this.core.knownPositions();
    const position = known.find((p) => p.side !== 'None') ?? null;
    const realised = known.reduce((sum, p) => sum.plus(p.realisedPnl), new Big(0));
    const inFlight = [this.closes.inFlight(), this.entries.inFlight()].filter((f) => f !== null);
    return {
      ...this.core.stats(),
      ordersSent: this.ordersSent,
      fills: this.fills,
      positionSide: position?.side ?? 'flat',
      positionSymbol: position?.symbol ?? '',
      positionSize: position?.size ?? '0',
      positionNotional: position === null ? '0' : new Big(position.size).times(position.avgEntryPrice).toFixed(),
      unrealisedPnl: position?.unrealisedPnl ?? '0',
      realisedPnl: realised.toFixed(),
      halted: this.core.activeHalt()?.reason ?? '',
      dayRealisedPnl: this.core.realisedToday()?.toFixed() ?? '',
      inFlight: inFlight.map((f) => `${f.item.type} for ${f.forMs} ms`).join(', '),
      queued: this.entries.waiting() + this.closes.waiting(),
      ...this.session.stats(),
      ...this.ports.entryWire?.stats(),
      // The dashboard's list travels as JSON: the stats are flat.
      ...(options?.view === true ? { openOrders: JSON.stringify(this.core.openOrders()) } : {}),
    };
  }

  private async handle(message: OrderCommand): Promise<void> {
    const { logger, clock } = this.ports;
    // Taken before any await: a close or cancel of the symbol from now on abandons this entry (see submit).
    const entryEpoch = message.type === 'PlaceOrder' ? this.core.entryEpoch(message.order.symbol) : undefined;
    try {
      if (message.type === 'PlaceOrder') {
        await this.started;
        const refusal = await this.prepare(message.order.symbol);
        if (refusal !== null) {
          logger.error({ symbol: message.order.symbol, orderLinkId: message.order.orderLinkId, reason: refusal }, 'order denied');
          this.forward([{ type: 'OrderDenied', orderLinkId: message.order.orderLinkId, reason: refusal, tsEventMs: clock.now() }]);
          return;
        }
        this.ordersSent++;
        this.journal?.requested(message.order);
      }
      if (message.type === 'ClosePosition') this.session.onCloseRequested(message.symbol, message.reason);
      const handled = await this.core.handle(message, entryEpoch);
      logger[outcomeLevel(handled.outcome.result)]({ message: message.type, outcome: handled.outcome }, 'execution outcome');
      this.noteOutcome(
        message.type === 'PlaceOrder' ? message.order : null,
        message.type === 'PlaceOrder' ? message.order.orderLinkId : (message.orderLinkId ?? null),
        handled.outcome,
      );
      this.forward(handled.toStrategy);
    } catch (error) {
      // The core answers venue failures as values: this is a bug, and strategy must not wait for the entry forever.
      logger.error({ err: error, message: message.type }, 'execution failed');
      if (message.type === 'PlaceOrder') {
        this.forward([{ type: 'OrderDenied', orderLinkId: message.order.orderLinkId, reason: (error as Error).message, tsEventMs: clock.now() }]);
      }
    }
  }

  /** A handled message's outcome goes to the journal and the metrics (`entry` when it was an entry). */
  private noteOutcome(entry: OrderRequest | null, orderLinkId: string | null, outcome: HandleOutcome): void {
    this.journal?.outcome(orderLinkId, outcome);
    this.ports.metrics?.outcome(entry?.orderType ?? null, outcome);
  }

  /** Strategy trades `symbol` now: one-way mode and leverage before its first signal, retried on 5xx and 10006. */
  private async prepareAhead(symbol: Symbol): Promise<void> {
    const refusal = await this.setups.prepareWithRetries(symbol, {
      attempts: setupAttempts,
      baseDelayMs: setupRetryBaseMs,
      sleep: (ms) => this.ports.clock.sleep(ms),
    });
    if (refusal !== null) this.ports.logger.warn({ symbol, err: refusal }, 'account set-up failed; the first order of the symbol tries again');
  }

  /** One-way mode and leverage before a symbol's first order; the refusal's reason when the venue refused them. */
  private async prepare(symbol: Symbol): Promise<string | null> {
    try {
      await this.setups.prepare(symbol);
      return null;
    } catch (error) {
      return `account set-up failed: ${(error as Error).message}`;
    }
  }

  /**
   * Trading stops (a risk limit or the kill switch): strategy is told, working orders are cancelled and every open
   * position is closed at once, not behind the queue (cancelling first makes a backing-off entry give up its retry).
   */
  private haltTrading(reason: string, untilMs: number | null): Promise<void> {
    this.ports.toStrategy([{ type: 'TradingHalted', reason, untilMs, tsEventMs: this.ports.clock.now() }]);
    this.abandonAllEntries(`halted: ${reason}`);
    // An entry already on its way can land after the first pass read the position: a second pass, once the entry
    // lane is done, closes what it opened (nothing else would: strategy does not close on a halt).
    const flatten = async (): Promise<void> => {
      await this.flattenAll(`halted: ${reason}`);
      await this.entries.drained();
      if (this.core.openPositionSymbols().length > 0) await this.flattenAll(`halted: ${reason} (second pass)`);
    };
    if (this.ports.startNow === undefined) return flatten();
    return new Promise<void>((resolve, reject) => this.ports.startNow?.(() => flatten().then(resolve, reject)));
  }

  /** A daily-loss halt: journaled, then the halt's flatten beside whatever call found it. */
  private onRiskHalt(halt: Halt): void {
    this.journal?.halted(halt.reason, haltEndsAtMs(halt));
    void this.haltTrading(halt.reason, haltEndsAtMs(halt));
  }

  private async flattenAll(reason: string, exitReason: string = haltExitReason): Promise<void> {
    await Promise.all(
      this.symbolsToFlatten().map(async (symbol) => {
        const { cancelled, closed } = await this.flatten(symbol, reason, exitReason);
        const closedResult = closed.result.ok ? closed.result.value : closed.result.error;
        this.ports.logger.error({ symbol, reason, cancelled: cancelled.result.ok, closed: closedResult }, 'flattened');
      }),
    );
  }

  /** Symbols set up for trading or holding a position the venue reported. */
  private symbolsToFlatten(): Symbol[] {
    return [...new Set<Symbol>([...this.setups.symbols(), ...this.core.knownPositions().map((p) => p.symbol)])];
  }

  /**
   * Cancels `symbol`'s working orders, then closes its position from the venue's size, naming the session's trip by
   * `exitReason`; the close's feedback goes to strategy. A close that filled only partly (a thin book: the venue
   * cancels a market order's rest) or failed is followed by another, read from the venue again, until it reports flat.
   */
  private async flatten(symbol: Symbol, reason: string, exitReason: string): Promise<{ cancelled: HandleOutcome; closed: HandleOutcome }> {
    this.session.onCloseRequested(symbol, exitReason);
    for (let pass = 1; ; pass++) {
      const { cancelled, closed } = await this.core.flatten(symbol, pass === 1 ? reason : `${reason} (pass ${pass})`);
      this.noteOutcome(null, null, closed.outcome);
      this.forward(closed.toStrategy);
      // Done when the venue reports flat; a close that sent only part, or failed (its retries spent on 503s), goes again.
      const result = closed.outcome.type === 'ClosePosition' ? closed.outcome.result : null;
      const flat = result?.ok === true && result.value.outcome === 'nothing-to-close';
      if (flat || pass === flattenPasses) {
        return { cancelled: cancelled.outcome, closed: closed.outcome };
      }
      // The fills of an IOC close land within milliseconds of its answer; the next pass reads what is left.
      await this.ports.clock.sleep(flattenRecheckMs);
    }
  }

  /** Logs fills and closed round trips, counts them, and passes the batch on to strategy. */
  private forward(messages: readonly ExecutionFeedback[]): void {
    if (messages.length === 0) return;
    const { logger } = this.ports;
    for (const message of messages) {
      if (message.type === 'Fill') {
        this.fills++;
        this.ports.metrics?.fill(message.fill.isMaker);
        const { symbol, side, qty, price, fee, isMaker, orderLinkId } = message.fill;
        logger.info({ symbol, side, qty, price, fee, isMaker, orderLinkId }, 'fill');
      }
      const trip = this.session.onFeedback(message);
      this.journal?.feedback(message, trip);
      if (trip !== null) {
        const { symbol, side, qty, entryPrice, exitPrice, netPnl, fees, exitReason } = trip;
        logger.info({ symbol, side, qty, entryPrice, exitPrice, netPnl, fees, exitReason }, 'round trip closed');
      }
    }
    this.ports.toStrategy(messages);
  }
}
