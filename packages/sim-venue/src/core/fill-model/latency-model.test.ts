// Tests of the fill model's latency (backtests and the paper venue): base plus a seeded jitter, the same draws for
// the same seed, and a clear RangeError for a bad setting.

import { describe, expect, it } from '@jest/globals';
import { SeededRandom } from '../market/seeded-random.js';
import { LatencyModel } from './latency-model.js';

describe('LatencyModel', () => {
  it('gives exactly the base latency without jitter', () => {
    const model = new LatencyModel(7, 0, new SeededRandom(1));
    expect([model.next(), model.next(), model.next()]).toEqual([7, 7, 7]);
  });

  it('gives base plus a fraction of the jitter, inside [base, base + jitter)', () => {
    const model = new LatencyModel(5, 10, new SeededRandom(3));
    const draws = Array.from({ length: 500 }, () => model.next());
    for (const ms of draws) {
      expect(ms).toBeGreaterThanOrEqual(5);
      expect(ms).toBeLessThan(15);
    }
    expect(new Set(draws).size).toBeGreaterThan(400);
  });

  it('draws the same latencies for the same seed and others for another seed', () => {
    const draw = (seed: number): number[] => {
      const model = new LatencyModel(2, 8, new SeededRandom(seed));
      return Array.from({ length: 50 }, () => model.next());
    };
    expect(draw(11)).toEqual(draw(11));
    expect(draw(11)).not.toEqual(draw(12));
  });

  it.each([
    ['base', -1, 0],
    ['base', Number.NaN, 0],
    ['base', Number.POSITIVE_INFINITY, 0],
    ['jitter', 1, -0.5],
    ['jitter', 1, Number.NaN],
    ['jitter', 1, Number.POSITIVE_INFINITY],
  ])('refuses a bad %s latency (%p ms, jitter %p ms) with a RangeError', (which, base, jitter) => {
    expect(() => new LatencyModel(base, jitter, new SeededRandom(1))).toThrow(RangeError);
    expect(() => new LatencyModel(base, jitter, new SeededRandom(1))).toThrow(which === 'base' ? /^latency must be/ : /^latency jitter must be/);
  });
});
