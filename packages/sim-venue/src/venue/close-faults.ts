// The book a faulted reduce-only close meets (venue thread): only half the order's size on the side it takes, so a
// market or IOC close fills partly and the venue cancels the rest, as Bybit does when liquidity runs out.

import Big from 'big.js';
import type { BookLevel, BookView, InstrumentSpec } from '../core/venue-types.js';

export function isReduceOnly(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { reduceOnly?: unknown }).reduceOnly === true;
}

/** The touch of the side `body` takes, holding half its qty (at least one step, less than the whole when it can). */
export function halfDepthBook(book: BookView, body: unknown, spec: InstrumentSpec): BookView {
  const { side, qty } = body as { side?: unknown; qty?: unknown };
  const qtyRaw =
    typeof qty === 'string' && /^\d+(\.\d+)?$/.test(qty)
      ? new Big(qty)
          .times(10 ** spec.sizeDecimals)
          .round(0)
          .toNumber()
      : 0;
  const half = Math.max(1, Math.floor(qtyRaw / 2));
  const thin = (levels: readonly BookLevel[]): readonly BookLevel[] => {
    const touch = levels[0];
    return touch === undefined ? [] : [{ priceRaw: touch.priceRaw, sizeRaw: Math.min(touch.sizeRaw, half) }];
  };
  return side === 'Buy' ? { ...book, asks: thin(book.asks) } : side === 'Sell' ? { ...book, bids: thin(book.bids) } : book;
}
