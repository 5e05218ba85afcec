import { describe, expect, it } from '@jest/globals';
import { toSymbol } from '@scalper/protocol';
import { shouldSwitch } from './switch-rule.js';

const sui = toSymbol('SUIUSDT');
const virtual = toSymbol('VIRTUALUSDT');

describe('shouldSwitch', () => {
  it('switches on the worked example: VIRTUAL 2.0e9 beats SUI 1.5e9 × 1.2 = 1.8e9', () => {
    expect(shouldSwitch({ symbol: sui, score: 1.5e9 }, { symbol: virtual, score: 2.0e9 }, 1.2)).toEqual({
      switch: true,
      reason: 'beats-threshold',
    });
  });

  it('stays when the new top does not beat the current score by the threshold', () => {
    expect(shouldSwitch({ symbol: sui, score: 1.5e9 }, { symbol: virtual, score: 1.7e9 }, 1.2)).toEqual({
      switch: false,
      reason: 'below-threshold',
    });
  });

  it('stays at exactly the threshold, because the seed compares strictly', () => {
    expect(shouldSwitch({ symbol: sui, score: 1e9 }, { symbol: virtual, score: 2e9 }, 2)).toEqual({
      switch: false,
      reason: 'below-threshold',
    });
  });

  it('switches immediately when there is no current symbol', () => {
    expect(shouldSwitch(null, { symbol: virtual, score: 1 }, 1.2)).toEqual({ switch: true, reason: 'no-current' });
  });

  it('never switches to the symbol it is already on, whatever the scores', () => {
    expect(shouldSwitch({ symbol: sui, score: 1 }, { symbol: sui, score: 1e12 }, 1.2)).toEqual({
      switch: false,
      reason: 'same-symbol',
    });
  });

  it('switches to the top when the current symbol vanished from the tickers', () => {
    expect(shouldSwitch({ symbol: sui, score: null }, { symbol: virtual, score: 1 }, 1.2)).toEqual({
      switch: true,
      reason: 'current-vanished',
    });
  });

  it('does nothing without a candidate', () => {
    expect(shouldSwitch(null, null, 1.2)).toEqual({ switch: false, reason: 'no-candidate' });
    expect(shouldSwitch({ symbol: sui, score: null }, null, 1.2)).toEqual({ switch: false, reason: 'no-candidate' });
  });

  it('switches away from a current score of zero to any positive top', () => {
    expect(shouldSwitch({ symbol: sui, score: 0 }, { symbol: virtual, score: 1 }, 1.2).switch).toBe(true);
  });
});
