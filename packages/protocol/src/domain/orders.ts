// Orders, fills and positions as they cross between strategy and execution (any thread).

import type { DecimalString } from './decimal-string.js';
import type { OrderStatus, OrderType, PositionSide, Side, TimeInForce } from './order-enums.js';
import type { Symbol } from './symbol.js';

export interface OrderRequest {
  /** Client order id (Bybit's orderLinkId, at most 36 chars): a retry reuses it, so it can never open twice. */
  readonly orderLinkId: string;
  readonly symbol: Symbol;
  readonly side: Side;
  readonly orderType: OrderType;
  readonly timeInForce: TimeInForce;
  readonly qty: DecimalString;
  /** Required for Limit, absent for Market. */
  readonly price?: DecimalString;
  readonly stopLoss?: DecimalString;
  readonly reduceOnly: boolean;
  readonly tsCreatedMs: number;
  /**
   * The price strategy expects a Market order to fill at (the touch when it decided): execution values the order
   * with it for its notional checks. Never sent to the venue.
   */
  readonly referencePrice?: DecimalString;
  /**
   * When the trade frame that triggered an entry was received (the threads' shared clock, as tsCreatedMs): execution
   * measures frame-to-order with it. Never sent to the venue.
   */
  readonly tsTriggerRecvMs?: number;
}

export interface OrderUpdate {
  readonly orderLinkId: string;
  readonly orderId: string | null;
  readonly symbol: Symbol;
  readonly side: Side;
  readonly orderType: OrderType;
  readonly status: OrderStatus;
  readonly qty: DecimalString;
  readonly cumExecQty: DecimalString;
  readonly avgPrice: DecimalString | null;
  readonly rejectReason: string | null;
  readonly tsEventMs: number;
}

export interface Fill {
  readonly execId: string;
  readonly orderId: string;
  readonly orderLinkId: string;
  readonly symbol: Symbol;
  readonly side: Side;
  readonly price: DecimalString;
  readonly qty: DecimalString;
  readonly fee: DecimalString;
  readonly isMaker: boolean;
  readonly tsEventMs: number;
}

export interface Position {
  readonly symbol: Symbol;
  readonly side: PositionSide;
  /** Always non-negative; the direction is in `side`. */
  readonly size: DecimalString;
  readonly avgEntryPrice: DecimalString;
  readonly unrealisedPnl: DecimalString;
  readonly realisedPnl: DecimalString;
  readonly stopLoss: DecimalString | null;
  readonly tsEventMs: number;
}
