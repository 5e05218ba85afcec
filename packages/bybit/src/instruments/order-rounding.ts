// Rounds order quantities and prices onto the instrument's qtyStep and tickSize with big.js (execution thread).
// Every rounding goes in the safe direction: never more size, never a worse price, never a wider stop than asked.

import Big from 'big.js';
import { ceilToStep, floorToStep, type OrderType, type Side, type TimeInForce } from '@scalper/protocol';

export { ceilToStep, floorToStep };
import type { InstrumentRules } from './instrument-rules.js';

/** Which lotSizeFilter field caps an order of this type: Bybit keeps separate limits for market and PostOnly. */
export type QtyCapRule = 'maxMktOrderQty' | 'maxOrderQty' | 'postOnlyMaxOrderQty';

export function qtyCapRule(rules: InstrumentRules, orderType: OrderType, timeInForce?: TimeInForce): QtyCapRule {
  if (orderType === 'Market') return 'maxMktOrderQty';
  if (timeInForce === 'PostOnly' && rules.postOnlyMaxOrderQty !== null) return 'postOnlyMaxOrderQty';
  return 'maxOrderQty';
}

export function qtyCap(rules: InstrumentRules, rule: QtyCapRule): Big {
  return new Big(rules[rule] ?? rules.maxOrderQty);
}

/**
 * Rounds a quantity down to qtyStep, then caps it at maxMktOrderQty (Market) or maxOrderQty (Limit; the PostOnly
 * cap when `timeInForce` says PostOnly). Down, because a larger size than the risk budget asked for is never safe.
 */
export function roundQtyDown(rules: InstrumentRules, qty: Big, orderType: OrderType, timeInForce?: TimeInForce): Big {
  const step = new Big(rules.qtyStep);
  const floored = floorToStep(qty, step);
  const cap = qtyCap(rules, qtyCapRule(rules, orderType, timeInForce));
  return floored.gt(cap) ? floorToStep(cap, step) : floored;
}

/** Limit price onto tickSize: a Buy rounds down and a Sell rounds up, so we never pay more or sell for less. */
export function roundOrderPrice(rules: InstrumentRules, price: Big, side: Side): Big {
  const tick = new Big(rules.tickSize);
  return side === 'Buy' ? floorToStep(price, tick) : ceilToStep(price, tick);
}

/**
 * Stop-loss trigger onto tickSize for a position on `positionSide`: a long's stop (below entry) rounds up and a
 * short's stop (above entry) rounds down, so the stop never ends further from entry, and the loss never larger.
 */
export function roundStopLossPrice(rules: InstrumentRules, price: Big, positionSide: Side): Big {
  const tick = new Big(rules.tickSize);
  return positionSide === 'Buy' ? ceilToStep(price, tick) : floorToStep(price, tick);
}
