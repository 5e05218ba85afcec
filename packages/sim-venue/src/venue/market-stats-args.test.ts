import { describe, expect, it } from '@jest/globals';
import { parseMarketStatsArgs } from './market-stats-args.js';

describe('market-stats arguments', () => {
  it("takes pnpm's -- anywhere and fills in the defaults", () => {
    const args = parseMarketStatsArgs(['--', '--symbol', 'SUIUSDT', '--', '--seeds', '1-3', '--json']);
    expect(args.json).toBe(true);
    expect(args.runs.map((run) => run.seed)).toEqual([1, 2, 3]);
    expect(args.runs[0]).toMatchObject({ symbol: 'SUIUSDT', minutes: 60, profile: 'live-like', tradesPerSecond: 20, whitelistBoost: 1.3 });
    expect(parseMarketStatsArgs([]).runs.map((run) => run.seed)).toEqual([42]);
    expect(parseMarketStatsArgs(['--seeds', '4,9', '--market', 'calm']).runs.map((run) => [run.seed, run.profile])).toEqual([
      [4, 'calm'],
      [9, 'calm'],
    ]);
  });

  it.each([
    [['--symbol', 'NOPEUSDT'], /does not list NOPEUSDT/],
    [['--minutes', '0'], /--minutes must be from 1/],
    [['--seeds', 'x'], /--seeds takes a seed/],
    [['--market', 'wild'], /--market must be live-like or calm/],
    [['--minutes'], /--minutes needs a value/],
    [['--nope', '1'], /unknown argument --nope/],
  ])('refuses %j with one clear line', (argv, message) => {
    expect(() => parseMarketStatsArgs(argv)).toThrow(message);
  });
});
