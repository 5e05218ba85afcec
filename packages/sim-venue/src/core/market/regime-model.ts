// The market regimes and the Markov chain between them (venue thread). A regime sets how fast a symbol's price
// wanders, how busy its tape is and how much money flows through it, which is what moves the scanner's ranking.

import type { Regime } from '../venue-types.js';
import type { SeededRandom } from './seeded-random.js';

export const kQuiet = 0;
export const kTrending = 1;
export const kVolatile = 2;

export const regimeNames: readonly Regime[] = ['quiet', 'trending', 'volatile'];

export interface RegimeParams {
  /** Relative volatility of the mid per √second, before the symbol's own multiplier (a multiple of it in `daily` profiles). */
  readonly volPerSqrtSecond: number;
  /**
   * Spread of the relative drift per second. The drift wanders (an Ornstein-Uhlenbeck process), so the 24h change
   * swings by several percent without the tape turning jumpy. Entering a trending or volatile regime kicks it to 1.5
   * of this, either way: a volatile spell is a pump or a dump, so it pushes |price24hPcnt| up as well as turnover.
   */
  readonly driftSigmaPerSecond: number;
  /** Multiplies the configured trade rate. */
  readonly tradeRateFactor: number;
  /** Multiplies the symbol's typical USDT flow, so turnover24h follows the regime. */
  readonly flowFactor: number;
  readonly meanDwellMs: number;
  /** Cumulative weights of a 1-, 2- and 3-tick spread. */
  readonly spreadCumulative: readonly [number, number, number];
  /** Cumulative probabilities of the next regime (quiet, trending, volatile); own entry 0, so it always leaves. */
  readonly nextCumulative: readonly [number, number, number];
}

/** A profile's three regimes, quiet, trending and volatile (see market-profile.ts for the tables). */
export type RegimeTable = readonly [RegimeParams, RegimeParams, RegimeParams];

/** Picks an index from cumulative weights with one uniform draw. */
export function pickCumulative(cumulative: readonly [number, number, number], u: number): number {
  if (u < cumulative[0]) return 0;
  if (u < cumulative[1]) return 1;
  return 2;
}

export function nextRegime(regimes: RegimeTable, current: number, rng: SeededRandom): number {
  return pickCumulative((regimes[current] as RegimeParams).nextCumulative, rng.next());
}

/** Time until the next switch: exponential, so the chain is memoryless like a continuous-time Markov chain. */
export function dwellMs(regimes: RegimeTable, regime: number, rng: SeededRandom): number {
  return rng.exponential(1 / (regimes[regime] as RegimeParams).meanDwellMs);
}
