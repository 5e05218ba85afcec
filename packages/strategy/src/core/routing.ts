// Smart order routing of entries, the seed's match on spread and liquidity (strategy thread, order time).

import type { DecimalString, OrderType, Side, TimeInForce } from '@scalper/protocol';
import type { BookQuote } from './book-state.js';

export interface EntryRoute {
  readonly orderType: OrderType;
  readonly timeInForce: TimeInForce;
  /** The limit price, null for market orders. */
  readonly price: DecimalString | null;
}

const marketIoc: EntryRoute = { orderType: 'Market', timeInForce: 'IOC', price: null };

/**
 * Narrow spread and a deep book: cross it now with a market IOC. Otherwise join our own side of the book with a
 * PostOnly limit (buy at the best bid, sell at the best ask) to earn the maker rebate rather than pay the spread.
 */
export function routeEntry(side: Side, top: BookQuote, spread: number, liquid: boolean, marketMaxSpreadBps: number): EntryRoute {
  if (spread < marketMaxSpreadBps && liquid) return marketIoc;
  return { orderType: 'Limit', timeInForce: 'PostOnly', price: side === 'Buy' ? top.bidPrice : top.askPrice };
}

/**
 * The price the entry is expected to fill at, which the stop loss is measured from: the limit price, or for a
 * market order the far side of the book it will take (ask for a buy, bid for a sell).
 */
export function expectedEntryPrice(side: Side, top: BookQuote, route: EntryRoute): DecimalString {
  if (route.price !== null) return route.price;
  return side === 'Buy' ? top.askPrice : top.bidPrice;
}
