import { describe, expect, it } from '@jest/globals';
import { scaledToText as scaledText } from '../core/market/decimal-scale.js';

describe('wire decimals', () => {
  it("prints the instrument's full decimals like Bybit does", () => {
    expect(scaledText(1657850, 2)).toBe('16578.50');
    expect(scaledText(1, 3)).toBe('0.001');
    expect(scaledText(1000, 3)).toBe('1.000');
    expect(scaledText(42, 0)).toBe('42');
    expect(() => scaledText(-5, 1)).toThrow(/non-negative/);
  });
});
