import { describe, expect, it } from '@jest/globals';
import Big from 'big.js';
import { holdingExpired, stopLossBreached, stopLossPrice, takeProfitPrice, takeProfitReached } from './stops.js';

const half = new Big('0.5');

describe('stopLossPrice', () => {
  it('matches the seed: a long from 10.00 with a 0.5 % stop stops at 9.95', () => {
    expect(stopLossPrice(new Big('10.00'), 'Buy', half, new Big('0.01'))?.toFixed(2)).toBe('9.95');
  });

  it('puts a short stop above the entry: 10.00 at 0.5 % stops at 10.05', () => {
    expect(stopLossPrice(new Big('10.00'), 'Sell', half, new Big('0.01'))?.toFixed(2)).toBe('10.05');
  });

  it('rounds onto tickSize towards the entry, so the loss is never larger than asked', () => {
    // 10.003 x 0.995 = 9.952985 and 10.003 x 1.005 = 10.053015
    expect(stopLossPrice(new Big('10.003'), 'Buy', half, new Big('0.01'))?.toFixed(2)).toBe('9.96');
    expect(stopLossPrice(new Big('10.003'), 'Sell', half, new Big('0.01'))?.toFixed(2)).toBe('10.05');
  });

  it('refuses a stop the tick is too coarse to place away from the entry', () => {
    expect(stopLossPrice(new Big('10'), 'Buy', half, new Big('1'))).toBeNull();
    expect(stopLossPrice(new Big('10'), 'Sell', half, new Big('1'))).toBeNull();
  });
});

describe('take profit, stop backup and holding time', () => {
  it('puts the take-profit target takeProfitPercent from the entry in our favour', () => {
    expect(takeProfitPrice(new Big('10'), 'Buy', new Big('1')).toFixed()).toBe('10.1');
    expect(takeProfitPrice(new Big('10'), 'Sell', new Big('1')).toFixed()).toBe('9.9');
  });

  it('reaches the target at or beyond it, and never while a value is unknown', () => {
    expect(takeProfitReached('Buy', 10100, 10100)).toBe(true);
    expect(takeProfitReached('Buy', 10099, 10100)).toBe(false);
    expect(takeProfitReached('Sell', 9900, 9900)).toBe(true);
    expect(takeProfitReached('Sell', 9901, 9900)).toBe(false);
    expect(takeProfitReached('Buy', 10100, Number.NaN)).toBe(false);
  });

  it('breaches a long stop when the bid reaches it and a short stop when the ask does', () => {
    expect(stopLossBreached('Buy', 9950, 9960, 9950)).toBe(true);
    expect(stopLossBreached('Buy', 9951, 9960, 9950)).toBe(false);
    expect(stopLossBreached('Sell', 10040, 10050, 10050)).toBe(true);
    expect(stopLossBreached('Sell', 10040, 10049, 10050)).toBe(false);
  });

  it('expires a position held maxHoldingMs, and never when the limit is 0', () => {
    expect(holdingExpired(1000, 31_000, 30_000)).toBe(true);
    expect(holdingExpired(1000, 30_999, 30_000)).toBe(false);
    expect(holdingExpired(1000, 1e12, 0)).toBe(false);
  });
});
