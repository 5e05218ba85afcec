import { describe, expect, it } from '@jest/globals';
import { entryBlock, entrySide } from './entry-rules.js';

describe('entrySide', () => {
  it('goes long above +threshold and short below -threshold', () => {
    expect(entrySide(0.0011, 0.001)).toBe('Buy');
    expect(entrySide(-0.0011, 0.001)).toBe('Sell');
    expect(entrySide(0.0005, 0.001)).toBeNull();
  });

  it('does nothing at exactly the threshold, as the seed says "above"', () => {
    expect(entrySide(0.001, 0.001)).toBeNull();
    expect(entrySide(-0.001, 0.001)).toBeNull();
  });
});

describe('entryBlock', () => {
  const pass = [false, true, false, false, 10, 5, 500, 50] as const;
  const gates = (
    ...[halted, feedLive, busy, inCooldown, bookAgeMs, spreadBps, staleDataMs, maxEntrySpreadBps]: readonly [
      boolean,
      boolean,
      boolean,
      boolean,
      number,
      number,
      number,
      number,
    ]
  ) => entryBlock({ halted, feedLive, busy, inCooldown, bookAgeMs, spreadBps, staleDataMs, maxEntrySpreadBps });

  it('lets a signal through on a live feed, flat, fresh book and acceptable spread', () => {
    expect(gates(...pass)).toBeNull();
    expect(gates(false, true, false, false, 500, 50, 500, 50)).toBeNull();
  });

  it('names the first gate that fails, in order', () => {
    expect(gates(true, false, true, true, Number.POSITIVE_INFINITY, 99, 500, 50)).toBe('halted');
    expect(gates(false, false, true, true, Number.POSITIVE_INFINITY, 99, 500, 50)).toBe('feed-not-live');
    expect(gates(false, true, true, true, 10, 5, 500, 50)).toBe('busy');
    expect(gates(false, true, false, true, 10, 5, 500, 50)).toBe('cooldown');
    expect(gates(false, true, false, false, Number.POSITIVE_INFINITY, Number.NaN, 500, 50)).toBe('no-book');
    expect(gates(false, true, false, false, 501, 5, 500, 50)).toBe('stale-book');
    expect(gates(false, true, false, false, 10, 50.01, 500, 50)).toBe('wide-spread');
    expect(gates(false, true, false, false, 10, Number.NaN, 500, 50)).toBe('wide-spread');
  });
});
