// Exact rounding of Big values onto an instrument's step, tickSize or qtyStep (strategy and execution threads, at
// order time only): shared so both sides of an order round the same way.

import Big from 'big.js';

/**
 * The largest multiple of `step` at or below `value`. Big's mod truncates its quotient exactly (it does not depend
 * on Big.DP), so the result is exact for any decimal step, including ones such as 0.003.
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

/** True for "0", "0.000", "-0": Bybit reports an empty position or an unfilled order with such strings. */
export function isZeroDecimal(text: string): boolean {
  return new Big(text).eq(0);
}
