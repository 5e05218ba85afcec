// Tests of the fill model's slippage level (venue thread and backtests): one bottomless level past each side's last
// level, on the tick grid rounded away from the book, exact where floats would add a tick; bad settings refused.

import { describe, expect, it } from '@jest/globals';
import type { BookView, InstrumentSpec } from '../venue-types.js';
import { SlippageLevel } from './slippage-level.js';

const spec = { symbol: 'BTCUSDT', tickSize: '0.10', priceDecimals: 2, sizeDecimals: 3 } as InstrumentSpec;
const book: BookView = {
  bids: [
    { priceRaw: 1_000_010, sizeRaw: 5 },
    { priceRaw: 1_000_000, sizeRaw: 7 },
  ],
  asks: [{ priceRaw: 1_000_020, sizeRaw: 3 }],
  updateId: 9,
};

describe('SlippageLevel', () => {
  it('adds one bottomless level slippageBps past the last level of each side, rounded away onto the tick grid', () => {
    const view = new SlippageLevel(11).extend(book, spec);
    expect(view.updateId).toBe(9);
    expect(view.bids.slice(0, 2)).toEqual(book.bids);
    // 10000.00 x (1 - 0.0011) = 9989.00 exactly; 10000.20 x 1.0011 = 10011.2002, up to 10011.30.
    expect(view.bids[2]).toEqual({ priceRaw: 998_900, sizeRaw: Number.MAX_SAFE_INTEGER });
    expect(view.asks[1]).toEqual({ priceRaw: 1_001_130, sizeRaw: Number.MAX_SAFE_INTEGER });
  });

  it('lands exactly on a tick where floating point would overshoot it', () => {
    const view = new SlippageLevel(11).extend({ bids: [], asks: [{ priceRaw: 1_000_000, sizeRaw: 1 }], updateId: 1 }, spec);
    // 10000.00 x 1.0011 = 10011.00, which floats put a hair above (and a ceil one tick higher).
    expect(view.asks[1]?.priceRaw).toBe(1_001_100);
    expect(view.bids).toEqual([]);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses %p bps, naming the setting', (bps) => {
    expect(() => new SlippageLevel(bps, 'backtest.slippageBps')).toThrow(/^backtest.slippageBps must be a finite number of at least 0/);
  });
});
