// Walks the public book for a taking order (venue thread): level by level from the best, up to the limit price,
// until the quantity is met. The book is read, never changed: the result says what was taken from each level.

import type Big from 'big.js';
import { bigToRaw, kZero, minBig, rawToBig } from './exact-decimal.js';
import type { Side } from './trading-types.js';
import type { BookLevel, BookView, InstrumentSpec } from '../venue-types.js';

export interface LevelFill {
  readonly priceRaw: number;
  readonly price: Big;
  readonly qty: Big;
}

export interface BookWalk {
  readonly fills: readonly LevelFill[];
  readonly filledQty: Big;
}

/** The side a taker on `side` hits: asks for a Buy, bids for a Sell (both best first). */
export function oppositeLevels(book: BookView, side: Side): readonly BookLevel[] {
  return side === 'Buy' ? book.asks : book.bids;
}

/** Whether a limit at `priceRaw` on `side` would trade against the book right now. */
export function crossesBook(book: BookView, side: Side, priceRaw: number): boolean {
  const best = oppositeLevels(book, side)[0];
  if (best === undefined) return false;
  return side === 'Buy' ? priceRaw >= best.priceRaw : priceRaw <= best.priceRaw;
}

/**
 * Takes up to `qty` from the levels a `side` taker hits, best first, stopping at the first level beyond
 * `limitRaw` (a Buy takes asks at or below it, a Sell bids at or above it).
 */
export function walkBook(book: BookView, side: Side, limitRaw: number, qty: Big, spec: InstrumentSpec): BookWalk {
  const fills: LevelFill[] = [];
  let remaining = qty;
  for (const level of oppositeLevels(book, side)) {
    if (remaining.lte(0)) break;
    if (side === 'Buy' ? level.priceRaw > limitRaw : level.priceRaw < limitRaw) break;
    if (level.sizeRaw <= 0) continue;
    const take = minBig(remaining, rawToBig(level.sizeRaw, spec.sizeDecimals));
    fills.push({ priceRaw: level.priceRaw, price: rawToBig(level.priceRaw, spec.priceDecimals), qty: take });
    remaining = remaining.minus(take);
  }
  return { fills, filledQty: qty.minus(remaining.gt(0) ? remaining : kZero) };
}

/** The walk as book levels, for the market model to remove what was taken. */
export function takenLevels(fills: readonly LevelFill[], spec: InstrumentSpec): readonly BookLevel[] {
  return fills.map((fill) => ({ priceRaw: fill.priceRaw, sizeRaw: bigToRaw(fill.qty, spec.sizeDecimals) }));
}
