// Where order creates go (execution thread): over the WebSocket trade API while its socket is open, over signed REST
// otherwise, and over REST at once when the trade API did not take the request. Whichever way a create went, an
// unsure outcome goes back to the placer, which looks the orderLinkId up before anything is sent again.

import {
  BybitApiError,
  BybitTransportError,
  isClockSkewError,
  retCodeTradeServiceRestarting,
  WsTradeNotSentError,
  type OrderAck,
} from '@scalper/bybit';
import type { OrderRequest } from '@scalper/protocol';
import type { ExecutionCounters } from './execution-counters.js';
import type { ExecutionLogger } from './execution-environment.js';

/** What the placer sends creates through: BybitRestClient itself, or a RoutedOrderEntry in front of it. */
export interface OrderEntry {
  /** `stillWanted` is asked before the REST transport's own resend after a 10002 clock resync. */
  createOrder(order: OrderRequest, options?: { readonly stillWanted?: () => boolean }): Promise<OrderAck>;
  /** How long a create sent now would wait for the rate limiter (shared by both ways). */
  createOrderHoldMs(): number;
}

/** The WebSocket trade client as the router needs it (BybitWsTradeClient). */
export interface TradeSocketEntry {
  readonly isOpen: boolean;
  createOrder(order: OrderRequest): Promise<OrderAck>;
  /** A new connection, as Bybit asks after 10019. */
  restart(reason: string): void;
}

/**
 * True when the trade API did not carry the request out: sending it over REST cannot place it twice. 10002 (the
 * timestamp refused before anything was done) goes there too, since REST resyncs the clock both ways share.
 */
function notTakenByTradeApi(error: unknown): boolean {
  if (error instanceof WsTradeNotSentError || isClockSkewError(error)) return true;
  return error instanceof BybitApiError && error.retCode === retCodeTradeServiceRestarting;
}

export class RoutedOrderEntry implements OrderEntry {
  constructor(
    private readonly rest: OrderEntry,
    private readonly trade: TradeSocketEntry,
    private readonly logger: ExecutionLogger,
    private readonly counters: ExecutionCounters,
  ) {}

  createOrderHoldMs(): number {
    return this.rest.createOrderHoldMs();
  }

  async createOrder(order: OrderRequest, options: { readonly stillWanted?: () => boolean } = {}): Promise<OrderAck> {
    if (this.trade.isOpen) {
      try {
        const ack = await this.trade.createOrder(order);
        this.counters.add('createsViaWebSocket');
        return ack;
      } catch (error) {
        // A socket that leaves a create unanswered is half-open or worse: a new connection, and REST meanwhile.
        if (error instanceof BybitTransportError && error.failure === 'timeout') this.trade.restart(`no answer to a create: ${error.message}`);
        // An answer that may hide a landed order, or a refusal of the order itself, is the placer's to handle.
        if (!notTakenByTradeApi(error)) throw error;
        this.counters.add('tradeApiFallbacks');
        const restarting = error instanceof BybitApiError && error.retCode === retCodeTradeServiceRestarting;
        if (restarting) this.trade.restart('10019: the trade service is restarting; Bybit asks for a new connection');
        this.logger.warn({ orderLinkId: order.orderLinkId, reason: (error as Error).message }, 'create not taken by the trade API: sent over REST');
      }
    }
    this.counters.add('createsViaRest');
    return this.rest.createOrder(order, options);
  }
}
