// Sizes an order from a notional and checks an order against the instrument's rules before it is sent (execution
// thread). A refusal is a value naming the rule and the numbers, ready for an OrderDenied event; nothing throws.

import Big from 'big.js';
import type { DecimalString, OrderType, Side, TimeInForce } from '@scalper/protocol';
import { toDecimalString } from '@scalper/protocol';
import { isTradingStatus, type InstrumentRules } from './instrument-rules.js';
import { floorToStep, qtyCap, qtyCapRule, roundOrderPrice, type QtyCapRule } from './order-rounding.js';

export type OrderRule = 'status' | 'input' | 'qtyStep' | 'minOrderQty' | 'minNotionalValue' | 'minPrice' | 'maxPrice' | QtyCapRule;

export type OrderRuleResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly rule: OrderRule; readonly reason: string };

export interface CheckedOrder {
  readonly side: Side;
  readonly orderType: OrderType;
  /** Rounded down to qtyStep. */
  readonly qty: DecimalString;
  /** Limit price rounded in the safe direction for `side`; null for a Market order (Bybit takes none). */
  readonly price: DecimalString | null;
  /** qty x (limit price, or the reference price for a Market order), in the quote coin. */
  readonly notional: DecimalString;
}

function refuse<T>(rule: OrderRule, reason: string): OrderRuleResult<T> {
  return { ok: false, rule, reason };
}

/** Plain notation: Big's toString switches to exponents below 1e-7, which would read badly in a refusal. */
function plain(value: Big): string {
  return value.toFixed();
}

function statusRefusal<T>(rules: InstrumentRules): OrderRuleResult<T> | null {
  if (isTradingStatus(rules)) return null;
  return refuse('status', `${rules.symbol} is not open for orders: status ${rules.status}, not Trading`);
}

/**
 * Checks an order the strategy already sized. The quantity rounds down to qtyStep and a Limit price rounds in the
 * safe direction; a size above the cap is refused rather than cut, since the caller asked for that exact size.
 * For a Market order `price` is the reference (best ask for a Buy, best bid for a Sell) used for the notional.
 */
export function checkOrder(
  rules: InstrumentRules,
  order: { side: Side; orderType: OrderType; qty: Big; price: Big; timeInForce?: TimeInForce },
): OrderRuleResult<CheckedOrder> {
  const { side, orderType, qty, price } = order;
  const symbol = rules.symbol;
  const refusedStatus = statusRefusal<CheckedOrder>(rules);
  if (refusedStatus !== null) return refusedStatus;
  if (!qty.gt(0)) return refuse('input', `qty ${plain(qty)} ${symbol} is not above zero`);
  if (!price.gt(0)) return refuse('input', `price ${plain(price)} is not above zero`);

  if (qty.lt(rules.minOrderQty)) {
    return refuse('minOrderQty', `qty ${plain(qty)} ${symbol} is below minOrderQty ${rules.minOrderQty}`);
  }
  const capRule = qtyCapRule(rules, orderType, order.timeInForce);
  const cap = qtyCap(rules, capRule);
  if (qty.gt(cap)) {
    return refuse(capRule, `qty ${plain(qty)} ${symbol} is above ${capRule} ${rules[capRule] ?? rules.maxOrderQty}`);
  }
  const roundedQty = floorToStep(qty, new Big(rules.qtyStep));
  if (roundedQty.lte(0)) {
    return refuse('qtyStep', `qty ${plain(qty)} ${symbol} rounds to 0 at qtyStep ${rules.qtyStep}`);
  }
  if (roundedQty.lt(rules.minOrderQty)) {
    return refuse(
      'minOrderQty',
      `qty ${plain(qty)} ${symbol} rounds down to ${plain(roundedQty)} at qtyStep ${rules.qtyStep}, ` + `below minOrderQty ${rules.minOrderQty}`,
    );
  }

  let effectivePrice = price;
  let limitPrice: DecimalString | null = null;
  if (orderType === 'Limit') {
    if (price.gt(rules.maxPrice)) {
      return refuse('maxPrice', `price ${plain(price)} is above maxPrice ${rules.maxPrice}`);
    }
    if (price.lt(rules.minPrice)) {
      return refuse('minPrice', `price ${plain(price)} is below minPrice ${rules.minPrice}`);
    }
    effectivePrice = roundOrderPrice(rules, price, side);
    // Only reachable when the venue's min/max are off the tick grid; checked so the rounded price is what is sent.
    if (effectivePrice.gt(rules.maxPrice) || effectivePrice.lt(rules.minPrice)) {
      const rule = effectivePrice.gt(rules.maxPrice) ? 'maxPrice' : 'minPrice';
      return refuse(
        rule,
        `price ${plain(price)} rounds to ${plain(effectivePrice)} at tickSize ${rules.tickSize}, ` + `outside ${rule} ${rules[rule]}`,
      );
    }
    limitPrice = toDecimalString(effectivePrice.toFixed(rules.priceDecimals));
  }

  const notional = roundedQty.times(effectivePrice);
  if (notional.lt(rules.minNotionalValue)) {
    return refuse(
      'minNotionalValue',
      `notional ${plain(notional)} ${rules.quoteCoin} is below minNotionalValue ${rules.minNotionalValue} ` +
        `(qty ${plain(roundedQty)} ${symbol} at price ${plain(effectivePrice)})`,
    );
  }
  return {
    ok: true,
    value: {
      side,
      orderType,
      qty: toDecimalString(roundedQty.toFixed(rules.sizeDecimals)),
      price: limitPrice,
      notional: toDecimalString(plain(notional)),
    },
  };
}
