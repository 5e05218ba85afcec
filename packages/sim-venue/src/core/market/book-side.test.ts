import { describe, expect, it } from '@jest/globals';
import type { BookLevel } from '../venue-types.js';
import { BookSide } from './book-side.js';

function side(isBid: boolean, prices: number[], sizes: number[]): BookSide {
  const book = new BookSide(isBid, 8);
  prices.forEach((price, i) => book.push(book.keyOf(price), sizes[i] ?? 1));
  return book;
}

describe('book side', () => {
  it('keeps bids best first by storing minus the price', () => {
    const bids = side(true, [105, 104, 102], [1, 2, 3]);
    expect(bids.levels(10, 1)).toEqual([
      { priceRaw: 1050, sizeRaw: 1 },
      { priceRaw: 1040, sizeRaw: 2 },
      { priceRaw: 1020, sizeRaw: 3 },
    ]);
  });

  it('publishes only the levels that changed, with size 0 for removed ones', () => {
    const asks = side(false, [10, 11, 12, 13], [5, 5, 5, 5]);
    asks.markPublished();
    asks.removeAt(0); // 10 gone
    asks.steps[1] = 7; // 12 resized
    asks.openFront(1); // 9 added in front
    asks.keys[0] = 9;
    asks.steps[0] = 2;
    asks.push(14, 4); // 14 added at the back
    const out: BookLevel[] = [];
    asks.changesSincePublished(1, 1, out);
    expect(out).toEqual([
      { priceRaw: 9, sizeRaw: 2 },
      { priceRaw: 10, sizeRaw: 0 },
      { priceRaw: 12, sizeRaw: 7 },
      { priceRaw: 14, sizeRaw: 4 },
    ]);
    expect(asks.differsFromPublished()).toBe(true);
    asks.markPublished();
    expect(asks.differsFromPublished()).toBe(false);
    const none: BookLevel[] = [];
    asks.changesSincePublished(1, 1, none);
    expect(none).toEqual([]);
  });

  it('drops the deepest levels when better ones open at the front of a full side', () => {
    const asks = side(false, [10, 11, 12, 13, 14, 15, 16, 17], [1, 1, 1, 1, 1, 1, 1, 1]);
    asks.openFront(3);
    for (let i = 0; i < 3; i++) asks.keys[i] = 7 + i;
    expect(asks.count).toBe(8);
    expect(Array.from(asks.keys)).toEqual([7, 8, 9, 10, 11, 12, 13, 14]);
  });
});
