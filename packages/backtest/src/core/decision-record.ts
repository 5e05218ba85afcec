// A strategy action as a DecisionRecord (backtest thread): the comparable facts of a decision (what, which symbol,
// side, size, order type, prices, why) and what triggered it, in the shape the live strategy worker logs.

import type { StrategyAction } from '@scalper/strategy';
import type { DecisionRecord, DecisionTrigger } from './backtest-types.js';

export function decisionRecord(action: StrategyAction, tsMs: number, trigger: DecisionTrigger): DecisionRecord {
  switch (action.type) {
    case 'PlaceOrder': {
      const order = action.order;
      return {
        tsMs,
        action: 'PlaceOrder',
        symbol: order.symbol,
        orderLinkId: order.orderLinkId,
        side: order.side,
        qty: order.qty,
        orderType: order.orderType,
        timeInForce: order.timeInForce,
        price: order.price ?? null,
        stopLoss: order.stopLoss ?? null,
        reason: null,
        trigger,
      };
    }
    case 'ClosePosition':
      return { ...closing(tsMs, action.symbol, action.reason, trigger), action: 'ClosePosition', orderLinkId: action.orderLinkId };
    case 'CancelAll':
      return { ...closing(tsMs, action.symbol, action.reason, trigger), action: 'CancelAll', orderLinkId: null };
  }
}

function closing(tsMs: number, symbol: string, reason: string, trigger: DecisionTrigger) {
  return { tsMs, symbol, side: null, qty: null, orderType: null, timeInForce: null, price: null, stopLoss: null, reason, trigger } as const;
}
