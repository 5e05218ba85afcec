// TickPathRehearsal (Jest thread): the last real trade, copied, goes through a scratch runner's ring read and core on
// every run, follows symbol changes, and nothing it decides leaves it.

import { describe, expect, it } from '@jest/globals';
import { defaultStrategyParams } from './strategy-params.js';
import { symbolChanged, sui, t0, TickFeed, wif, scaleOf } from './test-support/strategy-fixtures.js';
import { TickPathRehearsal } from './tick-path-rehearsal.js';

describe('TickPathRehearsal', () => {
  it('has nothing to run before a trade of the current symbol', () => {
    const rehearsal = new TickPathRehearsal(defaultStrategyParams);
    expect(rehearsal.run(t0)).toBe(false);
    rehearsal.onSymbolChanged({ type: 'SymbolChanged', ...symbolChanged(sui, 1) }, t0);
    expect(rehearsal.run(t0)).toBe(false);
  });

  it('takes a copy of the last trade through the scratch core on every run, stamped with the run time', () => {
    const rehearsal = new TickPathRehearsal(defaultStrategyParams);
    rehearsal.onSymbolChanged({ type: 'SymbolChanged', ...symbolChanged(sui, 1) }, t0);
    const feed = new TickFeed(1);
    const trade = feed.next('5.000', '1', t0 - 60_000); // long stale as received: each run restamps it
    rehearsal.noteTrade(trade);
    trade.epoch = 99; // the caller reuses its entry: the rehearsal kept its own copy
    for (let i = 1; i <= 100; i++) expect(rehearsal.run(t0 + i)).toBe(true);
    expect(rehearsal.ticksTaken).toBe(100);
  });

  it("forgets the old symbol's trade when the symbol changes", () => {
    const rehearsal = new TickPathRehearsal(defaultStrategyParams);
    rehearsal.onSymbolChanged({ type: 'SymbolChanged', ...symbolChanged(sui, 1) }, t0);
    rehearsal.noteTrade(new TickFeed(1).next('5.000', '1', t0));
    rehearsal.onSymbolChanged({ type: 'SymbolChanged', ...symbolChanged(wif, 2, sui) }, t0 + 1);
    expect(rehearsal.run(t0 + 2)).toBe(false);
    rehearsal.noteTrade(new TickFeed(2, scaleOf(wif)).next('2.000', '1', t0 + 3));
    expect(rehearsal.run(t0 + 4)).toBe(true);
  });
});
