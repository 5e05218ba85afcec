// Exact decimal helpers for the venue's money (venue thread). The book's scaled integers become Big only where
// money is computed; request strings are checked before Big sees them, because Big would also accept "1e3".

import Big from 'big.js';

const kDecimalText = /^\d{1,20}(\.\d{1,20})?$/;

/** A plain non-negative decimal string as Bybit sends them: no sign, no exponent, no spaces. */
export function isDecimalText(value: unknown): value is string {
  return typeof value === 'string' && kDecimalText.test(value);
}

export const kZero = new Big(0);

const kScaleDown: Big[] = [];
const kScaleUp: Big[] = [];

function scaleDown(decimals: number): Big {
  // 1e-d is exact, so multiplying by it never rounds (dividing by 10^d would round at Big.DP).
  return (kScaleDown[decimals] ??= new Big(`1e-${decimals}`));
}

function scaleUp(decimals: number): Big {
  return (kScaleUp[decimals] ??= new Big(`1e${decimals}`));
}

/** A book integer (price or size scaled by 10^decimals) as an exact Big. */
export function rawToBig(raw: number, decimals: number): Big {
  return new Big(raw).times(scaleDown(decimals));
}

/** The inverse of rawToBig, for values already on the instrument's grid. */
export function bigToRaw(value: Big, decimals: number): number {
  return Number(value.times(scaleUp(decimals)).toFixed(0));
}

export function isMultipleOf(value: Big, step: Big): boolean {
  return value.mod(step).eq(0);
}

/** Rounds down (towards zero) or up onto a step grid: protection prices must be valid prices. */
export function roundToStep(value: Big, step: Big, direction: 'down' | 'up'): Big {
  return value
    .div(step)
    .round(0, direction === 'down' ? Big.roundDown : Big.roundUp)
    .times(step);
}

export function minBig(a: Big, b: Big): Big {
  return a.lte(b) ? a : b;
}

export function maxBig(a: Big, b: Big): Big {
  return a.gte(b) ? a : b;
}

// Averages and margins are the only divisions: a constructor of their own fixes them to 10 decimals, half-up,
// without touching the global Big.DP that other code in the thread relies on.
const Ratio = Big();
Ratio.DP = 10;
Ratio.RM = Big.roundHalfUp;

/** numerator / denominator to 10 decimal places (half-up). Used for average prices and margins, never for fees. */
export function ratio(numerator: Big, denominator: Big): Big {
  return new Big(new Ratio(numerator).div(denominator));
}

/** Plain notation, every digit: Big's toString switches to exponents below 1e-7. */
export function plain(value: Big): string {
  return value.toFixed();
}
