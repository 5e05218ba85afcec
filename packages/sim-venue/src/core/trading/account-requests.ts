// Parses the untrusted bodies of the venue's other private POSTs (venue thread): cancel, cancel-all, set-leverage
// and trading-stop. Like order-request.ts, a bad field is a 10001 value that names it.

import Big from 'big.js';
import { isDecimalText, isMultipleOf } from './exact-decimal.js';
import { asJsonObject, checkOneWayPositionIdx, readLinearSymbol, readOptionalPrice } from './order-request.js';
import { failed, paramError, succeeded } from './venue-errors.js';
import type { VenueResult } from './trading-types.js';

export interface CancelRequest {
  readonly symbol: string;
  readonly orderId: string | null;
  readonly orderLinkId: string | null;
}

/**
 * What a linear cancel-all removes (Bybit's docs, /v5/order/cancel-all): `Order` the active orders, `StopOrder` the
 * conditional ones, and without orderFilter "all kinds of orders", the position's TP/SL included.
 */
export type CancelAllFilter = 'Order' | 'StopOrder' | 'all';

export interface CancelAllRequest {
  /** null: every symbol of the settle coin (or of baseCoin when given). */
  readonly symbol: string | null;
  readonly baseCoin: string | null;
  readonly orderFilter: CancelAllFilter;
}

export interface LeverageRequest {
  readonly symbol: string;
  readonly leverage: Big;
}

export interface TradingStopRequest {
  readonly symbol: string;
  /** null removes the stop ("0" on Bybit). */
  readonly stopLoss: Big | null;
}

const kLeverageStep = new Big('0.01');
const kMinLeverage = new Big(1);

function optionalId(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

export function parseCancelRequest(raw: unknown): VenueResult<CancelRequest> {
  const body = asJsonObject(raw);
  if (body === null) return failed(paramError('the request body must be a JSON object'));
  const symbol = readLinearSymbol(body);
  if (!symbol.ok) return symbol;
  const orderId = optionalId(body['orderId']);
  const orderLinkId = optionalId(body['orderLinkId']);
  if (orderId === null && orderLinkId === null) return failed(paramError('orderId or orderLinkId is required'));
  return succeeded({ symbol: symbol.value, orderId, orderLinkId });
}

function parseCancelAllFilter(value: unknown): VenueResult<CancelAllFilter> {
  if (value === undefined || value === null || value === '') return succeeded('all');
  if (value === 'Order' || value === 'StopOrder') return succeeded(value);
  return failed(paramError(`orderFilter must be "Order" or "StopOrder" for linear, got ${JSON.stringify(value)}`));
}

export function parseCancelAllRequest(raw: unknown): VenueResult<CancelAllRequest> {
  const body = asJsonObject(raw);
  if (body === null) return failed(paramError('the request body must be a JSON object'));
  const orderFilter = parseCancelAllFilter(body['orderFilter']);
  if (!orderFilter.ok) return orderFilter;
  if (body['symbol'] === undefined || body['symbol'] === null || body['symbol'] === '') {
    if (body['category'] !== 'linear') {
      return failed(paramError(`category must be "linear", got ${JSON.stringify(body['category'])}`));
    }
    const baseCoin = optionalId(body['baseCoin']);
    if (body['settleCoin'] !== 'USDT' && baseCoin === null) {
      return failed(paramError('symbol, baseCoin or settleCoin "USDT" is required to cancel all'));
    }
    return succeeded({ symbol: null, baseCoin, orderFilter: orderFilter.value });
  }
  const symbol = readLinearSymbol(body);
  return symbol.ok ? succeeded({ symbol: symbol.value, baseCoin: null, orderFilter: orderFilter.value }) : symbol;
}

/** One-way mode has one leverage per symbol, so buyLeverage and sellLeverage must agree, as Bybit requires. */
export function parseLeverageRequest(raw: unknown, maxLeverage: Big): VenueResult<LeverageRequest> {
  const body = asJsonObject(raw);
  if (body === null) return failed(paramError('the request body must be a JSON object'));
  const symbol = readLinearSymbol(body);
  if (!symbol.ok) return symbol;
  const buy = body['buyLeverage'];
  const sell = body['sellLeverage'];
  if (!isDecimalText(buy) || !isDecimalText(sell)) {
    return failed(paramError('buyLeverage and sellLeverage must be decimal strings'));
  }
  const leverage = new Big(buy);
  if (!leverage.eq(sell)) {
    return failed(paramError(`buyLeverage ${buy} must equal sellLeverage ${sell} in one-way mode`));
  }
  if (leverage.lt(kMinLeverage) || leverage.gt(maxLeverage)) {
    return failed(paramError(`leverage ${buy} is outside [${kMinLeverage.toFixed()}, ${maxLeverage.toFixed()}]`));
  }
  if (!isMultipleOf(leverage, kLeverageStep)) {
    return failed(paramError(`leverage ${buy} is not a multiple of leverageStep ${kLeverageStep.toFixed()}`));
  }
  return succeeded({ symbol: symbol.value, leverage });
}

export function parseTradingStopRequest(raw: unknown): VenueResult<TradingStopRequest> {
  const body = asJsonObject(raw);
  if (body === null) return failed(paramError('the request body must be a JSON object'));
  const symbol = readLinearSymbol(body);
  if (!symbol.ok) return symbol;
  const positionIdx = checkOneWayPositionIdx(body);
  if (!positionIdx.ok) return positionIdx;
  if (body['tpslMode'] !== undefined && body['tpslMode'] !== 'Full') {
    return failed(paramError(`tpslMode ${JSON.stringify(body['tpslMode'])} is not supported by the sim venue: use "Full"`));
  }
  if (body['stopLoss'] === undefined) return failed(paramError('stopLoss is required (the sim venue sets stop losses only)'));
  const stopLoss = readOptionalPrice(body, 'stopLoss');
  return stopLoss.ok ? succeeded({ symbol: symbol.value, stopLoss: stopLoss.value }) : stopLoss;
}
