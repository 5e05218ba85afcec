import { describe, expect, it } from '@jest/globals';
import Big from 'big.js';
import { defaultStrategyParams, minTopSizeToRaw, resolveStrategyParams } from './strategy-params.js';

describe('resolveStrategyParams', () => {
  it('uses the config defaults and turns take profit and the holding limit off', () => {
    const params = resolveStrategyParams({
      windowTicks: 20,
      momentumThreshold: 0.001,
      stopLossPercent: 0.5,
      positionSizeUsd: '1000',
      marketMaxSpreadBps: 10,
      maxEntrySpreadBps: 50,
      minTopSize: '100',
      staleDataMs: 500,
    });
    expect(params.takeProfitPercent).toBe(0);
    expect(params.maxHoldingMs).toBe(0);
    expect(params.positionSizeUsdBig.toFixed()).toBe('1000');
    expect(params.stopLossPercentBig.toFixed()).toBe('0.5');
    expect(params.orderLinkIdPrefix).toBe('s');
  });

  it('throws a RangeError naming the option for a bad value', () => {
    expect(() => resolveStrategyParams({ ...defaultStrategyParams, windowTicks: 1 })).toThrow(/strategy\.windowTicks/);
    expect(() => resolveStrategyParams({ ...defaultStrategyParams, momentumThreshold: 0 })).toThrow(/strategy\.momentumThreshold/);
    expect(() => resolveStrategyParams({ ...defaultStrategyParams, stopLossPercent: 100 })).toThrow(/strategy\.stopLossPercent/);
    expect(() => resolveStrategyParams({ ...defaultStrategyParams, positionSizeUsd: '1e3' })).toThrow(/strategy\.positionSizeUsd/);
    expect(() => resolveStrategyParams({ ...defaultStrategyParams, positionSizeUsd: '0' })).toThrow(/strategy\.positionSizeUsd/);
    expect(() => resolveStrategyParams({ ...defaultStrategyParams, minTopSize: 'lots' })).toThrow(/strategy\.minTopSize/);
    expect(() => resolveStrategyParams({ ...defaultStrategyParams, takeProfitPercent: -1 })).toThrow(/strategy\.takeProfitPercent/);
    expect(() => resolveStrategyParams({ ...defaultStrategyParams, orderLinkIdPrefix: 'has-dash' })).toThrow(/strategy\.orderLinkIdPrefix/);
  });
});

describe('minTopSizeToRaw', () => {
  it('floors minTopSize onto the size scale so the strict > stays exact', () => {
    expect(minTopSizeToRaw(new Big('100'), 1)).toBe(1000);
    expect(minTopSizeToRaw(new Big('100.55'), 1)).toBe(1005);
    expect(minTopSizeToRaw(new Big('100'), 0)).toBe(100);
  });
});
