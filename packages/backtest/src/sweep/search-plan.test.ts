// The sweep's search plans (Jest thread): the flags' checks, seeded samples, and the rounds of successive halving.

import { describe, expect, it } from '@jest/globals';
import { halvingCostInRuns, halvingRounds, parseSearch, plannedRuns, sampleIndices, SearchError } from './search-plan.js';

describe('parseSearch', () => {
  it('defaults to the full grid, and takes random with a budget and halving with an optional budget and eta', () => {
    expect(parseSearch(undefined, undefined, undefined, undefined)).toEqual({ kind: 'grid' });
    expect(parseSearch('random', '10', undefined, '7')).toEqual({ kind: 'random', budget: 10, seed: 7 });
    expect(parseSearch('halving', undefined, undefined, undefined)).toEqual({ kind: 'halving', eta: 3, budget: null, seed: 1 });
    expect(parseSearch('halving', '40', '2', '0')).toEqual({ kind: 'halving', eta: 2, budget: 40, seed: 0 });
  });

  it.each([
    [['bayes', undefined, undefined, undefined], '--search must be one of grid, random, halving, got "bayes"'],
    [['random', undefined, undefined, undefined], '--search random needs --budget N (how many combinations to run)'],
    [['random', '0', undefined, undefined], '--budget must be a whole number of at least 1, got "0"'],
    [['random', '5', '3', undefined], '--eta goes with --search halving'],
    [['halving', undefined, '1', undefined], '--eta must be a whole number of at least 2, got "1"'],
    [['halving', undefined, undefined, '-1'], '--seed must be a whole number of at least 0, got "-1"'],
    [[undefined, '5', undefined, undefined], '--budget and --eta go with --search random or --search halving'],
  ] as const)('refuses %j with one clear reason', (args, message) => {
    expect(() => parseSearch(args[0], args[1], args[2], args[3])).toThrow(new SearchError(message));
  });
});

describe('sampleIndices', () => {
  it('draws distinct indices in grid order, the same for the same seed and others for another', () => {
    const drawn = sampleIndices(100, 10, 4);
    expect(drawn).toHaveLength(10);
    expect(new Set(drawn).size).toBe(10);
    expect([...drawn].sort((a, b) => a - b)).toEqual(drawn);
    expect(drawn.every((index) => index >= 0 && index < 100)).toBe(true);
    expect(sampleIndices(100, 10, 4)).toEqual(drawn);
    expect(sampleIndices(100, 10, 5)).not.toEqual(drawn);
  });

  it('takes every index when the budget covers the grid', () => {
    expect(sampleIndices(5, 5, 1)).toEqual([0, 1, 2, 3, 4]);
    expect(sampleIndices(5, 50, 1)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('halvingRounds', () => {
  it('keeps ceil(n / eta) per round on stretches eta times longer, up to the whole in-sample span, then the whole data', () => {
    expect(halvingRounds(18, 3)).toEqual([
      { candidates: 18, windowFraction: 1 / 3, last: false },
      { candidates: 6, windowFraction: 1, last: false },
      { candidates: 2, windowFraction: 1, last: true },
    ]);
    expect(halvingRounds(10, 2).map((round) => round.candidates)).toEqual([10, 5, 3, 2]);
    expect(halvingRounds(10, 2).map((round) => round.windowFraction)).toEqual([0.25, 0.5, 1, 1]);
  });

  it('runs a few candidates on the whole data at once', () => {
    expect(halvingRounds(3, 3)).toEqual([{ candidates: 3, windowFraction: 1, last: true }]);
    expect(halvingRounds(1, 2)).toEqual([{ candidates: 1, windowFraction: 1, last: true }]);
  });

  it('counts runs, and replay time in whole-data runs', () => {
    expect(plannedRuns({ kind: 'grid' }, 18)).toBe(18);
    expect(plannedRuns({ kind: 'random', budget: 5, seed: 1 }, 18)).toBe(5);
    expect(plannedRuns({ kind: 'random', budget: 50, seed: 1 }, 18)).toBe(18);
    expect(plannedRuns({ kind: 'halving', eta: 3, budget: null, seed: 1 }, 18)).toBe(26);
    // 18 runs on a third of 70 %, 6 on 70 %, 2 on everything.
    expect(halvingCostInRuns(halvingRounds(18, 3), 0.7)).toBeCloseTo((18 * 0.7) / 3 + 6 * 0.7 + 2, 10);
  });
});
