// Orders over Bybit's WebSocket trade API, wss://…/v5/trade (execution thread): one authenticated connection,
// order.create and order.cancel matched to their answers by reqId. An answer only says the venue took the request;
// the private order stream says what became of it. A request whose answer never comes may have landed.

import type { OrderRequest, Symbol } from '@scalper/protocol';
import { BybitApiError, BybitTransportError } from '../errors/bybit-errors.js';
import { isRateLimitError } from '../errors/retry-policy.js';
import { RateLimiter, readRateLimitHeaders } from '../http/rate-limiter.js';
import type { TradeResponseFrame } from '../parse/ws-frame.js';
import { BybitWsConnection } from '../ws/ws-connection.js';
import type { WsAuthOptions, WsReconnectOptions } from '../ws/ws-connection-options.js';
import type { WsConnectionState } from '../ws/ws-connection-types.js';
import type { WsProblem } from '../ws/ws-problem.js';
import { cancelOrderBody, createOrderBody, orderAckOf, tradeRequestText, type OrderAck } from './order-bodies.js';

export interface WsTradeClientOptions {
  /** wss://stream.bybit.com/v5/trade, wss://stream-testnet.bybit.com/v5/trade, or the embedded venue's. */
  readonly url: string;
  readonly auth: WsAuthOptions;
  /** Venue time in ms for X-BAPI-TIMESTAMP: the host's clock plus the offset REST measured. */
  readonly timestamp: () => number;
  /** X-BAPI-RECV-WINDOW; default 5,000 ms, as REST. */
  readonly recvWindowMs?: number;
  /** How long a request waits for its answer before it counts as lost (it may have landed); default 5,000 ms. */
  readonly requestTimeoutMs?: number;
  /** Shared with the REST transport: the per-account order budget is one, whichever way an order goes. */
  readonly limiter?: RateLimiter;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Starts every reqId: a restarted engine's ids never repeat its previous life's (20006 is a refusal). */
  readonly reqIdPrefix?: string;
  readonly pingIntervalMs?: number;
  readonly pongTimeoutMs?: number;
  readonly reconnect?: WsReconnectOptions;
  readonly onStateChange?: (state: WsConnectionState, reason: string) => void;
  /** Told of each request as it is written to an open socket (after any rate-limit hold): the wire watch's moment. */
  readonly onSend?: (op: string, body: Readonly<Record<string, unknown>>) => void;
  readonly onProblem?: (problem: WsProblem) => void;
}

/** The order could not be written on the trade socket (it is not open): nothing was sent, so nothing landed. */
export class WsTradeNotSentError extends Error {
  override readonly name = 'WsTradeNotSentError';
}

interface PendingRequest {
  readonly op: string;
  readonly endpoint: string;
  readonly resolve: (ack: OrderAck) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/** REST paths name the rate-limit buckets, so a hold learnt on either way applies to both. */
const limitKeyOf: Readonly<Record<string, string>> = { 'order.create': '/v5/order/create', 'order.cancel': '/v5/order/cancel' };
const maxReqIdLength = 36;

export class BybitWsTradeClient {
  private readonly connection: BybitWsConnection;
  private readonly pending = new Map<string, PendingRequest>();
  private readonly limiter: RateLimiter;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly reqIdPrefix: string;
  private seq = 0;
  private readonly counts = { requests: 0, answered: 0, refused: 0, lost: 0, timedOut: 0, unmatched: 0 };

  constructor(private readonly options: WsTradeClientOptions) {
    this.limiter = options.limiter ?? new RateLimiter();
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.reqIdPrefix = options.reqIdPrefix ?? `t${Date.now().toString(36)}-`;
    if (this.reqIdPrefix.length > 20) throw new RangeError(`reqIdPrefix must be at most 20 characters, got ${this.reqIdPrefix.length}`);
    this.connection = new BybitWsConnection(
      {
        url: options.url,
        name: 'trade',
        auth: options.auth,
        ...(options.pingIntervalMs === undefined ? {} : { pingIntervalMs: options.pingIntervalMs }),
        ...(options.pongTimeoutMs === undefined ? {} : { pongTimeoutMs: options.pongTimeoutMs }),
        ...(options.reconnect === undefined ? {} : { reconnect: options.reconnect }),
      },
      {
        onFrame: (frame) => {
          if (frame.kind === 'trade-response') this.onAnswer(frame);
        },
        onStateChange: (state, reason) => {
          // Requests written on a socket that is gone may have landed: each fails as unsure, for a lookup.
          if (state !== 'open')
            this.failAll((endpoint) => new BybitTransportError('network', endpoint, `trade socket ${state} before the answer: ${reason}`));
          options.onStateChange?.(state, reason);
        },
        ...(options.onProblem === undefined ? {} : { onProblem: options.onProblem }),
      },
    );
  }

  get isOpen(): boolean {
    return this.connection.state === 'open';
  }

  get state(): WsConnectionState {
    return this.connection.state;
  }

  /** Resolves once connected and authenticated; reconnects by itself after that until close(). */
  connect(): Promise<void> {
    return this.connection.connect();
  }

  close(): Promise<void> {
    return this.connection.close();
  }

  /** A new connection, as the venue asks on 10019; requests in flight fail as unsure. */
  restart(reason: string): void {
    this.connection.restart(reason);
  }

  stats(): Readonly<Record<string, number | string>> {
    return { state: this.connection.state, reconnects: this.connection.stats().reconnects, inFlight: this.pending.size, ...this.counts };
  }

  /** How long a create sent now would wait for the shared rate limiter. */
  createOrderHoldMs(): number {
    return this.limiter.peekDelayMs('/v5/order/create', this.now());
  }

  createOrder(order: OrderRequest): Promise<OrderAck> {
    return this.request('order.create', createOrderBody(order));
  }

  cancelOrder(symbol: Symbol, id: { orderId: string } | { orderLinkId: string }): Promise<OrderAck> {
    return this.request('order.cancel', cancelOrderBody(symbol, id));
  }

  private async request(op: string, body: Record<string, unknown>): Promise<OrderAck> {
    const endpoint = `ws ${op}`;
    const limitKey = limitKeyOf[op] ?? op;
    const wait = this.limiter.delayMs(limitKey, this.now());
    if (wait > 0) await this.sleep(wait);
    const reqId = `${this.reqIdPrefix}${(++this.seq).toString(36)}`.slice(0, maxReqIdLength);
    const text = tradeRequestText(reqId, op, body, this.options.timestamp(), this.options.recvWindowMs ?? 5_000);
    return new Promise<OrderAck>((resolve, reject) => {
      const timeoutMs = this.options.requestTimeoutMs ?? 5_000;
      const timer = setTimeout(() => {
        if (!this.pending.delete(reqId)) return;
        this.counts.timedOut++;
        reject(new BybitTransportError('timeout', endpoint, `no answer to ${reqId} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(reqId, { op, endpoint, resolve, reject, timer });
      // Told before the write, so a thread descheduled right after it cannot stamp the wire late (the benchmark saw
      // 1.4 ms); a socket that is not open takes nothing and is not told.
      if (this.isOpen) this.options.onSend?.(op, body);
      if (!this.connection.send(text)) {
        clearTimeout(timer);
        this.pending.delete(reqId);
        reject(new WsTradeNotSentError(`${endpoint}: the trade socket is ${this.connection.state}: not sent`));
        return;
      }
      this.counts.requests++;
    });
  }

  private onAnswer(frame: TradeResponseFrame): void {
    const pending = frame.reqId === null ? undefined : this.pending.get(frame.reqId);
    if (pending === undefined) {
      if (frame.reqId === null && frame.retCode !== 0) {
        // An old-shape refusal without reqId answers one of this op's requests, and nobody can say which.
        this.failAll((endpoint) => new BybitTransportError('bad-response', endpoint, `refusal without reqId: ${frame.retMsg}`), frame.op);
      }
      this.counts.unmatched++;
      return;
    }
    clearTimeout(pending.timer);
    this.pending.delete(frame.reqId as string);
    // The answer's header fields are REST's headers by another road (names lower-cased by the classifier).
    const limits = readRateLimitHeaders({ get: (name) => frame.header[name] ?? null });
    const resetAtMs = limits.resetAtMs;
    this.limiter.record(limitKeyOf[frame.op] ?? frame.op, limits);
    if (frame.retCode === 0) {
      this.counts.answered++;
      try {
        pending.resolve(orderAckOf(pending.endpoint, frame.data));
      } catch (error) {
        pending.reject(error as Error);
      }
      return;
    }
    this.counts.refused++;
    if (frame.retCode === null) {
      pending.reject(new BybitTransportError('bad-response', pending.endpoint, `refusal without a retCode: ${frame.retMsg}`));
      return;
    }
    const error = new BybitApiError({
      httpStatus: 200,
      retCode: frame.retCode,
      retMsg: frame.retMsg,
      endpoint: pending.endpoint,
      rateLimitResetAtMs: resetAtMs,
    });
    // A refusal for the rate holds the bucket (REST's too) until the venue's reset, or a second without one.
    if (isRateLimitError(error)) this.limiter.block(limitKeyOf[frame.op] ?? frame.op, resetAtMs ?? this.now() + 1_000);
    pending.reject(error);
  }

  private failAll(errorFor: (endpoint: string) => Error, op?: string): void {
    for (const [reqId, pending] of this.pending) {
      if (op !== undefined && pending.op !== op) continue;
      clearTimeout(pending.timer);
      this.pending.delete(reqId);
      this.counts.lost++;
      pending.reject(errorFor(pending.endpoint));
    }
  }
}
