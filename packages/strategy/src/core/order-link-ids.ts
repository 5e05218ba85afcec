// Client order ids (Bybit's orderLinkId) for strategy's orders (strategy thread).
// Deterministic, so a replay produces the same ids; unique within a run; at most 36 characters, as Bybit allows.

export type OrderLinkTag = 'e' | 'x';

/** Bybit's limit on orderLinkId. */
const maxOrderLinkIdLength = 36;

/**
 * `<prefix>-<epoch>-<counter>-<tag>`, tag e = entry, x = exit. The counter never restarts within a run, so ids stay
 * unique even if an epoch repeats; across restarts the prefix must differ (the worker derives it from the run).
 */
export class OrderLinkIds {
  private counter = 0;

  constructor(readonly prefix: string) {
    if (!/^[A-Za-z0-9_]{1,12}$/.test(prefix)) {
      throw new RangeError(`orderLinkId prefix must be 1-12 letters, digits or underscores, got ${JSON.stringify(prefix)}`);
    }
  }

  next(epoch: number, tag: OrderLinkTag): string {
    this.counter++;
    const id = `${this.prefix}-${epoch}-${this.counter}-${tag}`;
    if (id.length > maxOrderLinkIdLength) {
      throw new RangeError(`orderLinkId ${id} is longer than ${maxOrderLinkIdLength} characters`);
    }
    return id;
  }

  /** Ids issued so far. */
  get issued(): number {
    return this.counter;
  }
}
