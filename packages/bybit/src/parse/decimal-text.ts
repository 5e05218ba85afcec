// Char-code decimal checks for the hot parse paths (market-data thread, once per trade and per book level): the
// grammar of @scalper/protocol's isDecimalString in one pass, cheaper than a regex call on Bybit's short strings.

import type { DecimalString } from '@scalper/protocol';

const charMinus = 45;
const charDot = 46;
const charZero = 48;
const charNine = 57;
// isDecimalString's cap, which counts the sign.
const maxLength = 64;

/**
 * /^-?\d+(\.\d+)?$/ with at most 64 chars, as isDecimalString: ASCII digits only (no Unicode digits), at most one
 * dot with a digit on each side, a leading minus only when `signed`, and a non-zero digit when `positive`. The flags
 * are constants at each call site, and the answer is a boolean rather than a code to compare: measured, both keep the
 * inlined check as fast as the trade parser's former private copy.
 */
function isDecimalScan(value: unknown, signed: boolean, positive: boolean): value is DecimalString {
  if (typeof value !== 'string') return false;
  const length = value.length;
  if (length === 0 || length > maxLength) return false;
  const start = signed && value.charCodeAt(0) === charMinus ? 1 : 0;
  let dot = -1;
  let digits = 0;
  // Digits first: they are nearly every char, so the common path is one range test and an OR.
  for (let i = start; i < length; i++) {
    const code = value.charCodeAt(i);
    if (code >= charZero && code <= charNine) digits |= code - charZero;
    else if (code === charDot && dot < 0) dot = i;
    else return false;
  }
  // Not a lone "-", no dot without a digit on each side, and a non-zero digit somewhere if asked for.
  return start < length && dot !== start && dot !== length - 1 && (!positive || digits !== 0);
}

/**
 * Accepts and refuses exactly what isDecimalString does: signed, zero allowed. Book levels keep the sign because
 * the L2 book itself reports a negative size as a bad level.
 */
export function isDecimalText(value: unknown): value is DecimalString {
  return isDecimalScan(value, true, false);
}

/** A plain decimal with no sign and a non-zero digit: what a trade price or size must be. */
export function isPositiveDecimalText(value: unknown): value is DecimalString {
  return isDecimalScan(value, false, true);
}
