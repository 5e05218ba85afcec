import { describe, expect, it } from '@jest/globals';
import { defaultStrategyParams } from './strategy-params.js';
import { EntryPathRehearsal, warmEntryPath } from './warm-up.js';

describe('warmEntryPath', () => {
  it('builds one order per iteration, through both routes, with the configured parameters', () => {
    expect(warmEntryPath(defaultStrategyParams, 50, 1_700_000_000_000)).toBe(50);
  });

  it('builds nothing when the parameters size every entry to zero', () => {
    expect(warmEntryPath({ ...defaultStrategyParams, positionSizeUsd: '0.0001' }, 10, 1_700_000_000_000)).toBe(0);
  });

  it('refuses bad parameters the way the core does', () => {
    expect(() => warmEntryPath({ ...defaultStrategyParams, positionSizeUsd: '-1' }, 1, 0)).toThrow(/strategy.positionSizeUsd/);
  });
});

describe('EntryPathRehearsal', () => {
  it('builds entries a few at a time, as often as asked, from one made-up book pair', () => {
    const rehearsal = new EntryPathRehearsal(defaultStrategyParams, 1_700_000_000_000);
    for (let i = 0; i < 500; i++) expect(rehearsal.run(2, 1_700_000_000_000 + i)).toBe(2);
  });
});
