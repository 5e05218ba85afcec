// Optional hooks into the venue (venue thread) for benchmarks that time the engine from the exchange's side: when
// a trade frame went out and when a REST or trade API request came in, on the performance clock every thread shares.

import type { IncomingHttpHeaders } from 'node:http';
import type { InjectedFault } from '../server/fault-plan.js';

export interface VenueProbe {
  /** A publicTrade frame with `tradeCount` trades of `symbol` was handed to its sockets; `atMs` is taken just before. */
  readonly tradeFrameSent?: (symbol: string, tradeCount: number, atMs: number) => void;
  /** A REST request arrived at `atMs` (its headers); called once its body has been read. */
  readonly restRequestReceived?: (method: string, path: string, body: string, atMs: number, headers: IncomingHttpHeaders) => void;
  /** A WebSocket trade API request (`op`, its one order in `args`) arrived at `atMs`, before the venue read it. */
  readonly tradeRequestReceived?: (op: string, order: unknown, atMs: number) => void;
  /** The drop fault closed every socket of `stream`. */
  readonly streamsDropped?: (stream: 'public' | 'private', atMs: number) => void;
  /** A probabilistic fault fired (a partial close, a refused subscription, a late create answer, a drop on a close). */
  readonly faultInjected?: (fault: InjectedFault, atMs: number) => void;
  /** Paper trading: a frame (its text) arrived from the upstream at `atMs`, before the venue applied it. */
  readonly upstreamFrameReceived?: (text: string, atMs: number) => void;
  /** A client's subscription to `topic` was acknowledged. */
  readonly topicSubscribed?: (stream: 'public' | 'private', topic: string, atMs: number) => void;
}

/** performance.timeOrigin + performance.now(): milliseconds since the epoch with microsecond resolution. */
export const probeClockMs = (): number => performance.timeOrigin + performance.now();
