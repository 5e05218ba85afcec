// Warms the entry path (strategy thread): 3,000 times at start, since entries are rare and would otherwise run big.js
// sizing in V8's interpreter (planEntry + entryOrder: 606 µs on the first call, 127 µs on the 10th, 8.5 µs once
// optimised), then a few at a time while strategy spins idle, so an entry after a quiet spell finds it in the caches.

import { createRingEntry, ringLayout, toDecimalString as d, toSymbol, type Side } from '@scalper/protocol';
import { BookState } from './book-state.js';
import { entryOrder, planEntry } from './entry-order.js';
import { resolveStrategyParams, type StrategyParams } from './strategy-params.js';
import { createSymbolContext } from './symbol-context.js';

/**
 * Runs the real planEntry and entryOrder on a made-up book (both sides, a deep and a thin book so both routes run,
 * same object shapes as live), touching no state of any StrategyCore.
 */
export class EntryPathRehearsal {
  private readonly resolved: ReturnType<typeof resolveStrategyParams>;
  private readonly ctx: ReturnType<typeof createSymbolContext>;
  private readonly books: readonly BookState[];
  private turn = 0;

  constructor(params: StrategyParams, nowMs: number) {
    this.resolved = resolveStrategyParams(params);
    const symbol = toSymbol('WARMUPUSDT');
    this.ctx = createSymbolContext(
      { previous: null, symbol, epoch: 0, scale: { symbol, priceDecimals: 2, sizeDecimals: 3, tickSize: d('0.01'), qtyStep: d('0.001') } },
      this.resolved.minTopSizeBig,
    );
    const ctx = this.ctx;
    this.books = [9_999_999_000, 1].map((sizeRaw) => {
      const book = new BookState();
      const entry = createRingEntry();
      Object.assign(entry, { kind: ringLayout.kEntryBook, priceRaw: 250_000, askPriceRaw: 250_001, sizeRaw, askSizeRaw: sizeRaw });
      Object.assign(entry, { tsEventMs: nowMs, priceDecimals: ctx.priceDecimals, sizeDecimals: ctx.sizeDecimals });
      book.update(entry, symbol, nowMs, this.resolved.staleDataMs);
      return book;
    });
  }

  /** Builds `iterations` entries, taking turns over side and book; returns how many it built, so none can be skipped. */
  run(iterations: number, nowMs: number): number {
    let built = 0;
    for (let i = 0; i < iterations; i++) {
      const turn = this.turn++ & 3;
      const side: Side = (turn & 1) === 0 ? 'Buy' : 'Sell';
      const plan = planEntry(side, this.books[turn >> 1] as BookState, this.ctx, this.resolved);
      if (typeof plan === 'string') continue;
      if (entryOrder(plan, 'warmup', this.ctx, side, nowMs).qty === plan.qty) built++;
    }
    return built;
  }
}

/** The start's warm-up: `iterations` entries; returns how many it built. */
export function warmEntryPath(params: StrategyParams, iterations: number, nowMs: number): number {
  return new EntryPathRehearsal(params, nowMs).run(iterations, nowMs);
}
