import { describe, expect, it } from '@jest/globals';
import { BookSide } from './book-side.js';

/** Deterministic PRNG (mulberry32) so a failure replays identically. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('BookSide', () => {
  it('keeps bids best-first (descending) and asks best-first (ascending)', () => {
    const bids = new BookSide('bid');
    const asks = new BookSide('ask');
    for (const key of [5, 1, 9, 3]) {
      bids.set(key, String(key), '1');
      asks.set(key, String(key), '1');
    }
    expect(bids.levels().map(([price]) => price)).toEqual(['9', '5', '3', '1']);
    expect(asks.levels().map(([price]) => price)).toEqual(['1', '3', '5', '9']);
    expect(bids.bestKey()).toBe(9);
    expect(asks.bestKey()).toBe(1);
  });

  it('agrees with a sorted map over two thousand random sets, deletes and truncations', () => {
    const next = random(42);
    for (const name of ['bid', 'ask'] as const) {
      const side = new BookSide(name);
      const model = new Map<number, string>();
      for (let step = 0; step < 2000; step++) {
        const key = 1 + Math.floor(next() * 80);
        const roll = next();
        if (roll < 0.55) {
          const size = String(1 + Math.floor(next() * 9));
          side.set(key, String(key), size);
          model.set(key, size);
        } else if (roll < 0.95) {
          expect(side.delete(key)).toBe(model.delete(key));
        } else {
          side.truncate(30);
          const kept = [...model.keys()].sort((a, b) => (name === 'bid' ? b - a : a - b)).slice(0, 30);
          for (const k of [...model.keys()]) if (!kept.includes(k)) model.delete(k);
        }
        const expected = [...model.entries()].sort(([a], [b]) => (name === 'bid' ? b - a : a - b)).map(([k, size]) => [String(k), size]);
        expect(side.levels()).toEqual(expected);
      }
      expect(side.length).toBe(model.size);
    }
  });

  it('returns nulls when empty', () => {
    const side = new BookSide('ask');
    expect(side.bestKey()).toBeNull();
    expect(side.bestPriceText()).toBeNull();
    expect(side.bestSizeText()).toBeNull();
    expect(side.delete(3)).toBe(false);
  });
});
