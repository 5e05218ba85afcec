// One side of an L2 order book: price levels kept sorted best-first (market-data thread).
// Keys are prices as exact integers scaled by the instrument's price decimals, so lookups never compare floats.

import type { BookLevelText } from '../parse/ws-frame.js';

export type BookSideName = 'bid' | 'ask';

/**
 * Sorted parallel arrays rather than a tree: Bybit caps the book at 50 levels (orderbook.50) and most updates
 * touch the top, so a binary search plus an in-place shift beats a tree at this size.
 * Bids store negated keys so both sides sort ascending and the best level is always index 0.
 */
export class BookSide {
  readonly name: BookSideName;
  private readonly sign: 1 | -1;
  private readonly sortKeys: number[] = [];
  /** The venue's price text, kept so top() hands out exactly what Bybit sent. */
  private readonly priceTexts: string[] = [];
  private readonly sizeTexts: string[] = [];

  constructor(name: BookSideName) {
    this.name = name;
    this.sign = name === 'bid' ? -1 : 1;
  }

  get length(): number {
    return this.sortKeys.length;
  }

  clear(): void {
    this.sortKeys.length = 0;
    this.priceTexts.length = 0;
    this.sizeTexts.length = 0;
  }

  /** Inserts the level or replaces its size. `key` is the scaled price (never negated by the caller). */
  set(key: number, priceText: string, sizeText: string): void {
    const sortKey = key * this.sign;
    const index = this.lowerBound(sortKey);
    if (this.sortKeys[index] === sortKey) {
      this.priceTexts[index] = priceText;
      this.sizeTexts[index] = sizeText;
      return;
    }
    // Shift by hand: splice would allocate the (empty) array of removed items on every insert.
    for (let i = this.sortKeys.length; i > index; i--) {
      this.sortKeys[i] = this.sortKeys[i - 1] as number;
      this.priceTexts[i] = this.priceTexts[i - 1] as string;
      this.sizeTexts[i] = this.sizeTexts[i - 1] as string;
    }
    this.sortKeys[index] = sortKey;
    this.priceTexts[index] = priceText;
    this.sizeTexts[index] = sizeText;
  }

  /** Deletes the level; deleting a level the book does not hold is normal (it may have left our depth). */
  delete(key: number): boolean {
    const sortKey = key * this.sign;
    const index = this.lowerBound(sortKey);
    if (this.sortKeys[index] !== sortKey) return false;
    const last = this.sortKeys.length - 1;
    for (let i = index; i < last; i++) {
      this.sortKeys[i] = this.sortKeys[i + 1] as number;
      this.priceTexts[i] = this.priceTexts[i + 1] as string;
      this.sizeTexts[i] = this.sizeTexts[i + 1] as string;
    }
    this.truncate(last);
    return true;
  }

  /** Drops the levels beyond `depth`, the worst ones. */
  truncate(depth: number): void {
    if (this.sortKeys.length <= depth) return;
    this.sortKeys.length = depth;
    this.priceTexts.length = depth;
    this.sizeTexts.length = depth;
  }

  /** The best price as a scaled integer, or null when the side is empty. */
  bestKey(): number | null {
    const sortKey = this.sortKeys[0];
    return sortKey === undefined ? null : sortKey * this.sign;
  }

  bestPriceText(): string | null {
    return this.priceTexts[0] ?? null;
  }

  bestSizeText(): string | null {
    return this.sizeTexts[0] ?? null;
  }

  /** A copy of the levels, best first, as [price, size] text (for tests, logs and depth consumers). */
  levels(): BookLevelText[] {
    const out: BookLevelText[] = [];
    for (let i = 0; i < this.sortKeys.length; i++) {
      out.push([this.priceTexts[i] as string, this.sizeTexts[i] as string]);
    }
    return out;
  }

  /** First index whose sort key is >= `sortKey`. */
  private lowerBound(sortKey: number): number {
    let low = 0;
    let high = this.sortKeys.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.sortKeys[mid] as number) < sortKey) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
