// Messages the strategy worker receives: from market-data (the traded symbol) and from execution (the order, fill
// and position feedback the seed leaves implicit). Market data itself never comes as messages: trades, book tops
// and feed states arrive in receive order through the SharedArrayBuffer tick ring, which strategy gets at start.

import type { InstrumentScale } from '../domain/market.js';
import type { Fill, OrderUpdate, Position } from '../domain/orders.js';
import type { Symbol } from '../domain/symbol.js';
import type { MessageUnion } from './message-map.js';

export interface StrategyPayloads {
  /**
   * The traded symbol changed. `epoch` is stamped on every ring entry from now on, so entries of the old symbol
   * still in the ring are recognised and skipped; `scale` says how to read the new symbol's scaled integers.
   */
  SymbolChanged: { previous: Symbol | null; symbol: Symbol; epoch: number; scale: InstrumentScale };
  OrderUpdate: { update: OrderUpdate };
  Fill: { fill: Fill };
  PositionUpdate: { position: Position };
  /** Execution's risk checks refused an order before it was sent: an event, not an exception. */
  OrderDenied: { orderLinkId: string; reason: string; tsEventMs: number };
  /**
   * Trading is halted (a risk limit, or the kill switch): open nothing until `untilMs` (null: never again in this
   * run). Execution flattens the position itself; strategy only stops entering and says so in its status.
   */
  TradingHalted: { reason: string; untilMs: number | null; tsEventMs: number };
  /**
   * The trader lifted the kill switch: entries may open again. Only the kill switch lifts so; a daily-loss halt ends
   * with its day (execution refuses to lift it and sends nothing).
   */
  TradingResumed: { reason: string; tsEventMs: number };
  /**
   * The venue's clock minus this host's, as execution measured it (ms): venue timestamps are compared with the
   * host's clock plus this, so a host clock that is off does not make fresh data stale, or stale data fresh.
   */
  VenueClock: { offsetMs: number; tsEventMs: number };
}

export type StrategyMessage = MessageUnion<StrategyPayloads>;
