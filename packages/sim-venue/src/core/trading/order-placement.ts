// Places one order (venue thread): parse, check against the instrument and the account, then match against the
// public book. Market, IOC and FOK take and cancel the rest; GTC takes what crosses and rests the rest; PostOnly
// rests, or is accepted and then Cancelled with EC_PostOnlyWillTakeLiquidity when it would take, as on Bybit.

import Big from 'big.js';
import { orderCost } from './account.js';
import { bigToRaw, kZero, plain, rawToBig, roundToStep } from './exact-decimal.js';
import { EventBatch } from './event-batch.js';
import { crossesBook, oppositeLevels, takenLevels, walkBook, type BookWalk } from './book-walk.js';
import { parseOrderRequest, type OrderRequest } from './order-request.js';
import { checkOrderRules, type ReferencePrice } from './order-validation.js';
import {
  duplicateOrderLinkId,
  failed,
  invalidApiKey,
  kRetInsufficientBalance,
  kRetReduceOnlyNothingToReduce,
  succeeded,
  venueError,
} from './venue-errors.js';
import type { VenueAccount } from './account.js';
import type { VenueState } from './venue-state.js';
import type { PlacedOrder, VenueExecution, VenueResult } from './trading-types.js';
import type { BookView, InstrumentSpec } from '../venue-types.js';

const kNoWalk: BookWalk = { fills: [], filledQty: kZero };

function referencePrice(state: VenueState, request: OrderRequest, book: BookView, spec: InstrumentSpec): ReferencePrice | null {
  const last = state.markOf(spec.symbol);
  if (last !== null) return { price: last, source: 'last price' };
  const best = oppositeLevels(book, request.side)[0];
  if (best === undefined) return null;
  return { price: rawToBig(best.priceRaw, spec.priceDecimals), source: request.side === 'Buy' ? 'best ask' : 'best bid' };
}

/**
 * A Market order is a limit at the best opposite level moved by the protection band (Bybit records such a price
 * on market orders and stops their walk there), rounded onto the tick grid inside the instrument's price range.
 */
function protectionPrice(state: VenueState, request: OrderRequest, book: BookView, spec: InstrumentSpec): Big | null {
  const best = oppositeLevels(book, request.side)[0];
  const base = best !== undefined ? rawToBig(best.priceRaw, spec.priceDecimals) : state.markOf(spec.symbol);
  if (base === null) return null;
  const band = state.options.marketPriceBand;
  const tick = new Big(spec.tickSize);
  const price =
    request.side === 'Buy' ? roundToStep(base.times(band.plus(1)), tick, 'down') : roundToStep(base.times(new Big(1).minus(band)), tick, 'up');
  if (price.gt(spec.maxPrice)) return new Big(spec.maxPrice);
  if (price.lt(spec.minPrice)) return new Big(spec.minPrice);
  return price;
}

/** Reduce-only: 110017 when there is nothing to reduce; otherwise capped at the position size (Bybit trims it too). */
function reduceOnlyQty(account: VenueAccount, request: OrderRequest, spec: InstrumentSpec, nowMs: number): VenueResult<Big> {
  if (!request.reduceOnly) return succeeded(request.qty);
  const position = account.position(spec.symbol, spec, nowMs);
  if (position.side === '') {
    const message = `Reduce-only ${request.side} has nothing to reduce: no ${spec.symbol} position`;
    return failed(venueError(kRetReduceOnlyNothingToReduce, message));
  }
  if (position.side === request.side) {
    const message = `Reduce-only ${request.side} would increase the ${position.side} position of ${plain(position.size)}`;
    return failed(venueError(kRetReduceOnlyNothingToReduce, message));
  }
  return succeeded(request.qty.gt(position.size) ? position.size : request.qty);
}

function checkBalance(
  state: VenueState,
  account: VenueAccount,
  request: OrderRequest,
  order: { readonly qty: Big; readonly price: Big },
  spec: InstrumentSpec,
  nowMs: number,
) {
  const position = account.position(spec.symbol, spec, nowMs);
  const leverage = account.leverageOf(spec.symbol);
  const cost = orderCost(position, request.side, order.qty, order.price, leverage, state.options.takerFeeRate);
  const available = account.availableBalance();
  if (cost.total.lte(available)) return null;
  return venueError(
    kRetInsufficientBalance,
    `Insufficient available balance: order cost ${plain(cost.total)} (initial margin ${plain(cost.initialMargin)} + taker fee ` +
      `${plain(cost.fee)}) exceeds available ${plain(available)}`,
  );
}

export function placeOrder(
  state: VenueState,
  apiKey: string,
  body: unknown,
  book: BookView,
  spec: InstrumentSpec,
  nowMs: number,
): VenueResult<PlacedOrder> {
  const account = state.accounts.get(apiKey);
  if (account === undefined) return failed(invalidApiKey);
  const parsed = parseOrderRequest(body);
  if (!parsed.ok) return parsed;
  const request = parsed.value;
  state.noteSpec(spec);
  if (request.orderLinkId !== '' && account.hasOrderLinkId(request.orderLinkId)) return failed(duplicateOrderLinkId);
  const reference = referencePrice(state, request, book, spec);
  const ruleError = checkOrderRules(request, spec, reference);
  if (ruleError !== null) return failed(ruleError);
  const qty = reduceOnlyQty(account, request, spec, nowMs);
  if (!qty.ok) return qty;
  const costPrice = request.price ?? reference?.price ?? null;
  if (!request.reduceOnly && costPrice !== null) {
    const balanceError = checkBalance(state, account, request, { qty: qty.value, price: costPrice }, spec, nowMs);
    if (balanceError !== null) return failed(balanceError);
  }

  const protection = request.orderType === 'Market' ? protectionPrice(state, request, book, spec) : null;
  let order = state.newOrder({
    orderLinkId: request.orderLinkId,
    symbol: spec.symbol,
    side: request.side,
    orderType: request.orderType,
    timeInForce: request.timeInForce,
    price: request.price ?? protection ?? kZero,
    qty: qty.value,
    reduceOnly: request.reduceOnly,
    closeOnTrigger: request.closeOnTrigger,
    stopLoss: request.stopLoss,
    triggerPrice: null,
    createType: 'CreateByUser',
    stopOrderType: '',
    lastPriceOnCreated: state.markOf(spec.symbol),
    createdTimeMs: nowMs,
    updatedTimeMs: nowMs,
    priceDecimals: spec.priceDecimals,
    sizeDecimals: spec.sizeDecimals,
  });
  const batch = new EventBatch();
  const executions: VenueExecution[] = [];
  let walk = kNoWalk;

  if (request.timeInForce === 'PostOnly') {
    if (crossesBook(book, request.side, bigToRaw(order.price, spec.priceDecimals))) {
      order = { ...order, status: 'Cancelled', rejectReason: 'EC_PostOnlyWillTakeLiquidity' };
    }
  } else {
    const canWalk = request.orderType === 'Limit' || protection !== null;
    walk = canWalk ? walkBook(book, request.side, bigToRaw(order.price, spec.priceDecimals), order.qty, spec) : kNoWalk;
    if (request.timeInForce === 'FOK' && walk.filledQty.lt(order.qty)) walk = kNoWalk;
    for (const fill of walk.fills) {
      const result = state.executeFill(account, order, { price: fill.price, qty: fill.qty, isMaker: false }, nowMs, batch);
      order = result.order;
      executions.push(result.execution);
    }
    if (order.cumExecQty.lt(order.qty) && request.timeInForce !== 'GTC') {
      const rejectReason = request.timeInForce === 'FOK' || order.cumExecQty.gt(0) ? 'EC_CancelForNoFullFill' : 'EC_NoImmediateQtyToFill';
      order = { ...order, status: 'Cancelled', rejectReason, updatedTimeMs: nowMs };
    }
  }

  state.recordOrder(account, order);
  batch.order(account, order);
  if (order.status === 'New' || order.status === 'PartiallyFilled') batch.wallet(account);
  if (executions.length > 0) state.sweepReduceOnly(account, spec.symbol, nowMs, batch);
  const latest = account.findOrder(order.orderId, null) ?? order;
  return succeeded({ order: latest, executions, events: batch.drain(state.markOf), taken: takenLevels(walk.fills, spec) });
}
