// Char-code decimal checks for the hot parse paths (market-data thread, once per trade and per book level): the
// grammar of @scalper/protocol's isDecimalString in one pass, cheaper than a regex call on Bybit's short strings.

import type { DecimalString } from '@scalper/protocol';

// What scanDecimal found, as small integers so the per-string check allocates nothing.
const invalid = 0;
const zero = 1;
const positive = 2;
// A leading minus, "-0" included: isDecimalString takes these, and the book reports a negative size itself.
const negative = 3;

const charMinus = 45;
const charDot = 46;
const charZero = 48;
const charNine = 57;
// isDecimalString's cap, which counts the sign.
const maxLength = 64;

/**
 * /^-?\d+(\.\d+)?$/ with at most 64 chars, as isDecimalString: ASCII digits only (no Unicode digits), at most one
 * dot with a digit on each side, an optional leading minus; no plus, exponent or space.
 */
function scanDecimal(value: unknown): number {
  if (typeof value !== 'string') return invalid;
  const length = value.length;
  if (length === 0 || length > maxLength) return invalid;
  const start = value.charCodeAt(0) === charMinus ? 1 : 0;
  let dot = -1;
  let digits = 0;
  // Digits first: they are nearly every char, so the common path is one range test and an OR.
  for (let i = start; i < length; i++) {
    const code = value.charCodeAt(i);
    if (code >= charZero && code <= charNine) digits |= code - charZero;
    else if (code === charDot && dot < 0) dot = i;
    else return invalid;
  }
  // A lone "-", or a dot with no digit before or after it.
  if (start === length || dot === start || dot === length - 1) return invalid;
  if (start === 1) return negative;
  return digits === 0 ? zero : positive;
}

/** Accepts and refuses exactly what isDecimalString does (signed, zero allowed), without the regex. */
export function isDecimalText(value: unknown): value is DecimalString {
  return scanDecimal(value) !== invalid;
}

/** A plain decimal with no sign and a non-zero digit: what a trade price or size must be. */
export function isPositiveDecimalText(value: unknown): value is DecimalString {
  return scanDecimal(value) === positive;
}
