// DecimalString: an exact decimal amount as text, the only form money takes across threads (any thread).
// Floats never carry prices or sizes between threads; Big is built from these strings where arithmetic is needed.

declare const decimalBrand: unique symbol;

/** A plain decimal such as "30000.50" or "-0.001": no exponent, no spaces, no sign on zero-only parts required. */
export type DecimalString = string & { readonly [decimalBrand]: true };

const decimalPattern = /^-?\d+(\.\d+)?$/;

export function isDecimalString(value: unknown): value is DecimalString {
  return typeof value === 'string' && value.length <= 64 && decimalPattern.test(value);
}

/** Brands a string as a DecimalString; throws a TypeError naming the bad value (use at trust boundaries). */
export function toDecimalString(value: string): DecimalString {
  if (!isDecimalString(value)) {
    throw new TypeError(`not a plain decimal string: ${JSON.stringify(value)}`);
  }
  return value;
}
