// `pnpm market-stats` as a process (it runs the simulator at full speed, several times faster than inside Jest's
// module sandbox): the live-like market's statistics and the scanner's top coins over two seeds.

import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { MarketStatistics } from '../core/market/market-statistics.js';
import { instrumentCatalog } from '../core/market/instrument-catalog.js';

const cli = fileURLToPath(new URL('./market-stats-cli.js', import.meta.url));

describe('pnpm market-stats', () => {
  it('measures a live-like market with bursts, one-tick spreads, sweeps, fat tails and movers on top of the scanner', () => {
    const out = execFileSync(process.execPath, [cli, '--', '--symbol', 'WIFUSDT', '--minutes', '20', '--seeds', '3,4', '--json'], {
      encoding: 'utf8',
    });
    const runs = JSON.parse(out.split('\n')[0] as string) as MarketStatistics[];
    expect(runs.map((run) => [run.symbol, run.seed, run.profile])).toEqual([
      ['WIFUSDT', 3, 'live-like'],
      ['WIFUSDT', 4, 'live-like'],
    ]);
    const movers = new Set(instrumentCatalog.filter((spec) => spec.coinClass === 'mover').map((spec) => spec.symbol));
    for (const stats of runs) {
      // Self-exciting arrivals: the busiest seconds carry several times the median, the quietest a fraction of it.
      expect(stats.tradesPerSecond.max).toBeGreaterThan(4 * stats.tradesPerSecond.p50);
      expect(stats.tradesPerSecond.p10).toBeLessThan(stats.tradesPerSecond.p50 / 2);
      expect(stats.spreadTicks.one).toBeGreaterThan(0.5);
      expect(stats.spreadTicks.one + stats.spreadTicks.two).toBeGreaterThan(0.8);
      expect(stats.sweepShare).toBeGreaterThan(0.01);
      // Most prints small, a Pareto tail of big ones.
      expect(stats.sizeUsd.p50).toBeLessThan(stats.sizeUsd.mean * 0.7);
      expect(stats.sizeUsd.hillTailExponent).toBeLessThan(3);
      // Fat tails at a second (a normal distribution has excess kurtosis 0), and volatility that clusters.
      expect(stats.oneSecond.excessKurtosis).toBeGreaterThan(2);
      expect(stats.oneSecond.absAutocorrelation).toBeGreaterThan(0.1);
      const moverShare = stats.scannerTops.filter((top) => movers.has(top.symbol)).reduce((sum, top) => sum + top.share, 0);
      expect(moverShare).toBeGreaterThan(0.5);
    }
  }, 60_000);

  it('prints its usage on --help and exits 2 with one line on a bad argument', () => {
    expect(execFileSync(process.execPath, [cli, '--', '--help'], { encoding: 'utf8' })).toMatch(/^usage: pnpm market-stats/);
    expect(() => execFileSync(process.execPath, [cli, '--market', 'wild'], { encoding: 'utf8', stdio: 'pipe' })).toThrow(
      /--market must be live-like or calm/,
    );
  });
});
