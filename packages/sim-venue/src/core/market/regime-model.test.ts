import { describe, expect, it } from '@jest/globals';
import { calmProfile, liveLikeProfile } from './market-profile.js';
import { dwellMs, kQuiet, kTrending, kVolatile, nextRegime, pickCumulative } from './regime-model.js';
import { SeededRandom } from './seeded-random.js';

describe('regime model', () => {
  it('always leaves the current regime when it switches', () => {
    const rng = new SeededRandom(3);
    for (const regime of [kQuiet, kTrending, kVolatile]) {
      const next = new Set(Array.from({ length: 1000 }, () => nextRegime(calmProfile.regimes, regime, rng)));
      expect(next.has(regime)).toBe(false);
      expect(next.size).toBe(2);
    }
  });

  it('spends about the documented shares of time in each regime', () => {
    const rng = new SeededRandom(4);
    const time = [0, 0, 0];
    let regime = kQuiet;
    for (let i = 0; i < 200_000; i++) {
      time[regime]! += dwellMs(calmProfile.regimes, regime, rng);
      regime = nextRegime(calmProfile.regimes, regime, rng);
    }
    const total = time[0]! + time[1]! + time[2]!;
    expect(time[0]! / total).toBeCloseTo(0.54, 1);
    expect(time[1]! / total).toBeCloseTo(0.27, 1);
    expect(time[2]! / total).toBeCloseTo(0.19, 1);
    const meanFlow = calmProfile.regimes.reduce((sum, params, i) => sum + params.flowFactor * (time[i]! / total), 0);
    expect(meanFlow).toBeGreaterThan(0.9);
    expect(meanFlow).toBeLessThan(1.1);
  });

  it.each([calmProfile, liveLikeProfile])('makes the volatile regime the fastest, busiest and widest ($name)', ({ regimes }) => {
    const [quiet, trending, volatile] = regimes;
    expect(volatile.volPerSqrtSecond).toBeGreaterThan(trending.volPerSqrtSecond);
    expect(trending.volPerSqrtSecond).toBeGreaterThan(quiet.volPerSqrtSecond);
    expect(volatile.flowFactor).toBeGreaterThan(trending.flowFactor);
    expect(volatile.tradeRateFactor).toBeGreaterThan(quiet.tradeRateFactor);
    expect(volatile.spreadCumulative[0]).toBeLessThan(quiet.spreadCumulative[0]);
  });

  it('picks by cumulative weights', () => {
    expect(pickCumulative([0.5, 0.8, 1], 0.1)).toBe(0);
    expect(pickCumulative([0.5, 0.8, 1], 0.5)).toBe(1);
    expect(pickCumulative([0.5, 0.8, 1], 0.95)).toBe(2);
  });
});
