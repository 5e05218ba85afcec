import { describe, expect, it } from '@jest/globals';
import { PriceHistory } from './price-history.js';

const t0 = Date.UTC(2026, 11, 7, 12);

describe('PriceHistory', () => {
  it('keeps one point a second, updating a second sampled twice, and hands out only what is new', () => {
    const history = new PriceHistory();
    history.sample('SUIUSDT', 4.1, t0);
    expect(history.takeFresh()).toEqual({ points: [{ time: t0 / 1_000, price: 4.1 }], reset: true });
    history.sample('SUIUSDT', 4.2, t0 + 400);
    history.sample('SUIUSDT', 4.3, t0 + 1_100);
    expect(history.takeFresh()).toEqual({
      points: [
        { time: t0 / 1_000, price: 4.2 },
        { time: t0 / 1_000 + 1, price: 4.3 },
      ],
      reset: false,
    });
    expect(history.takeFresh()).toEqual({ points: [], reset: false });
    expect(history.window()).toHaveLength(2);
  });

  it('starts over on a new symbol, skips a missing price, and keeps the newest `capacity` points', () => {
    const history = new PriceHistory(3);
    for (let second = 0; second < 5; second++) history.sample('SUIUSDT', 4 + second, t0 + second * 1_000);
    expect(history.window().map((p) => p.price)).toEqual([6, 7, 8]);
    history.takeFresh();
    history.sample('WIFUSDT', null, t0 + 6_000);
    history.sample('WIFUSDT', 2.5, t0 + 7_000);
    expect(history.takeFresh()).toEqual({ points: [{ time: t0 / 1_000 + 7, price: 2.5 }], reset: true });
    history.sample('WIFUSDT', 2.6, t0 + 5_000); // the clock stepped back: ignored
    expect(history.window()).toEqual([{ time: t0 / 1_000 + 7, price: 2.5 }]);
  });
});
