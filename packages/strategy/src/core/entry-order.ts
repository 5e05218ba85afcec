// Turns an entry signal into an order: route, size and stop loss at the moment of the decision
// (strategy thread, order time only: this is where the per-tick path first allocates, with big.js).

import Big from 'big.js';
import { toDecimalString, type DecimalString, type OrderRequest, type OrderType, type Side, type TimeInForce } from '@scalper/protocol';
import type { BookState } from './book-state.js';
import { expectedEntryPrice, routeEntry } from './routing.js';
import { entryQty, midPrice } from './sizing.js';
import { stopLossPrice } from './stops.js';
import type { ResolvedStrategyParams } from './strategy-params.js';
import type { SymbolContext } from './symbol-context.js';

export interface EntryPlan {
  readonly orderType: OrderType;
  readonly timeInForce: TimeInForce;
  readonly price: DecimalString | null;
  readonly qty: DecimalString;
  readonly stopLoss: DecimalString;
  /** The expected fill price, for execution's notional check. */
  readonly referencePrice: DecimalString;
}

/**
 * Routes by spread and depth, sizes positionSizeUsd / mid down to qtyStep, and puts the stop stopLossPercent from
 * the expected fill price. 'zero-qty' and 'bad-stop' are refusals that depend on config and symbol, not the moment.
 */
export function planEntry(
  side: Side,
  book: BookState,
  ctx: SymbolContext,
  params: ResolvedStrategyParams,
): EntryPlan | 'no-book' | 'zero-qty' | 'bad-stop' {
  const top = book.top;
  if (top === null) return 'no-book';
  const liquid = book.isLiquid(params.marketMaxSpreadBps, ctx.minTopSizeRaw);
  const route = routeEntry(side, top, book.spreadBps, liquid, params.marketMaxSpreadBps);
  const qty = entryQty(params.positionSizeUsdBig, midPrice(new Big(top.bidPrice), new Big(top.askPrice)), ctx.qtyStep);
  if (qty.eq(0)) return 'zero-qty';
  const expected = expectedEntryPrice(side, top, route);
  const entryPrice = new Big(expected);
  const stop = stopLossPrice(entryPrice, side, params.stopLossPercentBig, ctx.tickSize);
  if (stop === null) return 'bad-stop';
  return {
    orderType: route.orderType,
    timeInForce: route.timeInForce,
    price: route.price,
    qty: toDecimalString(qty.toFixed(ctx.qtyDecimals)),
    stopLoss: toDecimalString(stop.toFixed(ctx.tickDecimals)),
    referencePrice: expected,
  };
}

export function entryOrder(
  plan: EntryPlan,
  orderLinkId: string,
  ctx: SymbolContext,
  side: Side,
  nowMs: number,
  triggerRecvMs?: number,
): OrderRequest {
  return {
    orderLinkId,
    symbol: ctx.symbol,
    side,
    orderType: plan.orderType,
    timeInForce: plan.timeInForce,
    qty: plan.qty,
    ...(plan.price === null ? {} : { price: plan.price }),
    stopLoss: plan.stopLoss,
    reduceOnly: false,
    tsCreatedMs: nowMs,
    referencePrice: plan.referencePrice,
    ...(triggerRecvMs === undefined ? {} : { tsTriggerRecvMs: triggerRecvMs }),
  };
}
