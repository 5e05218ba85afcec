// The venue's trading state as immutable values (venue thread): orders, executions, positions, wallet views and
// the private-stream events. Every change replaces a value, so an event can hold it without copying.

import type Big from 'big.js';
import type { BookLevel } from '../venue-types.js';

export type Side = 'Buy' | 'Sell';
export type OrderType = 'Market' | 'Limit';
export type TimeInForce = 'GTC' | 'IOC' | 'FOK' | 'PostOnly';
/** Linear orders end Cancelled even after partial fills: PartiallyFilledCanceled is spot-only on Bybit. */
export type OrderStatus = 'New' | 'PartiallyFilled' | 'Filled' | 'Cancelled';
export type CancelType = 'UNKNOWN' | 'CancelByUser' | 'CancelByReduceOnly';
export type RejectReason = 'EC_NoError' | 'EC_PostOnlyWillTakeLiquidity' | 'EC_NoImmediateQtyToFill' | 'EC_CancelForNoFullFill';
export type CreateType = 'CreateByUser' | 'CreateByStopLoss';
/** '' for an ordinary order; 'StopLoss' for the market order a position's stop loss created. */
export type StopOrderType = '' | 'StopLoss';
export type PositionSide = '' | Side;

/** A Bybit business error: HTTP 200 with retCode != 0. */
export interface VenueError {
  readonly retCode: number;
  readonly retMsg: string;
}

export type VenueResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: VenueError };

/** Prices and sizes are printed with the instrument's decimals, as Bybit prints them. */
export interface Decimals {
  readonly priceDecimals: number;
  readonly sizeDecimals: number;
}

export interface VenueOrder extends Decimals {
  readonly orderId: string;
  /** '' when the client gave none. */
  readonly orderLinkId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly orderType: OrderType;
  readonly timeInForce: TimeInForce;
  /** The limit price; for a Market order the protection price its walk of the book may not pass. */
  readonly price: Big;
  readonly qty: Big;
  readonly reduceOnly: boolean;
  readonly closeOnTrigger: boolean;
  /** The stop loss the order asks for its position (tpslMode Full). */
  readonly stopLoss: Big | null;
  /** Set on orders a stop loss created: the stop price that fired. */
  readonly triggerPrice: Big | null;
  readonly status: OrderStatus;
  readonly cancelType: CancelType;
  readonly rejectReason: RejectReason;
  readonly cumExecQty: Big;
  readonly cumExecValue: Big;
  readonly cumExecFee: Big;
  /** Gross PnL of this order's closing fills (the sum of its executions' execPnl). */
  readonly closedPnl: Big;
  readonly createType: CreateType;
  readonly stopOrderType: StopOrderType;
  readonly lastPriceOnCreated: Big | null;
  readonly createdTimeMs: number;
  readonly updatedTimeMs: number;
}

export interface VenueExecution extends Decimals {
  readonly execId: string;
  readonly orderId: string;
  readonly orderLinkId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly orderType: OrderType;
  readonly orderPrice: Big;
  readonly orderQty: Big;
  /** The order's unfilled quantity right after this execution. */
  readonly leavesQty: Big;
  readonly execPrice: Big;
  readonly execQty: Big;
  /** execQty × execPrice, exact. */
  readonly execValue: Big;
  /** execValue × feeRate, exact: no rounding, so the wallet adds up to the last digit. */
  readonly execFee: Big;
  readonly feeRate: Big;
  readonly isMaker: boolean;
  /** How much of this execution closed an existing position. */
  readonly closedSize: Big;
  /** Gross PnL of the closed part, before fees (as Bybit's execPnl). */
  readonly execPnl: Big;
  readonly createType: CreateType;
  readonly stopOrderType: StopOrderType;
  readonly markPrice: Big;
  readonly execTimeMs: number;
  readonly seq: number;
}

/**
 * One closing order's record in GET /v5/position/closed-pnl: its closing fills summed. closedPnl is net of the
 * close's fee and of the share of the opening fees its closed size carried, as on Bybit (no funding here).
 */
export interface VenueClosedPnl extends Decimals {
  readonly symbol: string;
  readonly orderId: string;
  readonly orderLinkId: string;
  /** The closing order's side. */
  readonly side: Side;
  readonly orderType: OrderType;
  readonly orderPrice: Big;
  readonly orderQty: Big;
  readonly closedSize: Big;
  /** Σ closed size × the position's average entry price at each fill. */
  readonly cumEntryValue: Big;
  readonly cumExitValue: Big;
  readonly closedPnl: Big;
  readonly openFee: Big;
  readonly closeFee: Big;
  readonly fillCount: number;
  readonly leverage: Big;
  readonly createdTimeMs: number;
  readonly updatedTimeMs: number;
}

/** One-way mode: one position per symbol, flat as side '' and size 0. */
export interface VenuePosition extends Decimals {
  readonly symbol: string;
  readonly side: PositionSide;
  readonly size: Big;
  /** 0 when flat. Kept to 10 decimal places when an average does not terminate. */
  readonly avgPrice: Big;
  readonly leverage: Big;
  readonly stopLoss: Big | null;
  /** Realised PnL of the current holding, net of its fees (Bybit's curRealisedPnl: opening makes it -fee). */
  readonly curRealisedPnl: Big;
  /** Realised PnL of the symbol since the account opened, net of fees. */
  readonly cumRealisedPnl: Big;
  /** Opening fees of the current holding not yet charged to a close: a close's closed PnL takes its share. */
  readonly openFee: Big;
  /** The last trade price when this value was handed out; null before the symbol's first trade. */
  readonly markPrice: Big | null;
  readonly createdTimeMs: number;
  readonly updatedTimeMs: number;
  readonly seq: number;
}

/** The USDT coin of a unified account, as of one moment. */
export interface WalletView {
  readonly walletBalance: Big;
  /** Net of fees, all symbols. */
  readonly cumRealisedPnl: Big;
  /** At the last trade price of each symbol. */
  readonly unrealisedPnl: Big;
  readonly positionIM: Big;
  readonly orderIM: Big;
  /** walletBalance - positionIM - orderIM: what a new order's margin and fee must fit in. */
  readonly availableBalance: Big;
  /** walletBalance + unrealisedPnl. */
  readonly equity: Big;
}

/** Items for the private stream, in the order a venue emits them for one account: orders, executions, position, wallet. */
export type VenueEvent =
  | { readonly topic: 'order'; readonly apiKey: string; readonly order: VenueOrder }
  | { readonly topic: 'execution'; readonly apiKey: string; readonly execution: VenueExecution }
  | { readonly topic: 'position'; readonly apiKey: string; readonly position: VenuePosition }
  | { readonly topic: 'wallet'; readonly apiKey: string; readonly wallet: WalletView };

export interface PlacedOrder {
  readonly order: VenueOrder;
  readonly executions: readonly VenueExecution[];
  readonly events: readonly VenueEvent[];
  /** Liquidity the order took from the public book, per level, so the market model can remove it. */
  readonly taken: readonly BookLevel[];
}

export interface ChangedOrders {
  readonly orders: readonly VenueOrder[];
  readonly events: readonly VenueEvent[];
}
