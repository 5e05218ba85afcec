// Exact rounding of Big values onto an instrument's step (tickSize, qtyStep) and onto the ring's integer scale
// (strategy thread, order time only). Mirrors the execution side's rounding, which this package may not import.

import Big from 'big.js';

const one = new Big(1);

/**
 * The largest multiple of `step` at or below `value`. Big's mod truncates its quotient exactly (independent of
 * Big.DP), so this is exact for any decimal step, including ones such as 0.003.
 */
export function floorToStep(value: Big, step: Big): Big {
  const remainder = value.mod(step);
  const truncated = value.minus(remainder);
  return remainder.lt(0) ? truncated.minus(step) : truncated;
}

/** The smallest multiple of `step` at or above `value`. */
export function ceilToStep(value: Big, step: Big): Big {
  const remainder = value.mod(step);
  const truncated = value.minus(remainder);
  return remainder.gt(0) ? truncated.plus(step) : truncated;
}

/**
 * `value` as an integer scaled by 10^decimals, rounded up or down: turns an order-time threshold into the unit of
 * the tick ring and the book, so the per-tick comparison is between integers.
 */
export function toScaledInteger(value: Big, decimals: number, direction: 'up' | 'down'): number {
  const scaled = value.times(new Big(10).pow(decimals));
  const rounded = direction === 'up' ? ceilToStep(scaled, one) : floorToStep(scaled, one);
  return rounded.toNumber();
}

/** True for "0", "0.000", "-0": Bybit reports an empty position or an unfilled order with such strings. */
export function isZeroDecimal(text: string): boolean {
  return new Big(text).eq(0);
}
