// Problems the Bybit WebSocket client counts and reports instead of throwing (market-data and execution threads):
// frames it cannot use, acks nobody waits for, pong timeouts, topics the venue refused when they were replayed.

export type WsProblemKind = 'malformed-frame' | 'unknown-frame' | 'unmatched-ack' | 'pong-timeout' | 'replay-failed';

export interface WsProblem {
  readonly connection: string;
  readonly kind: WsProblemKind;
  readonly message: string;
  /** The start of the offending frame; '' when the problem has none. */
  readonly sample: string;
}

export type WsProblemListener = (problem: WsProblem) => void;

/** Passes problems to the listener; frame problems only once per distinct reason so a bad feed cannot flood logs. */
export class WsProblemReporter {
  private readonly connection: string;
  private readonly listener: WsProblemListener | undefined;
  private readonly maxReasons: number;
  private readonly seen = new Set<string>();
  private silenced = false;

  constructor(connection: string, listener: WsProblemListener | undefined, maxReasons = 256) {
    this.connection = connection;
    this.listener = listener;
    this.maxReasons = maxReasons;
  }

  /** Reports every occurrence: for rare events such as a pong timeout. */
  report(kind: WsProblemKind, message: string, sample = ''): void {
    this.listener?.({ connection: this.connection, kind, message, sample });
  }

  /** Reports the first occurrence of each (kind, reason); the caller counts every one. */
  reportOnce(kind: WsProblemKind, reason: string, sample: string): void {
    if (this.listener === undefined || this.silenced) return;
    const key = `${kind}\n${reason}`;
    if (this.seen.has(key)) return;
    // Reasons can embed topic names, so the set is capped rather than allowed to grow with a hostile feed.
    if (this.seen.size >= this.maxReasons) {
      this.silenced = true;
      this.report(kind, `more than ${this.maxReasons} distinct problem reasons; further new ones are counted only`);
      return;
    }
    this.seen.add(key);
    this.report(kind, reason, sample);
  }
}
