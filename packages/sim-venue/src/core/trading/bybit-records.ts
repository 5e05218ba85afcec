// Orders and executions as Bybit v5 prints them (venue thread): exactly the fields and value types of the order
// topic, GET /v5/order/realtime and the execution topic, so a client written for Bybit parses them unchanged.
// Fields that only matter to spot, options or hedge mode carry the neutral values Bybit gives them.

import { leavesQty } from './account.js';
import { plain, ratio } from './exact-decimal.js';
import type { VenueExecution, VenueOrder } from './trading-types.js';
import type Big from 'big.js';

export type BybitRecord = Record<string, unknown>;

export function qtyText(value: Big, sizeDecimals: number): string {
  return value.toFixed(sizeDecimals);
}

export function priceText(value: Big, priceDecimals: number): string {
  return value.toFixed(priceDecimals);
}

/** Set prices print on the tick grid; Bybit prints "0" (REST "0.00") for an unset one. */
function optionalPrice(value: Big | null, priceDecimals: number): string {
  return value === null ? '0' : priceText(value, priceDecimals);
}

/** Bybit prints "0" for the average price of an order with nothing executed. */
function orderAvgPrice(order: VenueOrder): string {
  return order.cumExecQty.gt(0) ? plain(ratio(order.cumExecValue, order.cumExecQty)) : '0';
}

/** A long's stop fires as the price falls (2), a short's as it rises (1); 0 when the order is not triggered. */
function triggerDirection(order: VenueOrder): number {
  if (order.triggerPrice === null) return 0;
  return order.side === 'Sell' ? 2 : 1;
}

/** The fields the REST and WS order records share, in Bybit's spelling. */
function orderCore(order: VenueOrder): BybitRecord {
  const leaves = leavesQty(order);
  const hasStop = order.stopLoss !== null;
  return {
    orderId: order.orderId,
    orderLinkId: order.orderLinkId,
    blockTradeId: '',
    symbol: order.symbol,
    price: priceText(order.price, order.priceDecimals),
    qty: qtyText(order.qty, order.sizeDecimals),
    side: order.side,
    positionIdx: 0,
    orderStatus: order.status,
    cancelType: order.cancelType,
    rejectReason: order.rejectReason,
    avgPrice: orderAvgPrice(order),
    leavesQty: qtyText(leaves, order.sizeDecimals),
    leavesValue: plain(leaves.times(order.price)),
    cumExecQty: qtyText(order.cumExecQty, order.sizeDecimals),
    cumExecValue: plain(order.cumExecValue),
    cumExecFee: plain(order.cumExecFee),
    timeInForce: order.timeInForce,
    orderType: order.orderType,
    orderIv: '',
    triggerPrice: optionalPrice(order.triggerPrice, order.priceDecimals),
    takeProfit: '0',
    stopLoss: optionalPrice(order.stopLoss, order.priceDecimals),
    tpTriggerBy: '',
    slTriggerBy: hasStop ? 'LastPrice' : '',
    triggerDirection: triggerDirection(order),
    lastPriceOnCreated: order.lastPriceOnCreated === null ? '' : priceText(order.lastPriceOnCreated, order.priceDecimals),
    reduceOnly: order.reduceOnly,
    closeOnTrigger: order.closeOnTrigger,
    smpType: 'None',
    smpGroup: 0,
    smpOrderId: '',
    tpslMode: hasStop ? 'Full' : '',
    tpLimitPrice: '',
    slLimitPrice: '',
    placeType: '',
    createdTime: String(order.createdTimeMs),
    updatedTime: String(order.updatedTimeMs),
    cumFeeDetail: order.cumExecFee.eq(0) ? {} : { USDT: plain(order.cumExecFee) },
  };
}

/** An item of GET /v5/order/realtime (and /v5/order/history). */
export function restOrderRecord(order: VenueOrder): BybitRecord {
  return {
    ...orderCore(order),
    isLeverage: '',
    stopOrderType: order.stopOrderType === '' ? 'UNKNOWN' : order.stopOrderType,
    triggerBy: order.triggerPrice === null ? 'UNKNOWN' : 'LastPrice',
  };
}

/** An item of the private `order` topic. */
export function wsOrderRecord(order: VenueOrder): BybitRecord {
  return {
    category: 'linear',
    ...orderCore(order),
    stopOrderType: order.stopOrderType,
    triggerBy: order.triggerPrice === null ? '' : 'LastPrice',
    closedPnl: plain(order.closedPnl),
    feeCurrency: '',
    rpiTakerAccess: false,
    rpiMatchedQty: '0',
  };
}

/** An item of the private `execution` topic (GET /v5/execution/list items have the same fields). */
export function executionRecord(execution: VenueExecution): BybitRecord {
  const { priceDecimals, sizeDecimals } = execution;
  return {
    category: 'linear',
    symbol: execution.symbol,
    closedSize: qtyText(execution.closedSize, sizeDecimals),
    execFee: plain(execution.execFee),
    execId: execution.execId,
    execPrice: priceText(execution.execPrice, priceDecimals),
    execQty: qtyText(execution.execQty, sizeDecimals),
    execType: 'Trade',
    execValue: plain(execution.execValue),
    feeRate: plain(execution.feeRate),
    tradeIv: '',
    markIv: '',
    blockTradeId: '',
    markPrice: priceText(execution.markPrice, priceDecimals),
    indexPrice: '',
    underlyingPrice: '',
    leavesQty: qtyText(execution.leavesQty, sizeDecimals),
    orderId: execution.orderId,
    orderLinkId: execution.orderLinkId,
    orderPrice: priceText(execution.orderPrice, priceDecimals),
    orderQty: qtyText(execution.orderQty, sizeDecimals),
    orderType: execution.orderType,
    stopOrderType: execution.stopOrderType === '' ? 'UNKNOWN' : execution.stopOrderType,
    side: execution.side,
    execTime: String(execution.execTimeMs),
    isLeverage: '0',
    isMaker: execution.isMaker,
    seq: execution.seq,
    marketUnit: '',
    execPnl: plain(execution.execPnl),
    createType: execution.createType,
    extraFees: [],
    feeCurrency: 'USDT',
  };
}
