// The venue's trading core (venue thread): what the server and the backtest runner use from core/trading.

export { MatchingEngine, type CancelledOrder, type OrderLookup, type TradingVenueOptions } from './matching-engine.js';
export { executionRecord, restOrderRecord, wsOrderRecord, type BybitRecord } from './bybit-records.js';
export { closedPnlRecord, restPositionRecord, walletRecord, wsPositionRecord } from './bybit-account-records.js';
export {
  kRetDuplicateOrderLinkId,
  kRetInsufficientBalance,
  kRetInvalidApiKey,
  kRetLeverageNotModified,
  kRetOrderNotExists,
  kRetParamError,
  kRetReduceOnlyNothingToReduce,
} from './venue-errors.js';
export type {
  CancelType,
  ChangedOrders,
  CreateType,
  OrderStatus,
  OrderType,
  PlacedOrder,
  PositionSide,
  RejectReason,
  Side,
  StopOrderType,
  TimeInForce,
  VenueError,
  VenueClosedPnl,
  VenueEvent,
  VenueExecution,
  VenueOrder,
  VenuePosition,
  VenueResult,
  WalletView,
} from './trading-types.js';
