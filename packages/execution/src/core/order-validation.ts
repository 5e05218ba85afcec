// Checks an order from strategy against the instrument's rules before anything is sent (execution thread): a
// refusal is a reason for an OrderDenied event; an accepted order comes back rounded the safe way, ready to send.

import Big from 'big.js';
import { checkOrder, roundOrderPrice, roundQtyDown, roundStopLossPrice, type InstrumentRules } from '@scalper/bybit';
import { isDecimalString, toDecimalString, type OrderRequest } from '@scalper/protocol';

/** Bybit's rule for orderLinkId: at most 36 letters, digits, dashes and underscores. */
const orderLinkIdPattern = /^[A-Za-z0-9_-]{1,36}$/;

export function isValidOrderLinkId(orderLinkId: string): boolean {
  return orderLinkIdPattern.test(orderLinkId);
}

export type ValidatedOrder =
  { readonly ok: true; readonly order: OrderRequest; readonly adjustments: readonly string[] } | { readonly ok: false; readonly reason: string };

function deny(reason: string): ValidatedOrder {
  return { ok: false, reason };
}

/**
 * Why an amount is not plain decimal text, or null when it is (or is absent). Orders arrive by structured clone from
 * strategy's thread, where DecimalString is a compile-time promise only: text Big throws on ("NaN", "") or reads
 * otherwise than plain ("1e5", ".5", a JSON number) must become a refusal, not an exception or a surprise size.
 */
function notPlainDecimal(field: string, value: unknown): string | null {
  if (value === undefined || isDecimalString(value)) return null;
  const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : `(a ${typeof value})`;
  return `${field} ${shown} is not a plain decimal string`;
}

/**
 * `referencePrice` values a Market order (best ask for a Buy, best bid for a Sell) when the host knows one. Without
 * it the notional floor and the stop's side of a Market order cannot be checked here and are left to the venue,
 * which refuses them with a 10001 that is never retried. Reduce-only orders skip the notional floor, as on Bybit,
 * so a small remainder can always be closed.
 */
export function validateOrder(order: OrderRequest, rules: InstrumentRules, referencePrice: Big | null): ValidatedOrder {
  if (!isValidOrderLinkId(order.orderLinkId)) {
    return deny(`orderLinkId ${JSON.stringify(order.orderLinkId)} is not 1-36 letters, digits, "-" or "_"`);
  }
  if (order.symbol !== rules.symbol) return deny(`rules for ${rules.symbol} do not apply to ${order.symbol}`);
  if (order.orderType === 'Limit' && order.price === undefined) return deny('a Limit order needs a price');
  if (order.orderType === 'Market' && order.price !== undefined) {
    return deny(`a Market order takes no price (got ${order.price}); send a Limit to cap the price`);
  }
  const badAmount = notPlainDecimal('qty', order.qty) ?? notPlainDecimal('price', order.price) ?? notPlainDecimal('stopLoss', order.stopLoss);
  if (badAmount !== null) return deny(badAmount);
  const qty = new Big(order.qty);
  const limitPrice = order.price === undefined ? null : new Big(order.price);
  // A Market order with no reference price (or a reduce-only one) is valued at a stand-in far above any real
  // price, so checkOrder's notional floor passes where it cannot or must not be applied.
  const valuation = limitPrice ?? (order.reduceOnly ? null : referencePrice) ?? new Big(rules.maxPrice);
  const checked = checkOrder(rules, { side: order.side, orderType: order.orderType, qty, price: valuation, timeInForce: order.timeInForce });
  let sendQty: string;
  let sendPrice: string | null;
  if (checked.ok) {
    sendQty = checked.value.qty;
    sendPrice = checked.value.price;
  } else if (checked.rule === 'minNotionalValue' && order.reduceOnly) {
    // minNotionalValue is checkOrder's last rule: every other rule passed, so rounding here gives what it would.
    sendQty = roundQtyDown(rules, qty, order.orderType, order.timeInForce).toFixed(rules.sizeDecimals);
    sendPrice = limitPrice === null ? null : roundOrderPrice(rules, limitPrice, order.side).toFixed(rules.priceDecimals);
  } else {
    return deny(checked.reason);
  }

  const adjustments: string[] = [];
  if (!new Big(sendQty).eq(qty)) adjustments.push(`qty ${order.qty} -> ${sendQty} (qtyStep ${rules.qtyStep})`);
  if (sendPrice !== null && limitPrice !== null && !new Big(sendPrice).eq(limitPrice)) {
    adjustments.push(`price ${order.price ?? ''} -> ${sendPrice} (tickSize ${rules.tickSize})`);
  }
  let stopLoss: string | undefined;
  if (order.stopLoss !== undefined) {
    const requested = new Big(order.stopLoss);
    if (!requested.gt(0)) return deny(`stopLoss ${order.stopLoss} is not above zero`);
    const rounded = roundStopLossPrice(rules, requested, order.side);
    if (rounded.lt(rules.minPrice) || rounded.gt(rules.maxPrice)) {
      return deny(`stopLoss ${rounded.toFixed()} is outside ${rules.minPrice}..${rules.maxPrice}`);
    }
    const base = sendPrice === null ? referencePrice : new Big(sendPrice);
    if (base !== null && (order.side === 'Buy' ? rounded.gte(base) : rounded.lte(base))) {
      const where = order.side === 'Buy' ? 'below' : 'above';
      return deny(`stopLoss ${rounded.toFixed()} of a ${order.side} must be ${where} ${base.toFixed()}`);
    }
    stopLoss = rounded.toFixed(rules.priceDecimals);
    if (!rounded.eq(requested)) adjustments.push(`stopLoss ${order.stopLoss} -> ${stopLoss} (tickSize ${rules.tickSize})`);
  }

  const prepared: OrderRequest = {
    orderLinkId: order.orderLinkId,
    symbol: order.symbol,
    side: order.side,
    orderType: order.orderType,
    timeInForce: order.timeInForce,
    qty: toDecimalString(sendQty),
    reduceOnly: order.reduceOnly,
    tsCreatedMs: order.tsCreatedMs,
    ...(sendPrice === null ? {} : { price: toDecimalString(sendPrice) }),
    ...(stopLoss === undefined ? {} : { stopLoss: toDecimalString(stopLoss) }),
  };
  return { ok: true, order: prepared, adjustments };
}
