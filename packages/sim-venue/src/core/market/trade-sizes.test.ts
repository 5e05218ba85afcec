import { describe, expect, it } from '@jest/globals';
import { liveLikeProfile } from './market-profile.js';
import { SeededRandom } from './seeded-random.js';
import { TradeSizes } from './trade-sizes.js';

function hill(sorted: readonly number[], k: number): number {
  const threshold = sorted[sorted.length - k - 1] as number;
  let sum = 0;
  for (let i = sorted.length - k; i < sorted.length; i++) sum += Math.log((sorted[i] as number) / threshold);
  return k / sum;
}

describe('trade sizes', () => {
  it('draws live-like sizes with the asked mean, a small median and a Pareto tail', () => {
    const params = liveLikeProfile.sizes!;
    const sizes = new TradeSizes(params);
    const rng = new SeededRandom(4);
    const draws = Array.from({ length: 200_000 }, () => sizes.notional(rng, 100)).sort((a, b) => a - b);
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    expect(mean).toBeGreaterThan(90);
    expect(mean).toBeLessThan(105);
    // Most prints are small: the median is well under the mean.
    expect(draws[draws.length / 2]!).toBeLessThan(0.6 * mean);
    // The top 1 % follows the tail's exponent (the cap trims the very top, so the estimate runs a little high).
    const exponent = hill(draws, 2_000);
    expect(exponent).toBeGreaterThan(params.tailExponent - 0.3);
    expect(exponent).toBeLessThan(params.tailExponent + 0.5);
    expect(draws[draws.length - 1]!).toBeLessThanOrEqual(100 * params.maxMultiple);
  });

  it('keeps the calm market E²/2 sizes, mean one', () => {
    const sizes = new TradeSizes(null);
    const rng = new SeededRandom(5);
    const draws = Array.from({ length: 100_000 }, () => sizes.notional(rng, 1));
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    expect(mean).toBeGreaterThan(0.97);
    expect(mean).toBeLessThan(1.03);
  });

  it('refuses a tail without a finite mean', () => {
    expect(() => new TradeSizes({ bodyLogSigma: 1, tailShare: 0.1, tailExponent: 1, maxMultiple: 10 })).toThrow(/tailExponent/);
  });
});
