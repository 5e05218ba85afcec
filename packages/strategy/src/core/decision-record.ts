// A strategy decision as the trade journal keeps it (strategy thread, per decision, never per tick): the action,
// the trigger, and the state it was taken in (VWAP window, momentum against it, the book's top and spread, and
// the routing the order got).

import type { JournalDecision } from '@scalper/protocol';
import type { BookState } from './book-state.js';
import type { DecisionTrigger } from './decision-trigger.js';
import { windowMomentum } from './momentum.js';
import type { StrategyAction } from './strategy-core.js';
import type { TickWindow } from './tick-window.js';

/** What the decision saw; built once per decision from the core's own state. */
export interface DecisionContext {
  readonly windowCount: number;
  readonly vwap: number;
  /** The entry signal, (last − VWAP) / VWAP over a full window (0.002 is 0.2 %); NaN until the window is full. */
  readonly momentum: number;
  readonly bid: string | null;
  readonly ask: string | null;
  readonly bidSize: string | null;
  readonly askSize: string | null;
  readonly spreadBps: number;
}

export function decisionContext(window: TickWindow, book: BookState): DecisionContext {
  const top = book.top;
  return {
    windowCount: window.count,
    vwap: window.vwap(),
    momentum: windowMomentum(window),
    bid: top?.bidPrice ?? null,
    ask: top?.askPrice ?? null,
    bidSize: top?.bidSize ?? null,
    askSize: top?.askSize ?? null,
    spreadBps: book.spreadBps,
  };
}

/** Finite numbers as they are, the rest as null: JSON has no NaN. */
function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

export function decisionRecord(action: StrategyAction, tsMs: number, trigger: DecisionTrigger, context: DecisionContext): JournalDecision {
  const order = action.type === 'PlaceOrder' ? action.order : null;
  const detail = {
    trigger,
    windowCount: context.windowCount,
    vwap: finite(context.vwap),
    momentum: finite(context.momentum),
    book: { bid: context.bid, ask: context.ask, bidSize: context.bidSize, askSize: context.askSize, spreadBps: finite(context.spreadBps) },
    ...(order === null ? {} : { routing: `${order.orderType} ${order.timeInForce}`, price: order.price ?? null, stopLoss: order.stopLoss ?? null }),
  };
  return {
    type: 'Decision',
    tsMs,
    symbol: order?.symbol ?? (action.type === 'PlaceOrder' ? '' : action.symbol),
    action: action.type,
    orderLinkId: order?.orderLinkId ?? (action.type === 'PlaceOrder' ? null : (action.orderLinkId ?? null)),
    side: order?.side ?? null,
    qty: order?.qty ?? null,
    orderType: order?.orderType ?? null,
    timeInForce: order?.timeInForce ?? null,
    reason: action.type === 'PlaceOrder' ? null : action.reason,
    detailJson: JSON.stringify(detail),
  };
}
