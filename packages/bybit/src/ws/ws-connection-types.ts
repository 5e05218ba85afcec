// The public shapes of the Bybit WebSocket client (market-data and execution threads): its states, the data frames
// it hands on, its listeners and its counters.

import type { OrderBookFrame, PrivateFrame, TickerFrame, TradeFrame, TradeResponseFrame, WsFrameKind } from '../parse/ws-frame.js';
import type { WsProblemListener } from './ws-problem.js';

/** idle → connecting → (authenticating →) open → reconnecting → connecting → …; closed is final. */
export type WsConnectionState = 'idle' | 'connecting' | 'authenticating' | 'open' | 'reconnecting' | 'closed';

/** The frames a connection passes on; acks and pongs are its own business. */
export type WsDataFrame = TradeFrame | OrderBookFrame | TickerFrame | PrivateFrame | TradeResponseFrame;

export interface WsConnectionListeners {
  /**
   * Data frames in arrival order, with the time the socket delivered the frame (performance.timeOrigin +
   * performance.now(), ms), taken before the frame is parsed, and the frame's text exactly as received (recorders
   * store it). Runs inside the socket callback: a throw is a bug.
   */
  readonly onFrame: (frame: WsDataFrame, receivedAtMs: number, text: string) => void;
  /**
   * With it, the connection keeps the last trade frame as the socket delivered it, and rehearse() runs it through the
   * same decoding and classifier again, handing the result here instead of to onFrame (a hot path kept warm).
   */
  readonly onRehearsal?: (frame: TradeFrame, receivedAtMs: number) => void;
  readonly onStateChange?: (state: WsConnectionState, reason: string) => void;
  /** Counted problems; frame problems are reported once per distinct reason. */
  readonly onProblem?: WsProblemListener;
}

export interface WsConnectionStats {
  readonly state: WsConnectionState;
  readonly framesByKind: Readonly<Record<WsFrameKind, number>>;
  /** Connections lost or failed without close() being called; each one scheduled a new attempt. */
  readonly reconnects: number;
  readonly pongTimeouts: number;
  readonly malformed: number;
  readonly unknown: number;
  /** Date.now() when the last frame of any kind arrived; null before the first. */
  readonly lastFrameAtMs: number | null;
  /** Confirmed topics, which a reconnect replays. */
  readonly topics: number;
}

export function zeroFrameCounts(): Record<WsFrameKind, number> {
  return {
    trade: 0,
    orderbook: 0,
    ticker: 0,
    order: 0,
    execution: 0,
    position: 0,
    wallet: 0,
    'trade-response': 0,
    'subscription-ack': 0,
    'auth-ack': 0,
    pong: 0,
    unknown: 0,
    malformed: 0,
  };
}
