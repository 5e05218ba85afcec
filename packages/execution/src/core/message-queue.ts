// The execution runtime's message queue (execution thread, and backtests): strategy's messages are handled one at a
// time in arrival order, so a close never overtakes the entry it closes. It says what is in flight and for how long,
// and how many wait behind it: a stuck queue shows in the stats.

export interface InFlight<T> {
  readonly item: T;
  readonly forMs: number;
}

export class MessageQueue<T> {
  private tail: Promise<void> = Promise.resolve();
  private queued = 0;
  private current: { item: T; sinceMs: number } | null = null;

  constructor(
    /** Handles one item; it must not reject (the runtime turns failures into values before they get here). */
    private readonly handle: (item: T) => Promise<void>,
    private readonly now: () => number,
  ) {}

  /** Resolves when `item` has been handled. */
  push(item: T): Promise<void> {
    this.queued++;
    const done = this.tail.then(async () => {
      this.queued--;
      this.current = { item, sinceMs: this.now() };
      try {
        await this.handle(item);
      } finally {
        this.current = null;
      }
    });
    // A rejected item must not stop the ones behind it.
    this.tail = done.catch(() => undefined);
    return done;
  }

  /** Resolves once everything pushed so far has been handled. */
  drained(): Promise<void> {
    return this.tail;
  }

  waiting(): number {
    return this.queued;
  }

  inFlight(): InFlight<T> | null {
    return this.current === null ? null : { item: this.current.item, forMs: this.now() - this.current.sinceMs };
  }
}
