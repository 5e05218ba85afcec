// ExecutionCore, the logic behind the execution thread's ports (execution thread): PlaceOrder, ClosePosition and
// CancelAll become venue calls; private frames and REST answers become OrderUpdate, Fill and PositionUpdate for
// strategy. No timers, no sockets: the worker brings the REST client, the clock, the sleep and the private stream.

import Big from 'big.js';
import { type BybitRestClient, type InstrumentRules, type OrderAck, type WsDataFrame } from '@scalper/bybit';
import {
  isDecimalString,
  toDecimalString,
  type ErrorValue,
  type Fill,
  type JournalResume,
  type OrderCommand,
  type OrderRequest,
  type OrderUpdate,
  type Position,
  type Result,
  type Symbol,
} from '@scalper/protocol';
import { ExecutionCounters, type CounterName } from './execution-counters.js';
import { silentLogger, type ExecutionEnvironment, type ExecutionLogger } from './execution-environment.js';
import { orderDeniedMessage, positionMessage, pushMessage as push, type ExecutionFeedback } from './execution-feedback.js';
import { InstrumentCache } from './instrument-cache.js';
import { lookUpOrder } from './order-lookup.js';
import { OrderPlacer, type PlacedOrder, type ReferencePriceSource } from './order-placer.js';
import { RoutedOrderEntry, type TradeSocketEntry } from './order-entry.js';
import { OrderTracker, type OrderTrackerOptions } from './order-tracker.js';
import { PositionCloser, type CloseReport } from './position-closer.js';
import { Reconciler, type Reconciled } from './reconciler.js';
import { resolveRetryOptions, venueErrorValue, type RetryOptions } from './retry-schedule.js';
import { RetryingReads } from './retrying-reads.js';
import { readResume, type ResumeReading } from './journal-resume.js';
import { RiskGate, type Halt, type RiskLimits } from './risk-gate.js';

/** An order known only by its fills (the lookup of an entry this execution lost): ended with what executed. */
function endedByFills(fills: readonly Fill[]): OrderUpdate {
  const first = fills[0] as Fill;
  const executed = fills.reduce((sum, fill) => sum.plus(fill.qty), new Big(0));
  const value = fills.reduce((sum, fill) => sum.plus(new Big(fill.qty).times(fill.price)), new Big(0));
  const qty = toDecimalString(executed.toFixed());
  return {
    orderLinkId: first.orderLinkId,
    orderId: first.orderId,
    symbol: first.symbol,
    side: first.side,
    // Not in a fill; strategy reads only the status and what executed.
    orderType: 'Market',
    status: 'Filled',
    qty,
    cumExecQty: qty,
    avgPrice: executed.gt(0) ? toDecimalString(value.div(executed).toFixed()) : null,
    rejectReason: null,
    tsEventMs: Math.max(...fills.map((fill) => fill.tsEventMs)),
  };
}

/** How far back the fills of an entry this execution lost track of are looked for. */
const untrackedLookupWindowMs = 10 * 60_000;
/** The first wait of a close's or cancel's retry (execution.closeRetryBaseDelayMs). */
const defaultCloseRetryBaseMs = 250;

export interface ExecutionCoreOptions {
  /**
   * Built on a BybitRestTransport with maxRetries 0: the core does all retrying itself, and a transport that
   * retried on its own would resend order creates blindly after a timeout.
   */
  readonly client: BybitRestClient;
  /** The WebSocket trade API: order creates go there while its socket is open, over `client` otherwise. */
  readonly tradeSocket?: TradeSocketEntry;
  /** Epoch ms, comparable with the venue's clock. */
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly logger?: ExecutionLogger;
  /** Default { maxRetries: 3, baseDelayMs: 2000, maxDelayMs: 30000 }: waits of 2, 4 and 8 s. */
  readonly retry?: Partial<RetryOptions>;
  /**
   * Closes and cancels (their reads, cancel-all and reduce-only creates) back off on a shorter schedule, since
   * every wait keeps a position open: default `retry`'s count with waits from 250 ms, doubling, at most 8 x the first.
   */
  readonly closeRetry?: Partial<RetryOptions>;
  /** Values Market orders for the notional and stop-side checks; without it the venue checks those. */
  readonly referencePrice?: ReferencePriceSource;
  /** Rules known up front; others are fetched from instruments-info on first use. */
  readonly instrumentRules?: readonly InstrumentRules[];
  /** Rules older than this are fetched again; default 1 h. */
  readonly instrumentMaxAgeMs?: number;
  /** How far back lookups search for fills, covering clock offset; default 5 min. */
  readonly lookupLeadMs?: number;
  readonly tracker?: OrderTrackerOptions;
  /** execution.maxEntryAgeMs: an entry older than this is never sent or resent; without it entries never expire. */
  readonly maxEntryAgeMs?: number;
  /** The clock strategy stamps orders with (its local clock, not the venue's); default `now`. */
  readonly localNow?: () => number;
  /**
   * A create's outcome is unknown (every answer and lookup lost): the order stays working for strategy, and the host
   * should reconcile soon, which settles it from the venue's open orders and fills.
   */
  readonly onOutcomeUnknown?: (symbol: Symbol) => void;
  /** Limits every entry must pass; without them (tests, backtests that measure the raw strategy) nothing is refused. */
  readonly risk?: RiskLimits;
  /**
   * The day's loss crossed risk.maxDailyLossUsd: entries are refused from now on and the host must flatten (see
   * flattenAll) and tell strategy. Called once per halt, from whichever call saw the fill or position.
   */
  readonly onRiskHalt?: (halt: Halt) => void;
}

export interface CancelReport {
  readonly symbol: Symbol;
  readonly reason: string;
  readonly cancelled: readonly OrderAck[];
}

export type HandleOutcome =
  | { readonly type: 'PlaceOrder'; readonly result: Result<PlacedOrder> }
  | { readonly type: 'ClosePosition'; readonly result: Result<CloseReport> }
  | { readonly type: 'CancelAll'; readonly result: Result<CancelReport> };

/** What one message led to: its result (for logs and the control plane) and the messages to post to strategy. */
export interface Handled {
  readonly outcome: HandleOutcome;
  readonly toStrategy: readonly ExecutionFeedback[];
}

/** A start's resume: what was read, the halt in force after it, and whether the carried loss itself broke the limit. */
export interface Resumed extends ResumeReading {
  /** What the holdings still open had realised (their opening fees), carried into the day's loss with the rest. */
  readonly openRealised: Big;
  readonly halt: Halt | null;
  /** The day's realised loss carried over is past risk.maxDailyLossUsd: a new halt the journal does not hold yet. */
  readonly breached: boolean;
}

export type ExecutionStats = Readonly<Record<CounterName | 'trackedOrders' | 'knownPositions' | 'reconciledSymbols', number>>;

export class ExecutionCore {
  private readonly env: ExecutionEnvironment;
  private readonly counters = new ExecutionCounters();
  private readonly reads: RetryingReads;
  private readonly closeRetry: RetryOptions;
  private readonly tracker: OrderTracker;
  private readonly placer: OrderPlacer;
  private readonly closer: PositionCloser;
  private readonly reconciler: Reconciler;
  private readonly reconciled = new Set<Symbol>();
  /** Whether the account-wide read of positions and orders has been done (once per core). */
  private discovered = false;
  private readonly reconciling = new Map<Symbol, Promise<Reconciled>>();
  private readonly instruments: InstrumentCache;
  private readonly client: BybitRestClient;
  private readonly risk: RiskGate | null;
  private readonly onRiskHalt: (halt: Halt) => void;
  private readonly onOutcomeUnknown: (symbol: Symbol) => void;
  private readonly referencePrice: ReferencePriceSource | undefined;

  constructor(options: ExecutionCoreOptions) {
    this.client = options.client;
    this.risk = options.risk === undefined ? null : new RiskGate(options.risk);
    this.onRiskHalt = options.onRiskHalt ?? (() => undefined);
    this.onOutcomeUnknown = options.onOutcomeUnknown ?? (() => undefined);
    this.referencePrice = options.referencePrice;
    const retry = resolveRetryOptions(options.retry);
    const closeBaseMs = options.closeRetry?.baseDelayMs ?? defaultCloseRetryBaseMs;
    this.closeRetry = resolveRetryOptions(
      { maxRetries: retry.maxRetries, baseDelayMs: closeBaseMs, maxDelayMs: closeBaseMs * 8, ...options.closeRetry },
      'execution.closeRetry',
    );
    const lookupLeadMs = options.lookupLeadMs ?? 5 * 60_000;
    this.env = { now: options.now, sleep: options.sleep, logger: options.logger ?? silentLogger };
    this.reads = new RetryingReads(this.env, retry, this.counters);
    this.instruments = new InstrumentCache(options.client, this.reads, this.env, options.instrumentMaxAgeMs ?? 60 * 60_000);
    for (const rules of options.instrumentRules ?? []) this.instruments.put(rules);
    this.tracker = new OrderTracker(this.env, this.counters, options.tracker);
    this.placer = new OrderPlacer({
      client: options.client,
      ...(options.tradeSocket === undefined
        ? {}
        : { entry: new RoutedOrderEntry(options.client, options.tradeSocket, this.env.logger, this.counters) }),
      env: this.env,
      retry,
      counters: this.counters,
      instruments: this.instruments,
      reads: this.reads,
      lookupLeadMs,
      ...(options.referencePrice === undefined ? {} : { referencePrice: options.referencePrice }),
      ...(options.maxEntryAgeMs === undefined ? {} : { maxEntryAgeMs: options.maxEntryAgeMs }),
      ...(options.localNow === undefined ? {} : { localNow: options.localNow }),
    });
    this.closer = new PositionCloser(options.client, this.reads, this.placer, this.instruments, this.env, this.counters, this.closeRetry);
    this.reconciler = new Reconciler(options.client, this.reads, this.tracker, this.env, this.counters, lookupLeadMs);
  }

  /**
   * Every venue failure comes back as a value; the promise rejects only on a bug, which should crash the worker
   * (the supervisor restarts it and the start path reconciles). Messages may be handled concurrently.
   */
  /** See OrderPlacer.entryEpoch: the host takes it when an entry reaches it, before any await. */
  entryEpoch(symbol: Symbol): number {
    return this.placer.entryEpoch(symbol);
  }

  /** `entryEpoch` (for a PlaceOrder): as taken when the entry reached the host; a close or cancel since abandons it. */
  async handle(message: OrderCommand, entryEpoch?: number): Promise<Handled> {
    const handled = await this.dispatch(message, entryEpoch);
    return { outcome: handled.outcome, toStrategy: this.withoutSuperseded(handled.toStrategy) };
  }

  private dispatch(message: OrderCommand, entryEpoch: number | undefined): Promise<Handled> {
    switch (message.type) {
      case 'PlaceOrder':
        return this.placeOrder(message.order, entryEpoch ?? this.placer.entryEpoch(message.order.symbol));
      case 'ClosePosition':
        return this.closePosition(message.symbol, message.orderLinkId, message.reason);
      case 'CancelAll':
        return this.cancelAll(message.symbol, message.reason, message.orderLinkId);
    }
  }

  /**
   * A call's messages reach strategy when the call ends, but the private stream may have delivered a newer position
   * meanwhile: a report no longer the newest known is left out, or strategy would take "flat" (the reconcile before
   * a first order) for the truth after "open" (the fill, streamed while the order's answer was on its way). handle()
   * and reconcile() apply it; a host that delays their messages (a backtest's latency) applies it again on delivery.
   */
  withoutSuperseded<M extends { readonly type: string }>(messages: readonly M[]): readonly M[] {
    const stale = (m: M): boolean => {
      if (m.type !== 'PositionUpdate') return false;
      const position = (m as unknown as Extract<ExecutionFeedback, { type: 'PositionUpdate' }>).position;
      return this.tracker.position(position.symbol) !== position;
    };
    return messages.some(stale) ? messages.filter((m) => !stale(m)) : messages;
  }

  /**
   * Cancels `symbol`'s working orders, then closes its position from the venue's own size: the flatten of a halt and
   * of a shutdown. The close gets its own orderLinkId; its messages are for strategy.
   */
  async flatten(symbol: Symbol, reason: string): Promise<{ readonly cancelled: Handled; readonly closed: Handled }> {
    const cancelled = await this.handle({ type: 'CancelAll', symbol, reason });
    const orderLinkId = `x${Math.floor(this.env.now()).toString(36)}-${symbol.slice(0, 12)}`;
    const closed = await this.handle({ type: 'ClosePosition', symbol, orderLinkId, reason });
    return { cancelled, closed };
  }

  /**
   * A close or cancel of `symbol` arrived: an entry of it still backing off is not resent (it is answered as
   * abandoned when its wait ends). Queued entries not yet started are the host's to drop.
   */
  abandonEntries(symbol: Symbol): void {
    this.placer.abandonEntries(symbol);
  }

  /** The private stream's data frames (order, execution, position; others are ignored). */
  onPrivateFrame(frame: WsDataFrame): readonly ExecutionFeedback[] {
    return this.observe(this.tracker.onPrivateFrame(frame));
  }

  /** The kill switch: no entry passes again in this run. Returns the symbols with a position to flatten. */
  haltForGood(reason: string): readonly Symbol[] {
    this.risk?.haltForGood(reason, this.env.now());
    this.env.logger.error({ reason }, 'trading halted for good: entries refused, positions to be flattened');
    return this.tracker.openPositionSymbols();
  }

  /**
   * The trader lifts the kill switch: entries may pass again, unless the day's loss is past its limit, which halts
   * at once as it would at any fill (`halt` is that new halt). `refusal` says why nothing was lifted.
   */
  liftKillSwitch(): { readonly refusal: string | null; readonly halt: Halt | null } {
    const now = this.env.now();
    const refusal = this.risk === null ? 'no risk limits are set, so there is no halt to lift' : this.risk.liftKillSwitch(now);
    if (refusal !== null) return { refusal, halt: null };
    this.env.logger.warn({}, 'kill switch lifted by the trader: entries allowed again');
    return { refusal: null, halt: this.risk?.checkNow(now) ?? null };
  }

  /**
   * The newest position report of every symbol, by the venue's own timestamps. Hosts must read positions here, not
   * rebuild them from the messages they forward: a REST answer can be forwarded after a newer stream update.
   */
  knownPositions(): readonly Position[] {
    return this.tracker.knownPositions();
  }

  /** Symbols with a position the venue last reported as open. */
  openPositionSymbols(): readonly Symbol[] {
    return this.tracker.openPositionSymbols();
  }

  /** Orders not yet finished (working, or of unknown outcome), oldest first: what the dashboard lists. */
  openOrders(): readonly OrderUpdate[] {
    return this.tracker.openOrders();
  }

  /** Symbols with an entry still working at the venue, or of unknown outcome. */
  symbolsWithWorkingEntries(): readonly Symbol[] {
    return this.tracker.symbolsWithWorkingEntries();
  }

  /**
   * A (re)start with a journal: reads the fills it may lack and the venue's closed PnL of the day, carries the day's
   * realised PnL into the daily-loss limit (see chooseDayRealised) and restores the halt the journal holds.
   */
  async resume(resume: JournalResume): Promise<Resumed> {
    const reading = await readResume(this.client, this.reads, resume, this.env.now());
    const now = this.env.now();
    // The open holdings' realised PnL so far (their opening fees) counts today too, as the old process counted it
    // at their fills: the venue puts it into the closed PnL of their close.
    const held = this.tracker.knownPositions().filter((p) => p.side !== 'None');
    const openRealised = held.reduce((sum, p) => sum.plus(p.realisedPnl), new Big(0));
    this.risk?.carryRealised(reading.dayRealised.used.plus(openRealised), now);
    if (resume.halt !== null) this.risk?.restoreHalt(resume.halt, now);
    const breached = this.risk?.checkNow(now) ?? null;
    return { ...reading, openRealised, halt: this.activeHalt(), breached: breached !== null };
  }

  /** Realised PnL today (net of fees) as the daily-loss limit counts it; null without risk limits. */
  realisedToday(): Big | null {
    return this.risk?.realisedToday(this.env.now()) ?? null;
  }

  /** The halt in force, if any (risk limit or kill switch). */
  activeHalt(): Halt | null {
    return this.risk?.haltAt(this.env.now()) ?? null;
  }

  /**
   * Reads open orders and positions from REST. Call it on start and whenever the private stream comes back after
   * a drop; without `symbols` it covers every symbol reconciled or traded so far.
   */
  async reconcile(symbols?: readonly Symbol[]): Promise<Reconciled> {
    let targets = symbols ?? [...this.reconciled];
    if (symbols === undefined && !this.discovered) {
      // A fresh start (a restarted worker or process) knows no symbols yet: whatever the account holds or has
      // working is found account-wide first, so a position opened before the crash is managed, not forgotten.
      try {
        const held = await this.reads.call('open positions', () => this.client.openPositions());
        const working = await this.reads.call('open orders', () => this.client.allOpenOrders());
        targets = [
          ...new Set([...targets, ...held.items.filter((p) => p.side !== 'None').map((p) => p.symbol), ...working.items.map((o) => o.symbol)]),
        ];
        this.discovered = true;
      } catch (error) {
        const value = venueErrorValue(error);
        this.env.logger.error({ error: value }, 'account-wide reconciliation failed');
        return {
          result: { ok: false, error: { code: value.code, message: `account-wide reconciliation failed: ${value.message}` } },
          toStrategy: [],
        };
      }
    }
    const done = await this.reconciler.reconcile(targets);
    if (done.result.ok) for (const symbol of targets) this.reconciled.add(symbol);
    this.observe(done.toStrategy);
    return { ...done, toStrategy: this.withoutSuperseded(done.toStrategy) };
  }

  stats(): ExecutionStats {
    const size = this.tracker.size;
    return { ...this.counters.snapshot(), trackedOrders: size.orders, knownPositions: size.positions, reconciledSymbols: this.reconciled.size };
  }

  private async placeOrder(order: OrderRequest, entryEpoch: number): Promise<Handled> {
    const toStrategy: ExecutionFeedback[] = [];
    // Never trade a symbol before its venue state is known: an order placed on top of an unknown position is a bet
    // on top of a bet.
    const reconcileError = await this.ensureReconciled(order.symbol, toStrategy);
    if (reconcileError !== null) {
      const error = { code: reconcileError.code, message: `not sent: ${reconcileError.message}` };
      push(toStrategy, this.tracker.reject(order, error.message));
      return { outcome: { type: 'PlaceOrder', result: { ok: false, error } }, toStrategy };
    }
    const given = order.referencePrice ?? (order.orderType === 'Market' ? (this.referencePrice?.(order.symbol, order.side) ?? null) : null);
    const reference = given !== null && isDecimalString(String(given)) ? new Big(given) : null;
    const refusal = this.risk?.refuseEntry(order, reference, this.env.now(), this.tracker.workingEntries(order.symbol)) ?? null;
    if (refusal !== null) {
      this.counters.add('ordersDenied');
      this.counters.add('riskDenied');
      this.env.logger.warn({ orderLinkId: order.orderLinkId, symbol: order.symbol, reason: refusal }, 'entry refused by a risk limit');
      toStrategy.push(orderDeniedMessage(order.orderLinkId, refusal, this.env.now()));
      return { outcome: { type: 'PlaceOrder', result: { ok: false, error: { code: 'RISK_DENIED', message: refusal } } }, toStrategy };
    }
    this.risk?.noteCreate(this.env.now());
    this.tracker.track(order);
    const result = await this.placer.placeOrder(order, entryEpoch);
    if (result.ok) {
      this.tracker.track(result.value.order, result.value.orderId);
      this.takeSeen(result.value, toStrategy);
      return { outcome: { type: 'PlaceOrder', result: { ok: true, value: result.value } }, toStrategy };
    }
    if (result.error.code === 'RISK_DENIED') {
      this.tracker.forget(order.orderLinkId);
      toStrategy.push(orderDeniedMessage(order.orderLinkId, result.error.message, this.env.now()));
    } else if (result.outcomeUnknown === true) {
      // Not a rejection: strategy would clear the entry and could enter again on top of one that landed. The order
      // stays working (strategy stays busy, the notional cap counts it) until a reconcile settles it.
      this.counters.add('ordersUnknown');
      this.tracker.markOutcomeUnknown(order.orderLinkId);
      this.env.logger.warn(
        { orderLinkId: order.orderLinkId, symbol: order.symbol, reason: result.error.message },
        'order outcome unknown: kept working until a reconcile settles it',
      );
      this.onOutcomeUnknown(order.symbol);
    } else {
      push(toStrategy, this.tracker.reject(order, result.error.message));
    }
    return { outcome: { type: 'PlaceOrder', result: { ok: false, error: result.error } }, toStrategy };
  }

  private async closePosition(symbol: Symbol, orderLinkId: string, reason: string): Promise<Handled> {
    const toStrategy: ExecutionFeedback[] = [];
    const result = await this.closer.closePosition(symbol, orderLinkId, reason);
    const placed = result.ok ? result.value.placed : result.placed;
    for (const order of placed) {
      this.risk?.noteCreate(this.env.now());
      this.tracker.track(order.order, order.orderId);
      this.takeSeen(order, toStrategy);
    }
    if (result.ok) {
      // Flat at the venue: strategy hears it now, not when the stream (which may have lost the close's fills) says so,
      // and hears it even when the report is no news to the tracker (it may have missed it). The risk gate hears news
      // too, or it would value (and net entries against) a position that is gone.
      const report = result.value.flatReport;
      if (report !== null) {
        const news = this.tracker.applyPosition(report);
        if (news !== null) this.observe([news]);
        const known = this.tracker.position(symbol);
        if (known !== null) toStrategy.push(positionMessage(known));
      }
      return { outcome: { type: 'ClosePosition', result: { ok: true, value: result.value } }, toStrategy };
    }
    if (result.failedOrder !== null) push(toStrategy, this.tracker.reject(result.failedOrder, result.error.message));
    // Nothing was sent (a refusal, or the position could not be read): strategy must hear it, or it would wait on
    // this close for ever and leave the position to the venue's stop.
    else toStrategy.push(orderDeniedMessage(orderLinkId, result.error.message, this.env.now()));
    return { outcome: { type: 'ClosePosition', result: { ok: false, error: result.error } }, toStrategy };
  }

  private async cancelAll(symbol: Symbol, reason: string, orderLinkId?: string): Promise<Handled> {
    this.placer.abandonEntries(symbol);
    this.counters.add('cancelAlls');
    try {
      const cancelled = await this.reads.call('cancel-all', () => this.client.cancelAll(symbol), this.closeRetry);
      this.env.logger.info({ symbol, reason, cancelled: cancelled.length }, 'cancelled all orders');
      const toStrategy = orderLinkId === undefined ? [] : await this.fateOfUntracked(symbol, orderLinkId);
      return { outcome: { type: 'CancelAll', result: { ok: true, value: { symbol, reason, cancelled } } }, toStrategy };
    } catch (error) {
      const value = venueErrorValue(error);
      this.env.logger.error({ symbol, reason, error: value }, 'cancel-all failed');
      return { outcome: { type: 'CancelAll', result: { ok: false, error: value } }, toStrategy: [] };
    }
  }

  /**
   * The entry strategy waits on, when this execution does not track it (it restarted since the order was sent): its
   * fills if the venue has any, else a denial, so strategy stops waiting. Called after a cancel-all, so nothing of
   * it still rests. A failed lookup says nothing: strategy's next cancel asks again.
   */
  private async fateOfUntracked(symbol: Symbol, orderLinkId: string): Promise<ExecutionFeedback[]> {
    if (this.tracker.order(orderLinkId) !== null) return [];
    const out: ExecutionFeedback[] = [];
    try {
      const sinceMs = this.env.now() - untrackedLookupWindowMs;
      const lookup = await this.reads.call('order lookup', () => lookUpOrder(this.client, symbol, orderLinkId, sinceMs), this.closeRetry);
      if (lookup.found) {
        this.env.logger.warn({ symbol, orderLinkId, fills: lookup.fills.length }, 'an entry this execution did not know was found at the venue');
        for (const fill of lookup.fills) push(out, this.tracker.applyFill(fill));
        // After the cancel-all it rests no more: what executed is all it will ever do, which ends strategy's wait.
        push(out, this.tracker.applyOrder(lookup.order ?? endedByFills(lookup.fills)));
        this.observe(out);
        // reconcile() has the risk gate observe its own messages: they join after, not observed twice.
        out.push(...(await this.reconcile([symbol])).toStrategy);
      } else {
        const reason = 'not at the venue: no order and no fill under this orderLinkId (execution restarted after it was sent)';
        this.env.logger.warn({ symbol, orderLinkId }, reason);
        out.push(orderDeniedMessage(orderLinkId, reason, this.env.now()));
      }
    } catch (error) {
      this.env.logger.warn(
        { symbol, orderLinkId, error: venueErrorValue(error) },
        'an untracked entry could not be looked up; asked again at the next cancel',
      );
    }
    return out;
  }

  /** Reconciles `symbol` unless done; concurrent first orders share one pass and its messages go out once. */
  private async ensureReconciled(symbol: Symbol, out: ExecutionFeedback[]): Promise<ErrorValue | null> {
    if (this.reconciled.has(symbol)) return null;
    const running = this.reconciling.get(symbol);
    if (running !== undefined) {
      const shared = await running;
      return shared.result.ok ? null : shared.result.error;
    }
    const started = this.reconcile([symbol]).finally(() => this.reconciling.delete(symbol));
    this.reconciling.set(symbol, started);
    const done = await started;
    out.push(...done.toStrategy);
    return done.result.ok ? null : done.result.error;
  }

  /** Lookups may have met the order's open record and fills before the stream did: strategy hears them now. */
  private takeSeen(placed: PlacedOrder, out: ExecutionFeedback[]): void {
    const start = out.length;
    for (const update of placed.seenOrders) push(out, this.tracker.applyOrder(update));
    for (const fill of placed.seenFills) push(out, this.tracker.applyFill(fill));
    this.observe(out.slice(start));
  }

  /** Every fill and position strategy hears also reaches the risk gate, once (the tracker already dropped repeats). */
  private observe(feedback: readonly ExecutionFeedback[]): readonly ExecutionFeedback[] {
    const risk = this.risk;
    if (risk === null) return feedback;
    for (const message of feedback) {
      const now = this.env.now();
      const halt =
        message.type === 'Fill' ? risk.onFill(message.fill, now) : message.type === 'PositionUpdate' ? risk.onPosition(message.position, now) : null;
      if (halt !== null) {
        this.env.logger.error({ reason: halt.reason, untilDay: halt.untilDay }, 'RISK LIMIT BREACHED: trading halted, flattening');
        this.onRiskHalt(halt);
      }
    }
    return feedback;
  }
}
