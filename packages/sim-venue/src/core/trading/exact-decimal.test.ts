import { describe, expect, it } from '@jest/globals';
import Big from 'big.js';
import { bigToRaw, isDecimalText, isMultipleOf, plain, ratio, rawToBig, roundToStep } from './exact-decimal.js';

describe('exact decimal helpers', () => {
  it('turns book integers into exact decimals and back', () => {
    expect(rawToBig(300001, 1).toFixed()).toBe('30000.1');
    expect(rawToBig(1, 8).toFixed()).toBe('0.00000001');
    expect(bigToRaw(new Big('0.123'), 3)).toBe(123);
  });

  it('accepts only plain decimal strings, never exponents or signs', () => {
    expect(['1', '0.001', '30000.10'].every(isDecimalText)).toBe(true);
    expect(['1e3', '-1', '+1', '.5', '1.', '', ' 1', 1].some(isDecimalText)).toBe(false);
  });

  it('checks grid membership exactly where floating point would not', () => {
    expect(isMultipleOf(new Big('0.3'), new Big('0.1'))).toBe(true);
    expect(isMultipleOf(new Big('0.35'), new Big('0.1'))).toBe(false);
  });

  it('rounds onto a grid down or up', () => {
    expect(roundToStep(new Big('30300.07'), new Big('0.1'), 'down').toFixed()).toBe('30300');
    expect(roundToStep(new Big('29699.93'), new Big('0.1'), 'up').toFixed()).toBe('29700');
  });

  it('divides to 10 decimal places without changing the global Big precision', () => {
    expect(ratio(new Big(1), new Big(3)).toFixed()).toBe('0.3333333333');
    expect(new Big(1).div(3).toFixed()).toBe('0.33333333333333333333');
  });

  it('prints tiny values without an exponent', () => {
    expect(plain(new Big('0.00000011'))).toBe('0.00000011');
  });
});
