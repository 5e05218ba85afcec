import { describe, expect, it } from '@jest/globals';
import { toDecimalString, toSymbol, type InstrumentScale } from '@scalper/protocol';
import { planSwitch, strayTopics, topicsFor } from './subscription-plan.js';

const sui = toSymbol('SUIUSDT');
const virtual = toSymbol('VIRTUALUSDT');

function scaleOf(symbol: ReturnType<typeof toSymbol>): InstrumentScale {
  return { symbol, tickSize: toDecimalString('0.0001'), qtyStep: toDecimalString('10'), priceDecimals: 4, sizeDecimals: 0 };
}

describe('planSwitch', () => {
  it('names the touch and trade topics of a symbol as Bybit spells them', () => {
    expect(topicsFor(sui)).toEqual(['orderbook.1.SUIUSDT', 'publicTrade.SUIUSDT']);
  });

  it('hot-swaps: unsubscribe the old topics, tell strategy, subscribe the new, with the epoch one higher', () => {
    const plan = planSwitch(sui, virtual, scaleOf(virtual), 4, true);
    expect(plan.kind).toBe('swap');
    expect(plan.epoch).toBe(5);
    expect(plan.unsubscribe).toEqual(['orderbook.1.SUIUSDT', 'publicTrade.SUIUSDT']);
    expect(plan.subscribe).toEqual(['orderbook.1.VIRTUALUSDT', 'publicTrade.VIRTUALUSDT']);
    expect(plan.steps).toEqual([
      { kind: 'unsubscribe', topics: ['orderbook.1.SUIUSDT', 'publicTrade.SUIUSDT'] },
      { kind: 'symbol-changed', payload: { previous: sui, symbol: virtual, epoch: 5, scale: scaleOf(virtual) } },
      { kind: 'subscribe', topics: ['orderbook.1.VIRTUALUSDT', 'publicTrade.VIRTUALUSDT'] },
    ]);
  });

  it('has nothing to unsubscribe on the first switch', () => {
    const plan = planSwitch(null, sui, scaleOf(sui), 0, false);
    expect(plan.epoch).toBe(1);
    expect(plan.unsubscribe).toEqual([]);
    expect(plan.steps.map((s) => s.kind)).toEqual(['symbol-changed', 'subscribe']);
  });

  it('does nothing for the symbol it is already subscribed to', () => {
    const plan = planSwitch(sui, sui, scaleOf(sui), 3, true);
    expect(plan).toMatchObject({ kind: 'unchanged', epoch: 3, steps: [], subscribe: [], unsubscribe: [] });
  });

  it('only resubscribes, keeping the epoch, when the same symbol was never confirmed subscribed', () => {
    const plan = planSwitch(sui, sui, scaleOf(sui), 3, false);
    expect(plan).toMatchObject({ kind: 'resubscribe', epoch: 3 });
    expect(plan.steps).toEqual([{ kind: 'subscribe', topics: ['orderbook.1.SUIUSDT', 'publicTrade.SUIUSDT'] }]);
  });

  it('wraps the epoch within int32 like the ring slot that carries it', () => {
    expect(planSwitch(sui, virtual, scaleOf(virtual), 2 ** 31 - 1, true).epoch).toBe(-(2 ** 31));
  });

  it('refuses a scale of another symbol', () => {
    expect(() => planSwitch(sui, virtual, scaleOf(sui), 1, true)).toThrow('the scale is for SUIUSDT, not VIRTUALUSDT');
  });

  it('finds book and trade topics left over from a failed unsubscribe', () => {
    const subscribed = ['orderbook.1.SUIUSDT', 'publicTrade.SUIUSDT', 'orderbook.1.VIRTUALUSDT', 'tickers.BTCUSDT'];
    expect(strayTopics(subscribed, sui)).toEqual(['orderbook.1.VIRTUALUSDT']);
    expect(strayTopics(subscribed, null)).toEqual(['orderbook.1.SUIUSDT', 'publicTrade.SUIUSDT', 'orderbook.1.VIRTUALUSDT']);
  });
});
