// One lane of the execution runtime's queue (execution thread, and backtests): its messages are handled one at a
// time in arrival order. Items still waiting can be taken out (an entry a close overtook must never be sent), and
// the stats say what is in flight and for how long, and how many wait behind it: a stuck lane shows there.

export interface InFlight<T> {
  readonly item: T;
  readonly forMs: number;
}

interface Waiting<T> {
  readonly item: T;
  readonly done: () => void;
  readonly failed: (error: unknown) => void;
}

export class MessageQueue<T> {
  private readonly waitingItems: Waiting<T>[] = [];
  private current: { item: T; sinceMs: number } | null = null;
  private idleWaiters: (() => void)[] = [];

  constructor(
    /** Handles one item; it must not reject (the runtime turns failures into values before they get here). */
    private readonly handle: (item: T) => Promise<void>,
    private readonly now: () => number,
  ) {}

  /** Resolves when `item` has been handled, or taken out unhandled by drop(). */
  push(item: T): Promise<void> {
    return new Promise<void>((done, failed) => {
      this.waitingItems.push({ item, done, failed });
      this.next();
    });
  }

  /** Takes out the waiting items `matches` picks (never the one in flight) and returns them, in order. */
  drop(matches: (item: T) => boolean): T[] {
    const dropped: T[] = [];
    for (let i = 0; i < this.waitingItems.length;) {
      const waiting = this.waitingItems[i] as Waiting<T>;
      if (!matches(waiting.item)) {
        i++;
        continue;
      }
      this.waitingItems.splice(i, 1);
      dropped.push(waiting.item);
      waiting.done();
    }
    this.notifyIfIdle();
    return dropped;
  }

  /** Resolves once everything pushed so far has been handled (or dropped). */
  drained(): Promise<void> {
    if (this.current === null && this.waitingItems.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  waiting(): number {
    return this.waitingItems.length;
  }

  inFlight(): InFlight<T> | null {
    return this.current === null ? null : { item: this.current.item, forMs: this.now() - this.current.sinceMs };
  }

  private next(): void {
    if (this.current !== null) return;
    const waiting = this.waitingItems.shift();
    if (waiting === undefined) {
      this.notifyIfIdle();
      return;
    }
    this.current = { item: waiting.item, sinceMs: this.now() };
    // A rejected item must not stop the ones behind it.
    this.handle(waiting.item)
      .then(waiting.done, waiting.failed)
      .finally(() => {
        this.current = null;
        this.next();
      });
  }

  private notifyIfIdle(): void {
    if (this.current !== null || this.waitingItems.length > 0 || this.idleWaiters.length === 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
