import { describe, expect, it } from '@jest/globals';
import { isDecimalString, toDecimalString } from './decimal-string.js';
import { isTerminalStatus, oppositeSide } from './order-enums.js';
import { isSymbol, toSymbol } from './symbol.js';

describe('domain guards', () => {
  it('accepts plain decimals and refuses floats in disguise', () => {
    for (const good of ['0', '0.001', '-12.5', '30000.50']) expect(isDecimalString(good)).toBe(true);
    for (const bad of ['', '1e-7', 'NaN', '1.', '.1', ' 1', 1, null]) expect(isDecimalString(bad)).toBe(false);
    expect(() => toDecimalString('1e-7')).toThrow('not a plain decimal string: "1e-7"');
  });

  it('accepts venue symbols and refuses anything else', () => {
    expect(isSymbol('1000PEPEUSDT')).toBe(true);
    for (const bad of ['btcusdt', 'BTC-USDT', 'B', '', 'BTCUSDT ']) expect(isSymbol(bad)).toBe(false);
    expect(() => toSymbol('btc')).toThrow(/not a valid symbol/);
  });

  it('knows opposite sides and terminal order states', () => {
    expect(oppositeSide('Buy')).toBe('Sell');
    expect(oppositeSide('Sell')).toBe('Buy');
    expect(['Filled', 'Cancelled', 'Rejected'].every((s) => isTerminalStatus(s as never))).toBe(true);
    expect(isTerminalStatus('PartiallyFilled')).toBe(false);
  });
});
