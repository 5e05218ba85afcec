// Test support for the market simulation (tests only): a subscriber-side book rebuilt from snapshot and deltas,
// and the invariants every simulated book must keep.

import type { BookChange, BookLevel, BookView, InstrumentSpec } from '../../venue-types.js';
import { toScaledInteger } from '../decimal-scale.js';

/** What a Bybit client does with orderbook.50: start from a snapshot, apply deltas, size 0 deletes. */
export class BookMirror {
  private readonly bids = new Map<number, number>();
  private readonly asks = new Map<number, number>();
  updateId: number;
  readonly gaps: number[] = [];

  constructor(snapshot: BookView) {
    for (const level of snapshot.bids) this.bids.set(level.priceRaw, level.sizeRaw);
    for (const level of snapshot.asks) this.asks.set(level.priceRaw, level.sizeRaw);
    this.updateId = snapshot.updateId;
  }

  apply(change: BookChange): void {
    if (change.updateId !== this.updateId + 1) this.gaps.push(change.updateId);
    this.updateId = change.updateId;
    for (const level of change.bids) {
      if (level.sizeRaw === 0) this.bids.delete(level.priceRaw);
      else this.bids.set(level.priceRaw, level.sizeRaw);
    }
    for (const level of change.asks) {
      if (level.sizeRaw === 0) this.asks.delete(level.priceRaw);
      else this.asks.set(level.priceRaw, level.sizeRaw);
    }
  }

  view(): BookView {
    const levels = (side: Map<number, number>, descending: boolean): BookLevel[] =>
      [...side.entries()]
        .map(([priceRaw, sizeRaw]) => ({ priceRaw, sizeRaw }))
        .sort((a, b) => (descending ? b.priceRaw - a.priceRaw : a.priceRaw - b.priceRaw));
    return { bids: levels(this.bids, true), asks: levels(this.asks, false), updateId: this.updateId };
  }
}

/** Every broken invariant of a book, as readable lines; an empty list means the book is sound. */
export function bookProblems(book: BookView, spec: InstrumentSpec): string[] {
  const problems: string[] = [];
  const tick = toScaledInteger(spec.tickSize, spec.priceDecimals);
  const step = toScaledInteger(spec.qtyStep, spec.sizeDecimals);
  const minPrice = toScaledInteger(spec.minPrice, spec.priceDecimals);
  const maxPrice = toScaledInteger(spec.maxPrice, spec.priceDecimals);
  const minQty = toScaledInteger(spec.minOrderQty, spec.sizeDecimals);
  const check = (side: string, levels: readonly BookLevel[], descending: boolean): void => {
    if (levels.length === 0 || levels.length > 50) problems.push(`${side}: ${levels.length} levels`);
    levels.forEach((level, i) => {
      const where = `${side}[${i}] ${level.priceRaw}x${level.sizeRaw}`;
      if (!Number.isSafeInteger(level.priceRaw) || level.priceRaw % tick !== 0) problems.push(`${where}: off tick`);
      if (level.priceRaw < minPrice || level.priceRaw > maxPrice) problems.push(`${where}: outside the price limits`);
      if (!Number.isSafeInteger(level.sizeRaw) || level.sizeRaw % step !== 0) problems.push(`${where}: off qtyStep`);
      if (level.sizeRaw < minQty) problems.push(`${where}: below minOrderQty`);
      const previous = levels[i - 1];
      if (previous === undefined) return;
      const gap = descending ? previous.priceRaw - level.priceRaw : level.priceRaw - previous.priceRaw;
      if (gap <= 0) problems.push(`${where}: not strictly ${descending ? 'descending' : 'ascending'}`);
    });
  };
  check('bids', book.bids, true);
  check('asks', book.asks, false);
  const bestBid = book.bids[0];
  const bestAsk = book.asks[0];
  if (bestBid !== undefined && bestAsk !== undefined && bestBid.priceRaw >= bestAsk.priceRaw) {
    problems.push(`crossed: bid ${bestBid.priceRaw} >= ask ${bestAsk.priceRaw}`);
  }
  return problems;
}
