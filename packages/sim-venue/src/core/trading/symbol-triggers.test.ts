import { describe, expect, it } from '@jest/globals';
import { SymbolTriggers } from './symbol-triggers.js';

describe('symbol triggers', () => {
  it('keeps resting buys best price first, then in arrival order', () => {
    const triggers = new SymbolTriggers();
    triggers.addResting({ apiKey: 'k', orderId: 'a', side: 'Buy', priceRaw: 100 });
    triggers.addResting({ apiKey: 'k', orderId: 'b', side: 'Buy', priceRaw: 101 });
    triggers.addResting({ apiKey: 'k', orderId: 'c', side: 'Buy', priceRaw: 100 });
    expect(triggers.buys.map((entry) => entry.orderId)).toEqual(['b', 'a', 'c']);
  });

  it('keeps resting sells lowest price first', () => {
    const triggers = new SymbolTriggers();
    triggers.addResting({ apiKey: 'k', orderId: 'a', side: 'Sell', priceRaw: 102 });
    triggers.addResting({ apiKey: 'k', orderId: 'b', side: 'Sell', priceRaw: 101 });
    expect(triggers.sells.map((entry) => entry.orderId)).toEqual(['b', 'a']);
    expect([triggers.sellsCrossedBy(100), triggers.sellsCrossedBy(101)]).toEqual([false, true]);
  });

  it('holds one stop per account and forgets it when cleared', () => {
    const triggers = new SymbolTriggers();
    triggers.setStop('k', 'Buy', 95);
    triggers.setStop('k', 'Buy', 96);
    expect(triggers.stops).toEqual([{ apiKey: 'k', side: 'Buy', stopRaw: 96 }]);
    expect([triggers.stopsHitBy(97), triggers.stopsHitBy(96)]).toEqual([false, true]);
    triggers.setStop('k', null, null);
    expect(triggers.stopsHitBy(0)).toBe(false);
  });
});
