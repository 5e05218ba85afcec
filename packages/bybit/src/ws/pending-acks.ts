// The requests of one Bybit WebSocket client still waiting for their ack (market-data and execution threads),
// matched by req_id, each with its own timeout. Some documented private-stream acks carry no req_id, so an ack
// without one settles the oldest request of its op: the venue answers a connection's requests in order.

export type AckOp = 'subscribe' | 'unsubscribe' | 'auth';

export type AckResult =
  | { readonly outcome: 'ack'; readonly success: boolean; readonly retMsg: string }
  /** No ack within the timeout. */
  | { readonly outcome: 'timeout' }
  /** The socket dropped first: the request may be sent again on the next connection. */
  | { readonly outcome: 'lost' }
  /** close() or a fatal error: nothing will be sent again. */
  | { readonly outcome: 'closed' };

export type AckSettle = (result: AckResult) => void;

interface Pending {
  readonly op: AckOp;
  readonly settle: AckSettle;
  readonly timer: NodeJS.Timeout;
}

const timedOut: AckResult = { outcome: 'timeout' };
const lost: AckResult = { outcome: 'lost' };
const closed: AckResult = { outcome: 'closed' };

export class PendingAcks {
  private readonly timeoutMs: number;
  /** Insertion-ordered, which the req_id-less fallback relies on. */
  private readonly pending = new Map<string, Pending>();

  constructor(timeoutMs: number) {
    this.timeoutMs = timeoutMs;
  }

  get size(): number {
    return this.pending.size;
  }

  /** Registers a request just sent; `settle` is called exactly once. */
  expect(reqId: string, op: AckOp, settle: AckSettle): void {
    if (this.pending.has(reqId)) throw new Error(`req_id ${reqId} is already waiting for an ack`);
    const timer = setTimeout(() => {
      this.pending.delete(reqId);
      settle(timedOut);
    }, this.timeoutMs);
    this.pending.set(reqId, { op, settle, timer });
  }

  /** Settles the request an ack answers; false when nothing waits for it (a late ack, or not ours). */
  acknowledge(op: AckOp, reqId: string | null, success: boolean, retMsg: string): boolean {
    const key = reqId === null || reqId === '' ? this.oldest(op) : reqId;
    if (key === null) return false;
    const entry = this.pending.get(key);
    if (entry === undefined || entry.op !== op) return false;
    clearTimeout(entry.timer);
    this.pending.delete(key);
    entry.settle({ outcome: 'ack', success, retMsg });
    return true;
  }

  /** Settles every waiting request with `lost` (socket dropped) or `closed` (final). */
  failAll(outcome: 'lost' | 'closed'): void {
    if (this.pending.size === 0) return;
    const entries = [...this.pending.values()];
    this.pending.clear();
    const result = outcome === 'lost' ? lost : closed;
    for (const entry of entries) {
      clearTimeout(entry.timer);
      entry.settle(result);
    }
  }

  private oldest(op: AckOp): string | null {
    for (const [reqId, entry] of this.pending) if (entry.op === op) return reqId;
    return null;
  }
}
