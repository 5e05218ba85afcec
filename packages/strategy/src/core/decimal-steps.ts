// Exact rounding of Big values onto an instrument's step (tickSize, qtyStep) and onto the ring's integer scale
// (strategy thread, order time only). floorToStep and ceilToStep are the protocol's, shared with execution.

import Big from 'big.js';
import { ceilToStep, floorToStep } from '@scalper/protocol';

export { ceilToStep, floorToStep };

const one = new Big(1);

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
