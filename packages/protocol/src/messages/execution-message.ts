// Messages the execution worker receives (from strategy).

import type { OrderRequest } from '../domain/orders.js';
import type { Symbol } from '../domain/symbol.js';
import type { MessageUnion } from './message-map.js';

export interface ExecutionPayloads {
  PlaceOrder: { order: OrderRequest };
  /** Flatten `symbol` with a reduce-only market order sized from the venue's position, not from local belief. */
  ClosePosition: { symbol: Symbol; orderLinkId: string; reason: string };
  /**
   * Cancels `symbol`'s active orders. `orderLinkId`: the entry strategy waits on; an execution that no longer
   * tracks it (it restarted meanwhile) looks it up at the venue and reports its fate, so strategy never waits on an
   * order nobody will report.
   */
  CancelAll: { symbol: Symbol; reason: string; orderLinkId?: string };
  /**
   * Strategy now trades `symbol`: set the account up for it (one-way mode, leverage) before the first signal, so
   * the first entry does not wait for it.
   */
  PrepareSymbol: { symbol: Symbol };
}

export type ExecutionMessage = MessageUnion<ExecutionPayloads>;

/** The messages about orders: what the strategy core decides and the execution core carries out. */
export type OrderCommand = Exclude<ExecutionMessage, { readonly type: 'PrepareSymbol' }>;
