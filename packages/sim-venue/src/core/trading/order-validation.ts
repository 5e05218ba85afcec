// Checks an order request against its instrument's rules (venue thread), exactly, in Big: step, minimum and
// maximum quantity, tick and price band, minimum notional, and the side of the stop loss. Each failure is a 10001
// value whose message names the rule and both values, e.g. "Qty 0.0004 is below minOrderQty 0.001".

import Big from 'big.js';
import { isMultipleOf, plain } from './exact-decimal.js';
import { paramError } from './venue-errors.js';
import type { OrderRequest } from './order-request.js';
import type { VenueError } from './trading-types.js';

/** What a Market order is valued at: the last trade, or before the first trade the best level it would hit. */
export interface ReferencePrice {
  readonly price: Big;
  readonly source: 'last price' | 'best ask' | 'best bid';
}
import type { InstrumentSpec } from '../venue-types.js';

type QtyCapRule = 'maxOrderQty' | 'maxMktOrderQty' | 'postOnlyMaxOrderQty';

function qtyCapRule(request: OrderRequest): QtyCapRule {
  if (request.orderType === 'Market') return 'maxMktOrderQty';
  return request.timeInForce === 'PostOnly' ? 'postOnlyMaxOrderQty' : 'maxOrderQty';
}

function checkQty(request: OrderRequest, spec: InstrumentSpec): VenueError | null {
  const qty = request.qty;
  // The minimum first: "0.0004 is below 0.001" says more than "0.0004 is off the 0.001 grid".
  if (qty.lt(spec.minOrderQty)) return paramError(`Qty ${plain(qty)} is below minOrderQty ${spec.minOrderQty}`);
  if (!isMultipleOf(qty, new Big(spec.qtyStep))) {
    return paramError(`Qty ${plain(qty)} is not a multiple of qtyStep ${spec.qtyStep}`);
  }
  const capRule = qtyCapRule(request);
  const cap = spec[capRule];
  if (qty.gt(cap)) return paramError(`Qty ${plain(qty)} is above ${capRule} ${cap}`);
  return null;
}

/** Prices (limit or stop) sit on the tick grid inside [minPrice, maxPrice]. */
export function checkPrice(name: 'Price' | 'StopLoss', price: Big, spec: InstrumentSpec): VenueError | null {
  if (!isMultipleOf(price, new Big(spec.tickSize))) {
    return paramError(`${name} ${plain(price)} is not a multiple of tickSize ${spec.tickSize}`);
  }
  if (price.lt(spec.minPrice)) return paramError(`${name} ${plain(price)} is below minPrice ${spec.minPrice}`);
  if (price.gt(spec.maxPrice)) return paramError(`${name} ${plain(price)} is above maxPrice ${spec.maxPrice}`);
  return null;
}

/**
 * A long's stop sits below the price it is measured from, a short's above: for a Limit order that is its price,
 * for a Market order the reference (best opposite level or last price).
 */
export function checkStopLossSide(side: 'Buy' | 'Sell', stopLoss: Big, basePrice: Big): VenueError | null {
  if (side === 'Buy' && stopLoss.gte(basePrice)) {
    return paramError(`StopLoss ${plain(stopLoss)} for a Buy must be below the base price ${plain(basePrice)}`);
  }
  if (side === 'Sell' && stopLoss.lte(basePrice)) {
    return paramError(`StopLoss ${plain(stopLoss)} for a Sell must be above the base price ${plain(basePrice)}`);
  }
  return null;
}

/**
 * Every instrument rule, in the order Bybit reports them. `reference` values a Market order (null when the
 * symbol has neither a book side to hit nor a last trade: the notional and stop side are then not checkable, and
 * the order will find nothing to fill). Reduce-only orders are exempt from the minimum notional, so a small
 * remainder can always be closed.
 */
export function checkOrderRules(request: OrderRequest, spec: InstrumentSpec, reference: ReferencePrice | null): VenueError | null {
  if (request.symbol !== spec.symbol) {
    return paramError(`symbol ${request.symbol} is not traded here (this book is ${spec.symbol})`);
  }
  const qtyError = checkQty(request, spec);
  if (qtyError !== null) return qtyError;
  if (request.price !== null) {
    const priceError = checkPrice('Price', request.price, spec);
    if (priceError !== null) return priceError;
  }
  const valuationPrice = request.price ?? reference?.price ?? null;
  if (valuationPrice !== null && !request.reduceOnly) {
    const notional = request.qty.times(valuationPrice);
    if (notional.lt(spec.minNotionalValue)) {
      const priceName = request.price !== null ? 'price' : (reference?.source ?? 'price');
      return paramError(
        `Order notional ${plain(notional)} (qty ${plain(request.qty)} × ${priceName} ${plain(valuationPrice)}) ` +
          `is below minNotionalValue ${spec.minNotionalValue}`,
      );
    }
  }
  if (request.stopLoss !== null) {
    const stopError = checkPrice('StopLoss', request.stopLoss, spec);
    if (stopError !== null) return stopError;
    if (valuationPrice !== null) return checkStopLossSide(request.side, request.stopLoss, valuationPrice);
  }
  return null;
}
