// Checks that a value a parser accepted is well-formed (test code, Jest thread): written independently of the
// parsers' own guards, so a property test catches a guard that lets NaN, Infinity or a negative size through.

import Big from 'big.js';

/** Unsigned plain decimal: ASCII digits, one optional inner dot. No sign, exponent, space or other digits. */
const unsignedDecimal = /^[0-9]+(\.[0-9]+)?$/;
const signedDecimal = /^-?[0-9]+(\.[0-9]+)?$/;

export type DecimalKind = 'positive' | 'nonNegative' | 'signed';

/** Throws naming `what` unless `value` is a plain decimal string of that kind. */
export function mustBeDecimal(value: unknown, what: string, kind: DecimalKind): string {
  const text = typeof value === 'string' ? value : '';
  const pattern = kind === 'signed' ? signedDecimal : unsignedDecimal;
  if (typeof value !== 'string' || !pattern.test(text) || text.length > 64) {
    throw new Error(`${what} is not a ${kind} plain decimal: ${JSON.stringify(value)}`);
  }
  if (kind === 'positive' && !new Big(text).gt(0)) throw new Error(`${what} is not above zero: ${text}`);
  return text;
}

export function mustBeOptionalDecimal(value: unknown, what: string, kind: DecimalKind): void {
  if (value !== null) mustBeDecimal(value, what, kind);
}

/** A millisecond timestamp or venue counter: a safe, non-negative integer (so never NaN, Infinity or rounded). */
export function mustBeTimestamp(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new Error(`${what} is not a safe non-negative integer: ${String(value)}`);
  }
  return value;
}

export function mustBe(condition: boolean, what: string): void {
  if (!condition) throw new Error(what);
}

/** A refusal must say why: a non-empty reason string. */
export function mustBeRefusal(outcome: { readonly ok: false; readonly reason: string }, what: string): void {
  if (typeof outcome.reason !== 'string' || outcome.reason.length === 0) throw new Error(`${what} refused without a reason`);
}
