import { describe, expect, it } from '@jest/globals';
import { decimalsOf, formatScaledDecimal, parseScaledDecimal } from './scaled-decimal.js';

describe('parseScaledDecimal', () => {
  it('scales plain decimals exactly', () => {
    expect(parseScaledDecimal('123.45', 2)).toBe(12345);
    expect(parseScaledDecimal('0.001', 3)).toBe(1);
    expect(parseScaledDecimal('16578.50', 2)).toBe(1657850);
    expect(parseScaledDecimal('7', 4)).toBe(70000);
    expect(parseScaledDecimal('-1.5', 1)).toBe(-15);
    expect(parseScaledDecimal('0', 0)).toBe(0);
  });

  it('accepts trailing zeros past the precision but refuses non-zero digits there', () => {
    expect(parseScaledDecimal('1.500', 2)).toBe(150);
    expect(parseScaledDecimal('1.501', 2)).toBeNaN();
  });

  it('refuses anything that is not a plain decimal', () => {
    for (const bad of ['', '-', '.5', '5.', '1e5', '1,5', ' 1', '1 ', 'NaN', 'Infinity', '--1', '1.2.3', '0x10']) {
      expect(parseScaledDecimal(bad, 2)).toBeNaN();
    }
  });

  it('refuses results beyond the exact integer range and scales out of range', () => {
    expect(parseScaledDecimal('90071992547409.93', 2)).toBeNaN();
    expect(parseScaledDecimal('90071992547409.91', 2)).toBe(9007199254740991);
    expect(parseScaledDecimal('1', 16)).toBeNaN();
    expect(parseScaledDecimal('1', -1)).toBeNaN();
  });
});

describe('formatScaledDecimal', () => {
  it('round-trips with parseScaledDecimal', () => {
    for (const [text, decimals] of [
      ['123.45', 2],
      ['0.001', 3],
      ['-0.05', 2],
      ['42', 0],
      ['0.00000001', 8],
    ] as const) {
      expect(formatScaledDecimal(parseScaledDecimal(text, decimals), decimals)).toBe(text);
    }
  });

  it('refuses values that are not safe integers', () => {
    expect(() => formatScaledDecimal(1.5, 2)).toThrow(RangeError);
    expect(() => formatScaledDecimal(2 ** 53, 2)).toThrow(RangeError);
  });
});

describe('decimalsOf', () => {
  it('counts the significant decimals of a step', () => {
    expect(decimalsOf('0.01')).toBe(2);
    expect(decimalsOf('0.001')).toBe(3);
    expect(decimalsOf('1')).toBe(0);
    expect(decimalsOf('0.50')).toBe(1);
    expect(() => decimalsOf('abc')).toThrow(TypeError);
  });
});
