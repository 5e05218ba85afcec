// Symbol: a venue instrument name such as "BTCUSDT" (any thread).
// Branded so that an unchecked string cannot be passed where a validated symbol is expected.

declare const symbolBrand: unique symbol;

export type Symbol = string & { readonly [symbolBrand]: true };

const symbolPattern = /^[A-Z0-9]{2,32}$/;

export function isSymbol(value: unknown): value is Symbol {
  return typeof value === 'string' && symbolPattern.test(value);
}

export function toSymbol(value: string): Symbol {
  if (!isSymbol(value)) {
    throw new TypeError(`not a valid symbol (2-32 upper-case letters or digits): ${JSON.stringify(value)}`);
  }
  return value;
}
