// Finds one of our orders at the venue by its orderLinkId (execution thread), to learn whether a create whose
// answer was lost landed. The client has no query by orderLinkId, so it reads the symbol's open orders, then the
// fills since the first attempt: an order that is neither open nor filled did not land, or died unfilled.

import type { BybitRestClient } from '@scalper/bybit';
import type { Fill, OrderUpdate, Symbol } from '@scalper/protocol';

export type OrderLookup =
  | {
      readonly found: true;
      readonly orderId: string | null;
      /** The open order as the venue lists it; null when only its fills were found. */
      readonly order: OrderUpdate | null;
      readonly fills: readonly Fill[];
    }
  | { readonly found: false };

/**
 * One pass, no retries: a failure is thrown for the caller's schedule to handle. `sinceMs` bounds the fill query
 * (epoch ms, the venue's clock); an order cancelled without a fill (an IOC that found no liquidity) reads as not
 * found, which is why a resend after this can still meet 110072 and must treat it as "landed".
 */
export async function lookUpOrder(client: BybitRestClient, symbol: Symbol, orderLinkId: string, sinceMs: number): Promise<OrderLookup> {
  const open = await client.openOrders(symbol);
  const order = open.items.find((item) => item.orderLinkId === orderLinkId);
  if (order !== undefined) return { found: true, orderId: order.orderId, order, fills: [] };
  const executions = await client.executions(symbol, Math.max(0, Math.floor(sinceMs)));
  const fills = executions.items.filter((fill) => fill.orderLinkId === orderLinkId);
  const first = fills[0];
  if (first === undefined) return { found: false };
  return { found: true, orderId: first.orderId, order: null, fills };
}
