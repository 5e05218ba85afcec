// Fixed-capacity window of the last N trades with an O(1) VWAP (strategy thread, per-tick hot path).
// Storage is allocated once; push and vwap never allocate.

/**
 * Prices and sizes are plain numbers (raw / 10^decimals): the window feeds a momentum ratio, never an order amount,
 * so float error only has to be small, not zero. Running sums make VWAP O(1); subtracting evicted terms lets float
 * error accumulate, so the sums are rebuilt from the stored ticks every `capacity` pushes (amortised O(1)).
 */
export class TickWindow {
  readonly capacity: number;
  private readonly prices: Float64Array;
  private readonly sizes: Float64Array;
  /** Slot the next push writes. */
  private head = 0;
  private filled = 0;
  private sumPriceSize = 0;
  private sumSize = 0;
  private pushesSinceRebuild = 0;
  private lastPrice = Number.NaN;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`tick window capacity must be a positive integer, got ${capacity}`);
    }
    this.capacity = capacity;
    this.prices = new Float64Array(capacity);
    this.sizes = new Float64Array(capacity);
  }

  push(price: number, size: number): void {
    const slot = this.head;
    if (this.filled === this.capacity) {
      const oldPrice = this.prices[slot] as number;
      const oldSize = this.sizes[slot] as number;
      this.sumPriceSize -= oldPrice * oldSize;
      this.sumSize -= oldSize;
    } else {
      this.filled++;
    }
    this.prices[slot] = price;
    this.sizes[slot] = size;
    this.sumPriceSize += price * size;
    this.sumSize += size;
    this.lastPrice = price;
    this.head = slot + 1 === this.capacity ? 0 : slot + 1;
    if (++this.pushesSinceRebuild >= this.capacity) this.rebuildSums();
  }

  /** Number of trades held, at most `capacity`. */
  get count(): number {
    return this.filled;
  }

  get isFull(): boolean {
    return this.filled === this.capacity;
  }

  /** The newest price, NaN while empty. */
  get last(): number {
    return this.lastPrice;
  }

  /** Σ(price × size) / Σ(size) over the held trades; NaN while empty or if every size is zero. */
  vwap(): number {
    return this.sumSize > 0 ? this.sumPriceSize / this.sumSize : Number.NaN;
  }

  /** Forgets every trade: a new symbol or a gap in the feed must not mix with what came before. */
  reset(): void {
    this.head = 0;
    this.filled = 0;
    this.sumPriceSize = 0;
    this.sumSize = 0;
    this.pushesSinceRebuild = 0;
    this.lastPrice = Number.NaN;
  }

  private rebuildSums(): void {
    let sumPriceSize = 0;
    let sumSize = 0;
    for (let i = 0; i < this.filled; i++) {
      const size = this.sizes[i] as number;
      sumPriceSize += (this.prices[i] as number) * size;
      sumSize += size;
    }
    this.sumPriceSize = sumPriceSize;
    this.sumSize = sumSize;
    this.pushesSinceRebuild = 0;
  }
}
