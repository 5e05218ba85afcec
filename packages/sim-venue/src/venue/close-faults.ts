// The book a faulted reduce-only close meets (venue thread): only half the order's size on the side it takes, so a
// market or IOC close fills partly and the venue cancels the rest, as Bybit does when liquidity runs out.

import Big from 'big.js';
import type { BookLevel, BookView, InstrumentSpec } from '../core/venue-types.js';

export function isReduceOnly(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { reduceOnly?: unknown }).reduceOnly === true;
}

/** The touch of the side `body` takes, holding half its qty on the qty grid (at least one step, less than the whole when it can). */
export function halfDepthBook(book: BookView, body: unknown, spec: InstrumentSpec): BookView {
  const { side, qty } = body as { side?: unknown; qty?: unknown };
  const qtyRaw =
    typeof qty === 'string' && /^\d+(\.\d+)?$/.test(qty)
      ? new Big(qty)
          .times(10 ** spec.sizeDecimals)
          .round(0)
          .toNumber()
      : 0;
  // On the qty grid, as every real fill is: half of 50 with a step of 10 is 20, not 25.
  const stepRaw = Math.max(
    1,
    new Big(spec.qtyStep)
      .times(10 ** spec.sizeDecimals)
      .round(0)
      .toNumber(),
  );
  const half = Math.max(stepRaw, Math.floor(qtyRaw / 2 / stepRaw) * stepRaw);
  const thin = (levels: readonly BookLevel[]): readonly BookLevel[] => {
    const touch = levels[0];
    return touch === undefined ? [] : [{ priceRaw: touch.priceRaw, sizeRaw: Math.min(touch.sizeRaw, half) }];
  };
  return side === 'Buy' ? { ...book, asks: thin(book.asks) } : side === 'Sell' ? { ...book, bids: thin(book.bids) } : book;
}
