// Decimal strings to scaled integers for the market simulation (venue thread): the catalog's rules are text, the
// simulation runs on integer ticks and qty steps. Kept local so the venue shares no runtime code with the engine.

const plainDecimal = /^\d+(\.\d+)?$/;

/**
 * Decimals as written: "0.10" has 2, "0.001" has 3, "10" has 0. The catalog uses this as priceDecimals and
 * sizeDecimals, so a scaled integer prints back with Bybit's own number of decimals (BTCUSDT's priceScale is 2).
 */
export function writtenDecimals(text: string): number {
  if (!plainDecimal.test(text)) throw new RangeError(`not a plain non-negative decimal: ${JSON.stringify(text)}`);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** "0.10" at 2 decimals is 10. Throws if the text is not a plain decimal or needs more decimals than given. */
export function toScaledInteger(text: string, decimals: number): number {
  if (!plainDecimal.test(text)) throw new RangeError(`not a plain non-negative decimal: ${JSON.stringify(text)}`);
  const dot = text.indexOf('.');
  const whole = dot < 0 ? text : text.slice(0, dot);
  let fraction = dot < 0 ? '' : text.slice(dot + 1);
  while (fraction.length > decimals && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  if (fraction.length > decimals) throw new RangeError(`${text} has more than ${decimals} decimals`);
  const value = Number(whole + fraction.padEnd(decimals, '0'));
  if (!Number.isSafeInteger(value)) throw new RangeError(`${text} at ${decimals} decimals is not a safe integer`);
  return value;
}

/**
 * 199999980 at 2 decimals is "1999999.80": the inverse of toScaledInteger, always with every decimal written, as
 * Bybit prints prices and sizes. Used for the catalog and for every price and size the venue puts on the wire.
 */
export function scaledToText(raw: number, decimals: number): string {
  // Prices and sizes are never negative: one that is would be a venue bug, refused loudly rather than printed.
  if (!Number.isSafeInteger(raw) || raw < 0) throw new RangeError(`not a safe non-negative integer: ${raw}`);
  const digits = String(raw).padStart(decimals + 1, '0');
  if (decimals === 0) return digits;
  const cut = digits.length - decimals;
  return `${digits.slice(0, cut)}.${digits.slice(cut)}`;
}

/** toScaledInteger for untrusted input (a recording): NaN instead of an exception, so one bad line is counted. */
export function scaledIntegerOrNaN(text: unknown, decimals: number): number {
  if (typeof text !== 'string') return Number.NaN;
  try {
    return toScaledInteger(text, decimals);
  } catch {
    return Number.NaN;
  }
}
