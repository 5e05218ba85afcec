// The bodies of an order create and cancel as Bybit takes them (execution thread): one builder for both ways of
// sending, the signed REST POST and the WebSocket trade API's `args`, so the two can never send different orders.

import type { OrderRequest, Symbol } from '@scalper/protocol';
import { BybitTransportError } from '../errors/bybit-errors.js';

export interface OrderAck {
  readonly orderId: string;
  readonly orderLinkId: string;
}

/** One-way mode (positionIdx 0) always; the orderLinkId makes a resent create land at most once. */
export function createOrderBody(order: OrderRequest): Record<string, unknown> {
  const body: Record<string, unknown> = {
    category: 'linear',
    symbol: order.symbol,
    side: order.side,
    orderType: order.orderType,
    qty: order.qty,
    timeInForce: order.timeInForce,
    positionIdx: 0,
    orderLinkId: order.orderLinkId,
    reduceOnly: order.reduceOnly,
  };
  if (order.price !== undefined) body['price'] = order.price;
  if (order.stopLoss !== undefined) {
    body['stopLoss'] = order.stopLoss;
    // Full: the stop closes the whole position, whatever partial fills the entry had.
    body['tpslMode'] = 'Full';
  }
  return body;
}

export function cancelOrderBody(symbol: Symbol, id: { orderId: string } | { orderLinkId: string }): Record<string, unknown> {
  return { category: 'linear', symbol, ...id };
}

/** The {orderId, orderLinkId} of a create or cancel answer (REST `result`, WebSocket `data`). */
export function orderAckOf(endpoint: string, result: unknown): OrderAck {
  // cancel-all hands over its list items unchecked: one may be null or not an object at all.
  const { orderId, orderLinkId } = (typeof result === 'object' && result !== null ? result : {}) as { orderId?: unknown; orderLinkId?: unknown };
  if (typeof orderId !== 'string' || typeof orderLinkId !== 'string') {
    throw new BybitTransportError('bad-response', endpoint, 'answer has no orderId/orderLinkId');
  }
  return { orderId, orderLinkId };
}

/** One trade API request as it goes on the socket: `body` in `args`, the timestamp and recvWindow as header fields. */
export function tradeRequestText(reqId: string, op: string, body: Record<string, unknown>, timestampMs: number, recvWindowMs: number): string {
  return JSON.stringify({
    reqId,
    header: { 'X-BAPI-TIMESTAMP': String(Math.round(timestampMs)), 'X-BAPI-RECV-WINDOW': String(recvWindowMs) },
    op,
    args: [body],
  });
}
