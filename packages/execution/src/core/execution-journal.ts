// What execution tells the trade journal (execution thread): every order as sent, each status change and refusal
// with its retCode, each fill (its execId makes a repeat harmless), each round trip, and the risk events. Built
// here from what the service already handles, so the service only says when; the sink posts to the journal port.

import { toDecimalString, type JournalSink, type OrderRequest, type Fill } from '@scalper/protocol';
import type { HandleOutcome } from './execution-core.js';
import type { ExecutionFeedback } from './execution-feedback.js';
import type { RoundTrip } from './trade-records.js';

export class ExecutionJournal {
  constructor(
    private readonly sink: JournalSink,
    private readonly now: () => number,
  ) {}

  /** An order about to be sent (an entry as strategy asked, a close as the closer sized it). */
  requested(order: OrderRequest): void {
    this.sink({
      type: 'OrderRequested',
      tsMs: this.now(),
      orderLinkId: order.orderLinkId,
      symbol: order.symbol,
      side: order.side,
      orderType: order.orderType,
      timeInForce: order.timeInForce,
      qty: order.qty,
      price: order.price ?? null,
      reduceOnly: order.reduceOnly,
    });
  }

  /**
   * What a handled message led to: the orders a close or flatten sent, and a failure with its retCode (an entry's
   * request was journaled before it went; a risk refusal's status comes with its OrderDenied, and the refusal
   * itself is a risk event).
   */
  outcome(orderLinkId: string | null, outcome: HandleOutcome): void {
    if (outcome.type === 'ClosePosition' && outcome.result.ok) for (const placed of outcome.result.value.placed) this.requested(placed.order);
    if (outcome.result.ok) return;
    const error = outcome.result.error;
    if (error.code === 'RISK_DENIED') this.denied(error.message);
    else if (orderLinkId !== null) this.failed(orderLinkId, error);
  }

  /** A call that ended in an error value: the venue's retCode when it refused. */
  failed(orderLinkId: string, error: { readonly code: string; readonly message: string; readonly retCode?: number }): void {
    this.sink({
      type: 'OrderStatus',
      tsMs: this.now(),
      orderLinkId,
      orderId: null,
      status: 'Failed',
      retCode: error.retCode ?? null,
      message: error.message,
    });
  }

  /** A message execution forwards to strategy, and the round trip it closed, if any. */
  feedback(message: ExecutionFeedback, trip: RoundTrip | null): void {
    switch (message.type) {
      case 'Fill':
        this.fill(message.fill);
        break;
      case 'OrderUpdate': {
        const { update } = message;
        this.sink({
          type: 'OrderStatus',
          tsMs: update.tsEventMs,
          orderLinkId: update.orderLinkId,
          orderId: update.orderId,
          status: update.status,
          retCode: null,
          message: update.rejectReason,
        });
        break;
      }
      case 'OrderDenied':
        this.sink({
          type: 'OrderStatus',
          tsMs: message.tsEventMs,
          orderLinkId: message.orderLinkId,
          orderId: null,
          status: 'Denied',
          retCode: null,
          message: message.reason,
        });
        break;
      case 'PositionUpdate':
        break;
    }
    if (trip !== null) this.roundTrip(trip);
  }

  fill(fill: Fill): void {
    this.sink({
      type: 'Fill',
      tsMs: fill.tsEventMs,
      execId: fill.execId,
      orderId: fill.orderId,
      orderLinkId: fill.orderLinkId,
      symbol: fill.symbol,
      side: fill.side,
      price: fill.price,
      qty: fill.qty,
      fee: fill.fee,
      isMaker: fill.isMaker,
    });
  }

  /** A risk limit refused an entry. */
  denied(reason: string): void {
    this.sink({ type: 'RiskEvent', tsMs: this.now(), kind: 'denied', reason, untilMs: null });
  }

  /** Trading halted by a risk limit (the kill switch is journaled by the main thread, which pulls it). */
  halted(reason: string, untilMs: number | null): void {
    this.sink({ type: 'RiskEvent', tsMs: this.now(), kind: 'halted', reason, untilMs });
  }

  private roundTrip(trip: RoundTrip): void {
    this.sink({
      type: 'RoundTrip',
      symbol: trip.symbol,
      side: trip.side,
      qty: toDecimalString(trip.qty),
      entryPrice: toDecimalString(trip.entryPrice),
      exitPrice: toDecimalString(trip.exitPrice),
      openedAtMs: trip.entryTsMs,
      closedAtMs: trip.exitTsMs,
      exitReason: trip.exitReason,
      grossPnl: toDecimalString(trip.grossPnl),
      fees: toDecimalString(trip.fees),
      netPnl: toDecimalString(trip.netPnl),
    });
  }
}
