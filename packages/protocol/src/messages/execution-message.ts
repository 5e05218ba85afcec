// Messages the execution worker receives (from strategy).

import type { OrderRequest } from '../domain/orders.js';
import type { Symbol } from '../domain/symbol.js';
import type { MessageUnion } from './message-map.js';

export interface ExecutionPayloads {
  PlaceOrder: { order: OrderRequest };
  /** Flatten `symbol` with a reduce-only market order sized from the venue's position, not from local belief. */
  ClosePosition: { symbol: Symbol; orderLinkId: string; reason: string };
  CancelAll: { symbol: Symbol; reason: string };
}

export type ExecutionMessage = MessageUnion<ExecutionPayloads>;
