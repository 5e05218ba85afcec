// A one-way link with the fill model's latency in real time (venue thread, paper trading): what is sent is handed
// on `latency` later, and never before what was sent earlier (jitter must not reorder a cancel and the close behind
// it, nor a fill's events). One timer for the whole line, armed for the oldest held item.

import type { LatencyModel } from '../core/fill-model/latency-model.js';

interface Held {
  readonly atMs: number;
  readonly deliver: () => void;
}

export class HeldLine {
  private readonly held: Held[] = [];
  private head = 0;
  private lastArrivalMs = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly latency: LatencyModel,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Hands `deliver` on after the line's latency, in the order sent. */
  send(deliver: () => void): void {
    if (this.closed) return;
    const atMs = Math.max(this.now() + this.latency.next(), this.lastArrivalMs);
    this.lastArrivalMs = atMs;
    this.held.push({ atMs, deliver });
    if (this.timer === null) this.arm();
  }

  get heldCount(): number {
    return this.held.length - this.head;
  }

  /** Drops what is held: a closing venue answers nothing more. */
  close(): void {
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.held.length = 0;
    this.head = 0;
  }

  private arm(): void {
    const next = this.held[this.head];
    if (next === undefined) return;
    this.timer = setTimeout(() => this.release(), Math.max(0, next.atMs - this.now()));
  }

  private release(): void {
    this.timer = null;
    const now = this.now();
    // setTimeout may fire a fraction of a millisecond early: what is due within 1 ms goes now, in order.
    while (this.head < this.held.length && (this.held[this.head] as Held).atMs <= now + 1) {
      const item = this.held[this.head++] as Held;
      item.deliver();
      if (this.closed) return;
    }
    if (this.head === this.held.length) {
      this.held.length = 0;
      this.head = 0;
    }
    this.arm();
  }
}
