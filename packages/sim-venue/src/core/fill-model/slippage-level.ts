// The fill model's slippage past the visible book (venue thread, and backtests): what a book's levels cannot fill
// fills at one bottomless level `slippageBps` beyond its last level on each side. Real books are deeper than a
// recorded or relayed one, but not free; the paper venue and the backtest use this one rule.

import Big from 'big.js';
import { scaledIntegerOrNaN } from '../market/decimal-scale.js';
import type { BookView, InstrumentSpec } from '../venue-types.js';

export class SlippageLevel {
  /** [1 - slippage, 1 + slippage], exact. */
  private readonly factor: readonly [Big, Big];

  /** `name` is the setting's name, for the error a bad value gives. */
  constructor(slippageBps: number, name = 'slippageBps') {
    if (!(slippageBps >= 0) || !Number.isFinite(slippageBps)) {
      throw new RangeError(`${name} must be a finite number of at least 0, got ${slippageBps}`);
    }
    const slippage = new Big(slippageBps).div(10_000);
    this.factor = [new Big(1).minus(slippage), new Big(1).plus(slippage)];
  }

  /** The levels of `view`, then the slippage level on each side that has levels (rounded away onto the tick grid). */
  extend(view: BookView, spec: InstrumentSpec): BookView {
    const tick = tickRawOf(spec);
    const deepSize = Number.MAX_SAFE_INTEGER;
    const lastBid = view.bids[view.bids.length - 1];
    const lastAsk = view.asks[view.asks.length - 1];
    // Built per order (or per changed book), not per frame: big.js keeps 10000.00 x 1.0011 off a float's extra tick.
    const bids = lastBid === undefined ? view.bids : [...view.bids, { priceRaw: this.slipped(lastBid.priceRaw, tick, -1), sizeRaw: deepSize }];
    const asks = lastAsk === undefined ? view.asks : [...view.asks, { priceRaw: this.slipped(lastAsk.priceRaw, tick, 1), sizeRaw: deepSize }];
    return { bids, asks, updateId: view.updateId };
  }

  /** `priceRaw` moved away from the book (direction +1 for asks, -1 for bids), onto the tick grid. */
  private slipped(priceRaw: number, tick: number, direction: 1 | -1): number {
    const moved = new Big(priceRaw).times(this.factor[direction === 1 ? 1 : 0]).div(tick);
    return moved
      .round(0, direction === 1 ? Big.roundUp : Big.roundDown)
      .times(tick)
      .toNumber();
  }
}

/** tickSize on the price scale (at least 1): the slippage level sits on a valid price. */
function tickRawOf(spec: InstrumentSpec): number {
  return Math.max(1, scaledIntegerOrNaN(spec.tickSize, spec.priceDecimals));
}
