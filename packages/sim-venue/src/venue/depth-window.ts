// The orderbook.50 view of a book as Bybit keeps it (venue thread): a subscriber holds the best `depth` levels per
// side, so a delta must delete a level that falls out of that window and add one that comes into it. Diffing the
// windows, not truncating the book's own change list, keeps a client's book uncrossed through a fast move.

import type { BookLevel, BookView } from '../core/venue-types.js';

export interface DepthDelta {
  readonly bids: readonly BookLevel[];
  readonly asks: readonly BookLevel[];
}

export class DepthWindow {
  private bids: readonly BookLevel[] = [];
  private asks: readonly BookLevel[] = [];

  constructor(private readonly depth: number) {}

  /** What changed in the window since the last call (size 0 deletes); null when nothing did. */
  delta(view: BookView): DepthDelta | null {
    const bids = view.bids.slice(0, this.depth);
    const asks = view.asks.slice(0, this.depth);
    const bidChanges = sideDelta(this.bids, bids);
    const askChanges = sideDelta(this.asks, asks);
    this.bids = bids;
    this.asks = asks;
    return bidChanges.length === 0 && askChanges.length === 0 ? null : { bids: bidChanges, asks: askChanges };
  }
}

/** Levels of `next` that are new or resized, and levels of `previous` no longer in `next` with size 0. */
function sideDelta(previous: readonly BookLevel[], next: readonly BookLevel[]): BookLevel[] {
  const before = new Map<number, number>();
  for (const level of previous) before.set(level.priceRaw, level.sizeRaw);
  const out: BookLevel[] = [];
  for (const level of next) {
    if (before.get(level.priceRaw) !== level.sizeRaw) out.push(level);
    before.delete(level.priceRaw);
  }
  for (const priceRaw of before.keys()) out.push({ priceRaw, sizeRaw: 0 });
  return out;
}
