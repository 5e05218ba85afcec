import { describe, expect, it } from '@jest/globals';
import { HawkesArrivals, PoissonArrivals, type TradeArrivals } from './trade-arrivals.js';
import { SeededRandom } from './seeded-random.js';

/** Arrivals per second over `seconds`, stepping the base rate every 20 ms as the market does. */
function countsPerSecond(arrivals: TradeArrivals, seconds: number, basePerMs: number): number[] {
  const counts = new Array<number>(seconds).fill(0);
  arrivals.setBaseRate(basePerMs);
  arrivals.restart(0);
  for (let stepEnd = 20; stepEnd <= seconds * 1000; stepEnd += 20) {
    for (;;) {
      const at = arrivals.peek(stepEnd);
      if (at > stepEnd) break;
      counts[Math.min(seconds - 1, Math.floor(at / 1000))]! += 1;
      arrivals.taken();
    }
    arrivals.setBaseRate(basePerMs);
  }
  return counts;
}

function meanAndDispersion(counts: readonly number[]): { mean: number; dispersion: number } {
  const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
  const variance = counts.reduce((a, b) => a + (b - mean) ** 2, 0) / counts.length;
  return { mean, dispersion: variance / mean };
}

describe('trade arrivals', () => {
  it('gives a Poisson tape its rate with a variance equal to its mean', () => {
    const { mean, dispersion } = meanAndDispersion(countsPerSecond(new PoissonArrivals(new SeededRandom(1)), 3_000, 0.02));
    expect(mean).toBeGreaterThan(19);
    expect(mean).toBeLessThan(21);
    expect(dispersion).toBeGreaterThan(0.85);
    expect(dispersion).toBeLessThan(1.15);
  });

  it('makes a Hawkes tape average base / (1 - branching ratio) and cluster far beyond Poisson', () => {
    const hawkes = new HawkesArrivals(new SeededRandom(2), { branchingRatio: 0.7, decayMs: 400 }, 0);
    const counts = countsPerSecond(hawkes, 3_000, 0.006);
    const { mean, dispersion } = meanAndDispersion(counts);
    // 6 per second of base rate, 70 % of all arrivals triggered by earlier ones: 20 per second in the long run.
    expect(mean).toBeGreaterThan(17);
    expect(mean).toBeLessThan(23);
    // Self-excitation: the variance of a second's count is several times its mean (1 for Poisson).
    expect(dispersion).toBeGreaterThan(3);
  });

  it('adds a burst that fades with its decay', () => {
    const hawkes = new HawkesArrivals(new SeededRandom(3), { branchingRatio: 0.5, decayMs: 200 }, 0);
    hawkes.setBaseRate(0.001);
    hawkes.restart(0);
    hawkes.addBurst(0.3, 1_000, 0);
    const arrivals: number[] = [];
    for (let stepEnd = 20; stepEnd <= 10_000; stepEnd += 20) {
      for (let at = hawkes.peek(stepEnd); at <= stepEnd; at = hawkes.peek(stepEnd)) {
        arrivals.push(at);
        hawkes.taken();
      }
    }
    const firstSecond = arrivals.filter((t) => t < 1_000).length;
    const lastSeconds = arrivals.filter((t) => t >= 7_000).length / 3;
    // 300/s fading over 1 s adds about 190 in the first second (plus what they trigger); late seconds are back near 2/s.
    expect(firstSecond).toBeGreaterThan(150);
    expect(lastSeconds).toBeLessThan(10);
  });

  it('draws nothing when asked again up to the same step, so the cadence of advances changes no arrival', () => {
    const arrivalsAt = (askEveryMs: number): number[] => {
      const hawkes = new HawkesArrivals(new SeededRandom(8), { branchingRatio: 0.7, decayMs: 400 }, 0);
      hawkes.setBaseRate(0.01);
      hawkes.restart(0);
      const out: number[] = [];
      let stepEnd = 20;
      for (let now = askEveryMs; now <= 20_000; now += askEveryMs) {
        for (;;) {
          const at = hawkes.peek(stepEnd);
          if (at <= stepEnd) {
            if (at > now) break;
            out.push(at);
            hawkes.taken();
          } else {
            if (stepEnd > now) break;
            stepEnd += 20;
          }
        }
      }
      return out;
    };
    const every10 = arrivalsAt(10);
    expect(every10.length).toBeGreaterThan(300);
    expect(arrivalsAt(7).slice(0, every10.length - 5)).toEqual(every10.slice(0, every10.length - 5));
  });

  it('refuses a branching ratio that would explode', () => {
    expect(() => new HawkesArrivals(new SeededRandom(1), { branchingRatio: 1, decayMs: 100 }, 0)).toThrow(/branchingRatio/);
  });
});
