// Warms the entry path (strategy thread, once at start): entries are rare, so without this each one runs big.js
// sizing in V8's interpreter. Measured on this machine: planEntry + entryOrder take 606 µs on the first call,
// 127 µs on the 10th and 8.5 µs once optimised; a scalper should not pay that on the orders that matter.

import { createRingEntry, ringLayout, toDecimalString as d, toSymbol, type Side } from '@scalper/protocol';
import { BookState } from './book-state.js';
import { entryOrder, planEntry } from './entry-order.js';
import { resolveStrategyParams, type StrategyParams } from './strategy-params.js';
import { createSymbolContext } from './symbol-context.js';

/**
 * Runs the real planEntry and entryOrder `iterations` times on a made-up book (both sides, same object shapes as
 * live), touching no state of any StrategyCore. Returns how many orders it built, so the work cannot be skipped.
 */
export function warmEntryPath(params: StrategyParams, iterations: number, nowMs: number): number {
  const resolved = resolveStrategyParams(params);
  const symbol = toSymbol('WARMUPUSDT');
  const ctx = createSymbolContext(
    { previous: null, symbol, epoch: 0, scale: { symbol, priceDecimals: 2, sizeDecimals: 3, tickSize: d('0.01'), qtyStep: d('0.001') } },
    resolved.minTopSizeBig,
  );
  // A deep book and a thin one, so both routes (market IOC and PostOnly limit) get warmed.
  const books = [9_999_999_000, 1].map((sizeRaw) => {
    const book = new BookState();
    const entry = createRingEntry();
    Object.assign(entry, { kind: ringLayout.kEntryBook, priceRaw: 250_000, askPriceRaw: 250_001, sizeRaw, askSizeRaw: sizeRaw });
    Object.assign(entry, { tsEventMs: nowMs, priceDecimals: ctx.priceDecimals, sizeDecimals: ctx.sizeDecimals });
    book.update(entry, symbol, nowMs, resolved.staleDataMs);
    return book;
  });
  let built = 0;
  for (let i = 0; i < iterations; i++) {
    const side: Side = (i & 1) === 0 ? 'Buy' : 'Sell';
    const plan = planEntry(side, books[(i >> 1) & 1] as BookState, ctx, resolved);
    if (typeof plan === 'string') continue;
    if (entryOrder(plan, 'warmup', ctx, side, nowMs).qty === plan.qty) built++;
  }
  return built;
}
