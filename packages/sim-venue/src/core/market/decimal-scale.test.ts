import { describe, expect, it } from '@jest/globals';
import { scaledToText, toScaledInteger, writtenDecimals } from './decimal-scale.js';

describe('decimal scale', () => {
  it('counts decimals as written, trailing zeros included', () => {
    expect(writtenDecimals('0.10')).toBe(2);
    expect(writtenDecimals('0.001')).toBe(3);
    expect(writtenDecimals('10')).toBe(0);
    expect(() => writtenDecimals('1e-3')).toThrow(/plain/);
  });

  it('scales decimal text to an exact integer', () => {
    expect(toScaledInteger('0.10', 2)).toBe(10);
    expect(toScaledInteger('97250.50', 2)).toBe(9725050);
    expect(toScaledInteger('1999999.80', 2)).toBe(199999980);
    expect(toScaledInteger('5', 0)).toBe(5);
    expect(toScaledInteger('1.500', 1)).toBe(15);
  });

  it('refuses text that needs more decimals than the scale has', () => {
    expect(() => toScaledInteger('0.15', 1)).toThrow(/more than 1 decimals/);
    expect(() => toScaledInteger('-1', 0)).toThrow(/plain/);
  });

  it('prints a scaled integer back with every decimal written', () => {
    expect(scaledToText(199999980, 2)).toBe('1999999.80');
    expect(scaledToText(5, 3)).toBe('0.005');
    expect(scaledToText(42, 0)).toBe('42');
    expect(() => scaledToText(-1, 2)).toThrow(/non-negative/);
  });
});
