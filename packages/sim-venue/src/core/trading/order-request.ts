// Parses the untrusted JSON body of POST /v5/order/create (venue thread) into an OrderRequest, or a 10001 value
// naming the field. Only the linear one-way subset the venue simulates is accepted; the rest is refused, not ignored.

import Big from 'big.js';
import { isDecimalText } from './exact-decimal.js';
import { failed, paramError, succeeded } from './venue-errors.js';
import type { OrderType, Side, TimeInForce, VenueResult } from './trading-types.js';

export interface OrderRequest {
  readonly symbol: string;
  readonly side: Side;
  readonly orderType: OrderType;
  readonly qty: Big;
  /** Limit orders only; a Market order's price is ignored, as Bybit ignores it. */
  readonly price: Big | null;
  readonly timeInForce: TimeInForce;
  /** '' when absent. */
  readonly orderLinkId: string;
  readonly reduceOnly: boolean;
  readonly closeOnTrigger: boolean;
  /** Applies to the whole position once the order fills (tpslMode Full). */
  readonly stopLoss: Big | null;
}

export type JsonObject = Readonly<Record<string, unknown>>;

const kOrderLinkId = /^[A-Za-z0-9_-]{1,36}$/;
const kSymbol = /^[A-Z0-9]{2,30}$/;
const kTimesInForce: readonly TimeInForce[] = ['GTC', 'IOC', 'FOK', 'PostOnly'];

export function asJsonObject(body: unknown): JsonObject | null {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as JsonObject) : null;
}

function show(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

/** category and symbol, shared by every linear request. */
export function readLinearSymbol(body: JsonObject): VenueResult<string> {
  if (body['category'] !== 'linear') {
    return failed(paramError(`category must be "linear" (USDT perpetuals), got ${show(body['category'])}`));
  }
  const symbol = body['symbol'];
  if (typeof symbol !== 'string' || !kSymbol.test(symbol)) {
    return failed(paramError(`symbol must be an upper-case symbol such as "BTCUSDT", got ${show(symbol)}`));
  }
  return succeeded(symbol);
}

/** A price field where "", "0" and absence all mean "not set", as on Bybit. */
export function readOptionalPrice(body: JsonObject, field: string): VenueResult<Big | null> {
  const value = body[field];
  if (value === undefined || value === '') return succeeded(null);
  if (!isDecimalText(value)) return failed(paramError(`${field} must be a decimal string, got ${show(value)}`));
  const price = new Big(value);
  return succeeded(price.eq(0) ? null : price);
}

function readBoolean(body: JsonObject, field: string): VenueResult<boolean> {
  const value = body[field];
  if (value === undefined) return succeeded(false);
  if (typeof value !== 'boolean') return failed(paramError(`${field} must be true or false, got ${show(value)}`));
  return succeeded(value);
}

/** positionIdx 0 only: the venue runs every account in one-way mode. */
export function checkOneWayPositionIdx(body: JsonObject): VenueResult<0> {
  const value = body['positionIdx'];
  if (value === undefined || value === 0 || value === '0') return succeeded(0);
  return failed(paramError(`positionIdx ${show(value)} does not match the position mode: accounts are one-way (positionIdx 0)`));
}

function readTimeInForce(body: JsonObject, orderType: OrderType): VenueResult<TimeInForce> {
  const value = body['timeInForce'];
  if (value === undefined) return succeeded(orderType === 'Market' ? 'IOC' : 'GTC');
  if (typeof value !== 'string' || !(kTimesInForce as readonly string[]).includes(value)) {
    return failed(paramError(`timeInForce must be one of ${kTimesInForce.join(', ')}, got ${show(value)}`));
  }
  const timeInForce = value as TimeInForce;
  if (orderType === 'Market') {
    if (timeInForce === 'PostOnly') return failed(paramError('a Market order cannot be PostOnly'));
    // Bybit runs a market order as IOC whatever GTC says; FOK keeps its all-or-nothing meaning.
    return succeeded(timeInForce === 'FOK' ? 'FOK' : 'IOC');
  }
  return succeeded(timeInForce);
}

function refuseUnsupported(body: JsonObject): VenueResult<true> {
  for (const field of ['takeProfit', 'triggerPrice'] as const) {
    const value = body[field];
    if (value !== undefined && value !== '' && value !== '0') {
      return failed(paramError(`${field} is not supported by the sim venue (only stopLoss with tpslMode Full)`));
    }
  }
  const tpslMode = body['tpslMode'];
  if (tpslMode !== undefined && tpslMode !== 'Full') {
    return failed(paramError(`tpslMode ${show(tpslMode)} is not supported by the sim venue: use "Full"`));
  }
  const isLeverage = body['isLeverage'];
  if (isLeverage !== undefined && isLeverage !== 0) return failed(paramError('isLeverage applies to spot only'));
  return succeeded(true);
}

export function parseOrderRequest(raw: unknown): VenueResult<OrderRequest> {
  const body = asJsonObject(raw);
  if (body === null) return failed(paramError('the request body must be a JSON object'));
  const symbol = readLinearSymbol(body);
  if (!symbol.ok) return symbol;
  const side = body['side'];
  if (side !== 'Buy' && side !== 'Sell') return failed(paramError(`side must be "Buy" or "Sell", got ${show(side)}`));
  const orderType = body['orderType'];
  if (orderType !== 'Market' && orderType !== 'Limit') {
    return failed(paramError(`orderType must be "Market" or "Limit", got ${show(orderType)}`));
  }
  const qtyText = body['qty'];
  if (!isDecimalText(qtyText) || new Big(qtyText).lte(0)) {
    return failed(paramError(`qty must be a positive decimal string, got ${show(qtyText)}`));
  }
  let price: Big | null = null;
  if (orderType === 'Limit') {
    const priceText = body['price'];
    if (!isDecimalText(priceText) || new Big(priceText).lte(0)) {
      return failed(paramError(`price must be a positive decimal string for a Limit order, got ${show(priceText)}`));
    }
    price = new Big(priceText);
  }
  const timeInForce = readTimeInForce(body, orderType);
  if (!timeInForce.ok) return timeInForce;
  const positionIdx = checkOneWayPositionIdx(body);
  if (!positionIdx.ok) return positionIdx;
  const orderLinkId = body['orderLinkId'] ?? '';
  if (typeof orderLinkId !== 'string' || (orderLinkId !== '' && !kOrderLinkId.test(orderLinkId))) {
    return failed(paramError(`orderLinkId must be at most 36 letters, digits, "-" or "_", got ${show(orderLinkId)}`));
  }
  const reduceOnly = readBoolean(body, 'reduceOnly');
  if (!reduceOnly.ok) return reduceOnly;
  const closeOnTrigger = readBoolean(body, 'closeOnTrigger');
  if (!closeOnTrigger.ok) return closeOnTrigger;
  const unsupported = refuseUnsupported(body);
  if (!unsupported.ok) return unsupported;
  const stopLoss = readOptionalPrice(body, 'stopLoss');
  if (!stopLoss.ok) return stopLoss;
  if (reduceOnly.value && stopLoss.value !== null) {
    return failed(paramError('a reduce-only order cannot set a stopLoss'));
  }
  return succeeded({
    symbol: symbol.value,
    side,
    orderType,
    qty: new Big(qtyText),
    price,
    timeInForce: timeInForce.value,
    orderLinkId,
    reduceOnly: reduceOnly.value,
    closeOnTrigger: closeOnTrigger.value,
    stopLoss: stopLoss.value,
  });
}
