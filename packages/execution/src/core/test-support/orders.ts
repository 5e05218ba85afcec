// Test support (Jest thread): order requests and messages as strategy would send them.

import { toDecimalString, toSymbol, type OrderCommand, type OrderRequest, type Side } from '@scalper/protocol';

let sequence = 0;

/** A fresh orderLinkId per call, so tests sharing one venue never collide. */
export function linkId(prefix: string): string {
  sequence += 1;
  return `${prefix}-${Date.now().toString(36)}-${sequence}`;
}

export function marketOrder(symbol: string, side: Side, qty: string, orderLinkId = linkId('mkt'), extra: Partial<OrderRequest> = {}): OrderRequest {
  return {
    orderLinkId,
    symbol: toSymbol(symbol),
    side,
    orderType: 'Market',
    timeInForce: 'IOC',
    qty: toDecimalString(qty),
    reduceOnly: false,
    tsCreatedMs: Date.now(),
    ...extra,
  };
}

export function limitOrder(symbol: string, side: Side, qty: string, price: string, orderLinkId = linkId('lmt')): OrderRequest {
  return { ...marketOrder(symbol, side, qty, orderLinkId), orderType: 'Limit', timeInForce: 'GTC', price: toDecimalString(price) };
}

export function placeMessage(order: OrderRequest): OrderCommand {
  return { type: 'PlaceOrder', order };
}
