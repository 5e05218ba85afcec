// One side of a simulated order book in integer ticks and qty steps (venue thread), best level first, beside the
// copy last published, so a change goes out as only the levels that differ (Bybit's orderbook.50 delta).

import type { BookLevel } from '../venue-types.js';

/**
 * Levels are kept as sort keys (the price in ticks for asks, minus it for bids) so both sides ascend from the best
 * level and share one merge. Typed arrays, not level objects: the tape edits the front level thousands of times a
 * second and only published changes become objects.
 */
export class BookSide {
  readonly keys: Float64Array;
  readonly steps: Float64Array;
  count = 0;
  private readonly publishedKeys: Float64Array;
  private readonly publishedSteps: Float64Array;
  private publishedCount = 0;

  constructor(
    readonly isBid: boolean,
    readonly capacity: number,
  ) {
    this.keys = new Float64Array(capacity);
    this.steps = new Float64Array(capacity);
    this.publishedKeys = new Float64Array(capacity);
    this.publishedSteps = new Float64Array(capacity);
  }

  keyOf(priceTicks: number): number {
    return this.isBid ? -priceTicks : priceTicks;
  }

  priceTicksAt(index: number): number {
    const key = this.keys[index] as number;
    return this.isBid ? -key : key;
  }

  removeAt(index: number): void {
    this.keys.copyWithin(index, index + 1, this.count);
    this.steps.copyWithin(index, index + 1, this.count);
    this.count--;
  }

  /** Opens n slots at the front for better levels, dropping the deepest ones that no longer fit. */
  openFront(n: number): void {
    const keep = Math.min(this.count, this.capacity - n);
    this.keys.copyWithin(n, 0, keep);
    this.steps.copyWithin(n, 0, keep);
    this.count = keep + n;
  }

  push(key: number, steps: number): void {
    this.keys[this.count] = key;
    this.steps[this.count] = steps;
    this.count++;
  }

  differsFromPublished(): boolean {
    if (this.count !== this.publishedCount) return true;
    for (let i = 0; i < this.count; i++) {
      if (this.keys[i] !== this.publishedKeys[i] || this.steps[i] !== this.publishedSteps[i]) return true;
    }
    return false;
  }

  /** Appends to `out` every level that differs from the published copy, best first; size 0 deletes a level. */
  changesSincePublished(tickRaw: number, stepRaw: number, out: BookLevel[]): void {
    const sign = this.isBid ? -tickRaw : tickRaw;
    let i = 0;
    let j = 0;
    while (i < this.count || j < this.publishedCount) {
      const key = i < this.count ? (this.keys[i] as number) : Number.POSITIVE_INFINITY;
      const publishedKey = j < this.publishedCount ? (this.publishedKeys[j] as number) : Number.POSITIVE_INFINITY;
      if (key < publishedKey) {
        out.push({ priceRaw: key * sign, sizeRaw: (this.steps[i] as number) * stepRaw });
        i++;
      } else if (publishedKey < key) {
        out.push({ priceRaw: publishedKey * sign, sizeRaw: 0 });
        j++;
      } else {
        if (this.steps[i] !== this.publishedSteps[j]) {
          out.push({ priceRaw: key * sign, sizeRaw: (this.steps[i] as number) * stepRaw });
        }
        i++;
        j++;
      }
    }
  }

  markPublished(): void {
    for (let i = 0; i < this.count; i++) {
      this.publishedKeys[i] = this.keys[i] as number;
      this.publishedSteps[i] = this.steps[i] as number;
    }
    this.publishedCount = this.count;
  }

  levelAt(index: number, tickRaw: number, stepRaw: number): BookLevel {
    return { priceRaw: this.priceTicksAt(index) * tickRaw, sizeRaw: (this.steps[index] as number) * stepRaw };
  }

  levels(tickRaw: number, stepRaw: number): BookLevel[] {
    const out: BookLevel[] = new Array<BookLevel>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.levelAt(i, tickRaw, stepRaw);
    return out;
  }
}
