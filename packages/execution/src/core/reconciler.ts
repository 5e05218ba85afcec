// Reconciliation from REST (execution thread), on start and after the private stream reconnects: the venue's open
// orders and positions replace what the tracker believes, and orders we thought open that the venue no longer
// lists are settled from their fills, so strategy never waits on an order that ended while we were not listening.

import Big from 'big.js';
import type { BybitRestClient } from '@scalper/bybit';
import type { OrderUpdate, Position, Result, Symbol } from '@scalper/protocol';
import type { ExecutionCounters } from './execution-counters.js';
import type { ExecutionEnvironment } from './execution-environment.js';
import { pushMessage as push, type ExecutionFeedback } from './execution-feedback.js';
import { orderKey, type OrderTracker } from './order-tracker.js';
import { venueErrorValue } from './retry-schedule.js';
import type { RetryingReads } from './retrying-reads.js';

export interface ReconcileReport {
  readonly symbols: readonly Symbol[];
  /** Open orders as the venue lists them. */
  readonly openOrders: readonly OrderUpdate[];
  /** Each symbol's position as the venue reports it, flat ones included. */
  readonly positions: readonly Position[];
  /** Orders we believed open that the venue no longer lists, with the end state their fills imply. */
  readonly settled: readonly OrderUpdate[];
  /** Venue items the parsers refused. */
  readonly refused: readonly string[];
}

/** The messages come back even when the result is a failure: the tracker has already taken in what they say. */
export interface Reconciled {
  readonly result: Result<ReconcileReport>;
  readonly toStrategy: readonly ExecutionFeedback[];
}

export class Reconciler {
  constructor(
    private readonly client: BybitRestClient,
    private readonly reads: RetryingReads,
    private readonly tracker: OrderTracker,
    private readonly env: ExecutionEnvironment,
    private readonly counters: ExecutionCounters,
    /** How far before an order's last update its fills are searched for, covering clock offset. */
    private readonly lookupLeadMs: number,
  ) {}

  async reconcile(symbols: readonly Symbol[]): Promise<Reconciled> {
    this.counters.add('reconciliations');
    const toStrategy: ExecutionFeedback[] = [];
    const report = { symbols, openOrders: [] as OrderUpdate[], positions: [] as Position[], settled: [] as OrderUpdate[], refused: [] as string[] };
    try {
      for (const symbol of symbols) await this.reconcileSymbol(symbol, report, toStrategy);
    } catch (error) {
      const value = venueErrorValue(error);
      this.env.logger.error({ symbols, error: value }, 'reconciliation failed');
      return { result: { ok: false, error: { code: value.code, message: `reconciliation failed: ${value.message}` } }, toStrategy };
    }
    const positions = report.positions.filter((p) => p.side !== 'None').map((p) => `${p.symbol} ${p.side} ${p.size}`);
    // The periodic safety net runs every few seconds: a pass that told strategy nothing new is routine (debug); one
    // that found or settled something (an order, a fill, a changed or first-seen position) is news (info).
    const level = toStrategy.length > 0 ? 'info' : 'debug';
    this.env.logger[level](
      { symbols, openOrders: report.openOrders.length, positions, settled: report.settled.length, changes: toStrategy.length },
      'reconciled with the venue',
    );
    return { result: { ok: true, value: report }, toStrategy };
  }

  private async reconcileSymbol(
    symbol: Symbol,
    report: { openOrders: OrderUpdate[]; positions: Position[]; settled: OrderUpdate[]; refused: string[] },
    toStrategy: ExecutionFeedback[],
  ): Promise<void> {
    const startedAtMs = this.env.now();
    const open = await this.reads.call('open orders', () => this.client.openOrders(symbol));
    report.refused.push(...open.refused);
    for (const order of open.items) {
      report.openOrders.push(order);
      push(toStrategy, this.tracker.applyOrder(order));
    }

    const listed = new Set(open.items.map(orderKey));
    const missing = this.tracker.openOrdersSeenBefore(symbol, startedAtMs).filter((order) => !listed.has(orderKey(order)));
    if (missing.length > 0) await this.settleMissing(symbol, missing, report, toStrategy);

    // Positions last: a fill read above (a close that landed mid-pass) is already in the position read here, so
    // strategy is never told of a position that the fills it was just given have ended.
    const positions = await this.reads.call('positions', () => this.client.positions(symbol));
    report.refused.push(...positions.refused);
    for (const position of positions.items) {
      const { positionIdx: _idx, leverage: _leverage, ...plain } = position;
      report.positions.push(plain);
      push(toStrategy, this.tracker.applyPosition(plain));
    }
  }

  /** Orders we believed open that the venue no longer lists: their fills are read and each is settled from them. */
  private async settleMissing(
    symbol: Symbol,
    missing: readonly OrderUpdate[],
    report: { settled: OrderUpdate[]; refused: string[] },
    toStrategy: ExecutionFeedback[],
  ): Promise<void> {
    const sinceMs = Math.min(...missing.map((order) => order.tsEventMs)) - this.lookupLeadMs;
    const executions = await this.reads.call('executions', () => this.client.executions(symbol, Math.max(0, sinceMs)));
    report.refused.push(...executions.refused);
    for (const fill of executions.items) push(toStrategy, this.tracker.applyFill(fill));
    for (const order of missing) {
      let filled = new Big(order.cumExecQty);
      const fromFills = executions.items
        .filter(
          (fill) =>
            (order.orderId !== null && fill.orderId === order.orderId) || (order.orderLinkId !== '' && fill.orderLinkId === order.orderLinkId),
        )
        .reduce((sum, fill) => sum.plus(fill.qty), new Big(0));
      if (fromFills.gt(filled)) filled = fromFills;
      const status = filled.gte(order.qty) ? 'Filled' : 'Cancelled';
      const message = this.tracker.settleLocally(orderKey(order), status, 'no longer open at the venue (found by reconciliation)', filled.toFixed());
      if (message !== null && message.type === 'OrderUpdate') report.settled.push(message.update);
      push(toStrategy, message);
    }
  }
}
