// How big each taker order is (venue thread), as a multiple of the symbol's mean trade notional: the calm market's
// E²/2, or the live-like log-normal body with a Pareto tail (most prints small, a few that sweep the book).

import type { SizeParams } from './market-profile.js';
import type { SeededRandom } from './seeded-random.js';

/** z of the body's 90th percentile: the tail starts where the body's top decile does, so the density has no gap. */
const kBodyTopDecileZ = 1.2816;

export class TradeSizes {
  private readonly params: SizeParams | null;
  private readonly tailStart: number;
  private readonly meanOfMixture: number;

  constructor(params: SizeParams | null) {
    this.params = params;
    if (params === null) {
      this.tailStart = 0;
      this.meanOfMixture = 1;
      return;
    }
    if (!(params.tailExponent > 1) || !(params.tailShare >= 0 && params.tailShare < 1) || !(params.bodyLogSigma > 0)) {
      throw new RangeError('trade sizes need tailExponent > 1 (a finite mean), 0 <= tailShare < 1 and bodyLogSigma > 0');
    }
    const sigma = params.bodyLogSigma;
    this.tailStart = Math.exp(kBodyTopDecileZ * sigma);
    const bodyMean = Math.exp((sigma * sigma) / 2);
    const tailMean = (params.tailExponent * this.tailStart) / (params.tailExponent - 1);
    this.meanOfMixture = (1 - params.tailShare) * bodyMean + params.tailShare * tailMean;
  }

  /** One order's notional in USDT, `mean` on average (the cap trims the far tail a little). */
  notional(rng: SeededRandom, mean: number): number {
    const params = this.params;
    if (params === null) {
      // E^2 / 2 has mean 1 and a heavy tail: mostly small prints, now and then one that clears the level.
      const draw = rng.exponential(1);
      return mean * draw * draw * 0.5;
    }
    const size =
      rng.next() < params.tailShare ? this.tailStart * (1 - rng.next()) ** (-1 / params.tailExponent) : Math.exp(params.bodyLogSigma * rng.normal());
    const multiple = size / this.meanOfMixture;
    return mean * (multiple > params.maxMultiple ? params.maxMultiple : multiple);
  }
}
