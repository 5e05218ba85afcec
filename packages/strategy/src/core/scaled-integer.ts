// A Big value on the tick ring's integer scale (strategy thread, order time only), rounded exactly with the
// protocol's step rounding, which execution shares.

import Big from 'big.js';
import { ceilToStep, floorToStep } from '@scalper/protocol';

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
