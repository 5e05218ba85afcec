import { describe, expect, it } from '@jest/globals';
import Big from 'big.js';
import { ceilToStep, floorToStep, roundOrderPrice, roundQtyDown, roundStopLossPrice } from './order-rounding.js';
import { rulesFrom } from './test-support/instrument-fixtures.js';

const btc = rulesFrom('linear');
const bio = rulesFrom('prelisting');
const text = (value: Big): string => value.toFixed();

describe('floorToStep and ceilToStep', () => {
  it('round exactly where floats would not', () => {
    // In floats 0.3 / 0.1 is 2.9999999999999996, so a float floor would give 0.2.
    expect(text(floorToStep(new Big('0.3'), new Big('0.1')))).toBe('0.3');
    expect(text(floorToStep(new Big('0.0129'), new Big('0.001')))).toBe('0.012');
    expect(text(ceilToStep(new Big('0.0121'), new Big('0.001')))).toBe('0.013');
    expect(text(floorToStep(new Big('1'), new Big('0.003')))).toBe('0.999');
    expect(text(ceilToStep(new Big('1'), new Big('0.003')))).toBe('1.002');
    expect(text(floorToStep(new Big('7.75'), new Big('0.5')))).toBe('7.5');
  });

  it('leave values already on the step alone', () => {
    for (const [value, step] of [
      ['30000.1', '0.10'],
      ['0.009', '0.003'],
      ['14000', '1'],
      ['0', '0.001'],
    ] as const) {
      expect(text(floorToStep(new Big(value), new Big(step)))).toBe(new Big(value).toFixed());
      expect(text(ceilToStep(new Big(value), new Big(step)))).toBe(new Big(value).toFixed());
    }
  });

  it('floor towards minus infinity and ceil towards plus infinity for negative values', () => {
    expect(text(floorToStep(new Big('-0.0121'), new Big('0.001')))).toBe('-0.013');
    expect(text(ceilToStep(new Big('-0.0129'), new Big('0.001')))).toBe('-0.012');
  });
});

describe('roundQtyDown', () => {
  it('rounds down to qtyStep', () => {
    expect(text(roundQtyDown(btc, new Big('0.0129'), 'Market'))).toBe('0.012');
    expect(text(roundQtyDown(btc, new Big('0.0004'), 'Limit'))).toBe('0');
    expect(text(roundQtyDown(bio, new Big('123.99'), 'Limit'))).toBe('123');
  });

  it('caps market orders at maxMktOrderQty and limit orders at maxOrderQty', () => {
    expect(text(roundQtyDown(btc, new Big('600.0009'), 'Market'))).toBe('500');
    expect(text(roundQtyDown(btc, new Big('1500'), 'Limit'))).toBe('1190');
    expect(text(roundQtyDown(btc, new Big('499.9999'), 'Market'))).toBe('499.999');
  });

  it('caps PostOnly limits at postOnlyMaxOrderQty when the venue sets one', () => {
    const rules = rulesFrom('linear', { lot: { postOnlyMaxOrderQty: '100.000' } });
    expect(text(roundQtyDown(rules, new Big('150'), 'Limit', 'PostOnly'))).toBe('100');
    expect(text(roundQtyDown(rules, new Big('150'), 'Limit', 'GTC'))).toBe('150');
  });
});

describe('roundOrderPrice', () => {
  it('rounds a Buy down and a Sell up, so we never pay more or sell for less', () => {
    expect(text(roundOrderPrice(btc, new Big('30000.17'), 'Buy'))).toBe('30000.1');
    expect(text(roundOrderPrice(btc, new Big('30000.17'), 'Sell'))).toBe('30000.2');
    expect(text(roundOrderPrice(bio, new Big('0.12345'), 'Buy'))).toBe('0.1234');
    expect(text(roundOrderPrice(bio, new Big('0.12345'), 'Sell'))).toBe('0.1235');
  });

  it('keeps a price already on the tick', () => {
    expect(text(roundOrderPrice(btc, new Big('30000.10'), 'Buy'))).toBe('30000.1');
    expect(text(roundOrderPrice(btc, new Big('30000.10'), 'Sell'))).toBe('30000.1');
  });
});

describe('roundStopLossPrice', () => {
  it("rounds a long's stop up and a short's stop down, so the stop never ends further from entry", () => {
    expect(text(roundStopLossPrice(btc, new Big('29950.04'), 'Buy'))).toBe('29950.1');
    expect(text(roundStopLossPrice(btc, new Big('30050.06'), 'Sell'))).toBe('30050');
    expect(text(roundStopLossPrice(bio, new Big('0.09871'), 'Buy'))).toBe('0.0988');
    expect(text(roundStopLossPrice(bio, new Big('0.10129'), 'Sell'))).toBe('0.1012');
  });
});
