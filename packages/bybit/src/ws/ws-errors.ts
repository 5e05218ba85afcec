// Errors the Bybit WebSocket client rejects with (market-data and execution threads). They stay inside the thread;
// across a port they become { code, message } values.

export type WsRequestOp = 'subscribe' | 'unsubscribe';

/** The venue refused a subscribe/unsubscribe (an ack with success: false), or sent no ack in time. */
export class WsSubscriptionError extends Error {
  override readonly name = 'WsSubscriptionError';
  readonly connection: string;
  readonly op: WsRequestOp;
  readonly topics: readonly string[];
  /** The ack's ret_msg, or a description of the timeout. */
  readonly retMsg: string;

  constructor(connection: string, op: WsRequestOp, topics: readonly string[], retMsg: string) {
    super(`${connection}: ${op} ${topics.join(', ')} failed: ${retMsg}`);
    this.connection = connection;
    this.op = op;
    this.topics = topics;
    this.retMsg = retMsg;
  }
}

/** The private stream refused our credentials. Fatal: retrying with the same key cannot succeed. */
export class WsAuthError extends Error {
  override readonly name = 'WsAuthError';
  readonly connection: string;
  readonly retMsg: string;

  constructor(connection: string, retMsg: string) {
    super(`${connection}: authentication failed: ${retMsg === '' ? 'no reason given' : retMsg}`);
    this.connection = connection;
    this.retMsg = retMsg;
  }
}

/** The connection was closed (by close() or a fatal error) before the call could complete. */
export class WsClosedError extends Error {
  override readonly name = 'WsClosedError';
  readonly connection: string;

  constructor(connection: string, reason: string) {
    super(`${connection}: connection closed (${reason})`);
    this.connection = connection;
  }
}
