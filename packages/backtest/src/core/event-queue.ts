// The backtest's timeline (backtest thread): events at venue times, run earliest first and, at equal times, in the
// order they were scheduled. A binary heap, because timers, order deliveries and feedback interleave at random.

export type TimedAction = () => void | Promise<void>;

interface TimedEvent {
  readonly atMs: number;
  readonly seq: number;
  readonly run: TimedAction;
}

function before(a: TimedEvent, b: TimedEvent): boolean {
  return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
}

export class EventQueue {
  private readonly heap: TimedEvent[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  /** The time of the earliest event; +Infinity when empty. */
  get nextAtMs(): number {
    return this.heap[0]?.atMs ?? Number.POSITIVE_INFINITY;
  }

  schedule(atMs: number, run: TimedAction): void {
    if (!Number.isFinite(atMs)) throw new RangeError(`event time must be finite, got ${atMs}`);
    const heap = this.heap;
    heap.push({ atMs, seq: this.seq++, run });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i] as TimedEvent, heap[parent] as TimedEvent)) break;
      [heap[i], heap[parent]] = [heap[parent] as TimedEvent, heap[i] as TimedEvent];
      i = parent;
    }
  }

  /**
   * Runs `task` at `firstAtMs`, then `periodMs` after each run on `nowMs()`'s clock, until the returned function is
   * called. A run's promise is the event's, so the replay waits for it.
   */
  repeat(firstAtMs: number, periodMs: number, nowMs: () => number, task: TimedAction): () => void {
    let active = true;
    const fire = (): void | Promise<void> => {
      if (!active) return;
      this.schedule(nowMs() + periodMs, fire);
      return task();
    };
    this.schedule(firstAtMs, fire);
    return () => {
      active = false;
    };
  }

  /** Removes and returns the earliest event, or null. */
  pop(): { readonly atMs: number; readonly run: TimedAction } | null {
    const heap = this.heap;
    const top = heap[0];
    if (top === undefined) return null;
    const last = heap.pop() as TimedEvent;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && before(heap[left] as TimedEvent, heap[smallest] as TimedEvent)) smallest = left;
        if (right < heap.length && before(heap[right] as TimedEvent, heap[smallest] as TimedEvent)) smallest = right;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest] as TimedEvent, heap[i] as TimedEvent];
        i = smallest;
      }
    }
    return top;
  }
}
