import { describe, expect, it } from '@jest/globals';
import Big from 'big.js';
import { entryQty, midPrice } from './sizing.js';

describe('entryQty', () => {
  it('matches the seed: $1000 at $5.00 buys 200 coins', () => {
    expect(entryQty(new Big('1000'), new Big('5.00'), new Big('0.1')).toFixed(1)).toBe('200.0');
  });

  it('rounds down to qtyStep, never above the budget', () => {
    expect(entryQty(new Big('1000'), new Big('3'), new Big('0.01')).toFixed()).toBe('333.33');
    expect(entryQty(new Big('1000'), new Big('3'), new Big('10')).toFixed()).toBe('330');
    expect(entryQty(new Big('1000'), new Big('7'), new Big('0.003')).toFixed()).toBe('142.857');
    for (const mid of ['0.123457', '98765.4321', '1.0000001', '33.33']) {
      const qty = entryQty(new Big('1000'), new Big(mid), new Big('0.001'));
      expect(qty.times(mid).lte(1000)).toBe(true);
      expect(qty.plus('0.001').times(mid).gt(1000)).toBe(true);
    }
  });

  it('is zero when the budget buys less than one step', () => {
    expect(entryQty(new Big('1000'), new Big('100000'), new Big('0.1')).eq(0)).toBe(true);
    expect(entryQty(new Big('1000'), new Big('0'), new Big('0.1')).eq(0)).toBe(true);
  });
});

describe('midPrice', () => {
  it('is the exact average of bid and ask', () => {
    expect(midPrice(new Big('4.999'), new Big('5.001')).toFixed()).toBe('5');
    expect(midPrice(new Big('0.00001231'), new Big('0.00001232')).toFixed()).toBe('0.000012315');
  });
});
