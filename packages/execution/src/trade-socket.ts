// The WebSocket trade API's connection for the execution worker (execution thread): a BybitWsTradeClient on the REST
// transport's clock and rate limiter, with its creates seen by the wire watch. The core routes creates through it.

import { BybitWsTradeClient, type BybitRestTransport, type RateLimiter } from '@scalper/bybit';
import type { EntryWireWatch, ExecutionLogger } from './index.js';

export interface TradeSocketOptions {
  readonly url: string;
  readonly credentials: { readonly apiKey: string; readonly apiSecret: string };
  readonly transport: BybitRestTransport;
  readonly limiter: RateLimiter;
  readonly recvWindowMs: number;
  readonly requestTimeoutMs: number;
  readonly entryWire: EntryWireWatch;
  readonly log: ExecutionLogger;
}

/**
 * null for REST only (execution.orderEntry rest, Bybit's demo). Connects in the background: until its socket is
 * open, and whenever it is not, creates go over REST.
 */
export function openTradeSocket(options: TradeSocketOptions): BybitWsTradeClient | null {
  const { url, transport, log } = options;
  if (url === '') return null;
  const client = new BybitWsTradeClient({
    url,
    auth: options.credentials,
    timestamp: () => Date.now() + transport.clockOffset,
    recvWindowMs: options.recvWindowMs,
    // Bybit answers a create on the trade socket in milliseconds: 2 s without one is a socket to drop (the router
    // does), and the placer's lookup then settles the order over REST.
    requestTimeoutMs: Math.min(options.requestTimeoutMs, 2_000),
    // Pinged every 5 s like the private stream: a half-open trade socket shows only as a missing pong.
    pingIntervalMs: 5_000,
    pongTimeoutMs: 3_000,
    limiter: options.limiter,
    onSend: (op, body) => {
      if (op === 'order.create' && typeof body['orderLinkId'] === 'string') options.entryWire.onWire(body['orderLinkId']);
    },
    onStateChange: (state, reason) => log.info({ state, reason, url }, 'trade socket state'),
    onProblem: (problem) => log.warn({ problem }, 'trade socket problem'),
  });
  client.connect().catch((error: unknown) => log.error({ err: error, url }, 'trade socket closed for good: orders go over REST'));
  return client;
}
