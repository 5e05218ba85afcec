// Exact conversion between decimal strings and integers scaled by 10^decimals (market-data and strategy threads).
// The tick ring stores prices and sizes this way; parsing reads char codes so the per-trade path allocates nothing.

import { toDecimalString, type DecimalString } from './decimal-string.js';

/** The largest scale the ring supports: 10^15 still leaves room for integer parts below 2^53. */
export const maxScaleDecimals = 15;

const powersOfTen: readonly number[] = Array.from({ length: maxScaleDecimals + 1 }, (_, i) => 10 ** i);

const charZero = 48;
const charNine = 57;
const charDot = 46;
const charMinus = 45;

/**
 * Parses "123.45" with decimals 2 into 12345. Returns NaN for anything that is not a plain decimal, for non-zero
 * digits beyond `decimals` (the instrument precision is wrong, so the value cannot be exact), and for results
 * beyond Number.MAX_SAFE_INTEGER. Trailing zeros beyond `decimals` are accepted ("1.500" at 2 decimals is 150).
 */
export function parseScaledDecimal(text: string, decimals: number): number {
  const length = text.length;
  if (length === 0 || decimals < 0 || decimals > maxScaleDecimals) return Number.NaN;
  let index = 0;
  let negative = false;
  if (text.charCodeAt(0) === charMinus) {
    negative = true;
    index = 1;
    if (length === 1) return Number.NaN;
  }
  let value = 0;
  let integerDigits = 0;
  for (; index < length; index++) {
    const code = text.charCodeAt(index);
    if (code === charDot) break;
    if (code < charZero || code > charNine) return Number.NaN;
    value = value * 10 + (code - charZero);
    integerDigits++;
  }
  if (integerDigits === 0) return Number.NaN;
  let fractionDigits = 0;
  if (index < length) {
    index++; // skip the dot
    if (index === length) return Number.NaN; // "12." is not a plain decimal
    for (; index < length; index++) {
      const code = text.charCodeAt(index);
      if (code < charZero || code > charNine) return Number.NaN;
      if (fractionDigits < decimals) {
        value = value * 10 + (code - charZero);
        fractionDigits++;
      } else if (code !== charZero) {
        return Number.NaN;
      }
    }
  }
  value *= powersOfTen[decimals - fractionDigits] as number;
  if (value > Number.MAX_SAFE_INTEGER) return Number.NaN;
  return negative ? -value : value;
}

/** Formats a scaled integer back into an exact decimal string: 12345 at 2 decimals is "123.45". */
export function formatScaledDecimal(raw: number, decimals: number): DecimalString {
  if (!Number.isSafeInteger(raw)) throw new RangeError(`scaled value is not a safe integer: ${raw}`);
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > maxScaleDecimals) {
    throw new RangeError(`decimals must be an integer in 0..${maxScaleDecimals}: ${decimals}`);
  }
  const digits = String(Math.abs(raw)).padStart(decimals + 1, '0');
  const sign = raw < 0 ? '-' : '';
  if (decimals === 0) return toDecimalString(sign + digits);
  const cut = digits.length - decimals;
  return toDecimalString(`${sign}${digits.slice(0, cut)}.${digits.slice(cut)}`);
}

/** Number of decimals in a step such as "0.001" (3) or "1" (0); throws on a step that is not a plain decimal. */
export function decimalsOf(step: string): number {
  const dot = step.indexOf('.');
  toDecimalString(step);
  if (dot < 0) return 0;
  let end = step.length;
  while (end > dot + 1 && step.charCodeAt(end - 1) === charZero) end--;
  return end - dot - 1;
}
