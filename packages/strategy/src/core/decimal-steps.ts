// Exact rounding of Big values onto an instrument's step (tickSize, qtyStep) and onto the ring's integer scale
// (strategy thread, order time only). floorToStep and ceilToStep are the protocol's, shared with execution.

import Big from 'big.js';
import { ceilToStep, floorToStep, isZeroDecimal } from '@scalper/protocol';

export { ceilToStep, floorToStep, isZeroDecimal };

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
