// The tagged union every Bybit WebSocket frame is classified into (market-data and execution threads). Data
// frames keep the venue's raw items; the pure parsers in ws-parsers.ts turn them into protocol types.

/** [price, size] exactly as Bybit sends them: decimal strings. Size "0" in a delta deletes the level. */
export type BookLevelText = readonly [price: string, size: string];

export type BookAction = 'snapshot' | 'delta';

export interface TradeFrame {
  readonly kind: 'trade';
  readonly topic: string;
  readonly symbol: string;
  readonly tsMs: number;
  /** The raw trade items ({T,s,S,v,p,L,i,BT,seq}); checked one by one by parseWsTrade. */
  readonly data: readonly unknown[];
}

export interface OrderBookFrame {
  readonly kind: 'orderbook';
  readonly topic: string;
  readonly symbol: string;
  readonly depth: number;
  readonly action: BookAction;
  readonly tsMs: number;
  /** Matching-engine time; null when the venue leaves it out. */
  readonly ctsMs: number | null;
  /**
   * The raw `[price, size]` levels: the classifier only checks they are arrays. The book that applies them (the L2
   * book, the replay book) checks each level as it parses its price, so no level is read twice on the hot path.
   */
  readonly bids: readonly unknown[];
  readonly asks: readonly unknown[];
  /** `u`: consecutive per topic; 1 means the venue restarted the book (treat as a snapshot). */
  readonly updateId: number;
  readonly seq: number | null;
}

export interface TickerFrame {
  readonly kind: 'ticker';
  readonly topic: string;
  readonly symbol: string;
  readonly action: BookAction;
  readonly tsMs: number;
  readonly data: Readonly<Record<string, unknown>>;
}

export type PrivateTopic = 'order' | 'execution' | 'position' | 'wallet';

export interface PrivateFrame {
  readonly kind: PrivateTopic;
  readonly topic: string;
  readonly creationTimeMs: number;
  readonly data: readonly unknown[];
}

export interface SubscriptionAckFrame {
  readonly kind: 'subscription-ack';
  readonly op: 'subscribe' | 'unsubscribe';
  readonly success: boolean;
  readonly retMsg: string;
  readonly reqId: string | null;
  readonly connId: string | null;
}

export interface AuthAckFrame {
  readonly kind: 'auth-ack';
  readonly success: boolean;
  readonly retMsg: string;
  readonly reqId: string | null;
  readonly connId: string | null;
}

/**
 * The WebSocket trade API's answer to order.create / order.cancel / order.amend: `retCode` 0 means accepted (the
 * private order stream says what became of it). A failure in the old shape ({success, ret_msg}) has no retCode
 * and, sometimes, no reqId: the client cannot tell what it answers and treats every request of that op as unsure.
 */
export interface TradeResponseFrame {
  readonly kind: 'trade-response';
  readonly op: string;
  readonly reqId: string | null;
  readonly retCode: number | null;
  readonly retMsg: string;
  /** `{orderId, orderLinkId}` on success, as REST's `result`; often `{}` on a failure. */
  readonly data: unknown;
  /** X-Bapi-Limit, X-Bapi-Limit-Status, X-Bapi-Limit-Reset-Timestamp, Traceid, Timenow: names lower-cased. */
  readonly header: Readonly<Record<string, string>>;
  readonly connId: string | null;
}

/** Public linear answers a ping with op "ping" + ret_msg "pong"; the private stream with op "pong". */
export interface PongFrame {
  readonly kind: 'pong';
  readonly reqId: string | null;
  readonly serverTimeMs: number | null;
}

/** Well-formed JSON that is no frame we know (another topic or op). */
export interface UnknownFrame {
  readonly kind: 'unknown';
  readonly reason: string;
  /** At most the first 200 characters, for one log line. */
  readonly sample: string;
}

/** Not JSON, or a known frame type with fields missing or of the wrong type. */
export interface MalformedFrame {
  readonly kind: 'malformed';
  readonly reason: string;
  readonly sample: string;
}

export type WsFrame =
  | TradeFrame
  | OrderBookFrame
  | TickerFrame
  | PrivateFrame
  | TradeResponseFrame
  | SubscriptionAckFrame
  | AuthAckFrame
  | PongFrame
  | UnknownFrame
  | MalformedFrame;

export type WsFrameKind = WsFrame['kind'];
