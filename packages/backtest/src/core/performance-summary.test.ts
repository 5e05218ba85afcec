// Tests of the backtest summary (pure): win rate, PnL sums, drawdown, Sharpe and Sortino, the in/out-of-sample split.

import { describe, expect, it } from '@jest/globals';
import type { EquityPoint, RoundTrip } from './backtest-types.js';
import { maxDrawdown, minuteReturns, sharpe, sortino, splitSummaries, summarize, type SummaryInput } from './performance-summary.js';

function trip(entryTsMs: number, exitTsMs: number, grossPnl: string, fees: string, netPnl: string): RoundTrip {
  return {
    symbol: 'BTCUSDT',
    side: 'Buy',
    qty: '1',
    entryTsMs,
    exitTsMs,
    entryPrice: '100',
    exitPrice: '101',
    grossPnl,
    fees,
    netPnl,
    exitReason: 'take-profit',
  };
}

function series(...pairs: [number, number][]): EquityPoint[] {
  return pairs.map(([tsMs, equity]) => ({ tsMs, equity }));
}

function input(overrides: Partial<SummaryInput>): SummaryInput {
  return {
    startMs: 0,
    endMs: 60_000,
    startingBalance: '1000',
    roundTrips: [],
    equity: [],
    exposureMs: 0,
    endingEquity: '1000',
    ...overrides,
  };
}

describe('summarize', () => {
  it('counts a win only when the net PnL is positive, and sums PnL exactly', () => {
    const summary = summarize(
      input({
        roundTrips: [trip(0, 1_000, '1.1', '0.1', '1'), trip(2_000, 5_000, '-0.3', '0.2', '-0.5'), trip(6_000, 8_000, '0.2', '0.2', '0')],
        exposureMs: 6_000,
      }),
    );
    expect(summary).toMatchObject({ trades: 3, wins: 1, losses: 2, grossPnl: '1', fees: '0.5', netPnl: '0.5' });
    expect(summary.winRate).toBeCloseTo(1 / 3, 12);
    expect(summary.avgHoldingMs).toBe(2_000);
    expect(summary.exposure).toBeCloseTo(0.1, 12);
  });

  it('reports zeros for a run without trades or equity points', () => {
    const summary = summarize(input({ endMs: 600_000 }));
    expect(summary).toMatchObject({
      trades: 0,
      winRate: 0,
      netPnl: '0',
      maxDrawdown: '0',
      maxDrawdownFraction: 0,
      sharpe: 0,
      sortino: 0,
      exposure: 0,
      avgHoldingMs: 0,
    });
  });
});

describe('maxDrawdown', () => {
  it('measures the largest fall from a running peak that starts at the starting balance', () => {
    expect(maxDrawdown('1000', series([1, 950], [2, 1100], [3, 880], [4, 2000], [5, 1700], [6, 2100]))).toEqual({
      usdt: '300', // 2000 -> 1700
      fraction: 0.2, // 1100 -> 880
    });
  });

  it('is zero for an equity curve that never falls', () => {
    expect(maxDrawdown('1000', series([1, 1000], [2, 1001]))).toEqual({ usdt: '0', fraction: 0 });
  });
});

describe('Sharpe and Sortino', () => {
  it('resample equity to the last value at or before each minute boundary', () => {
    const points = series([30_000, 105], [60_000, 110], [170_000, 99]);
    expect(minuteReturns(0, 190_000, 100, points)).toEqual([110 / 100 - 1, 0, 99 / 110 - 1]);
  });

  it('are zero with fewer than two returns, without variation, or (Sortino) without a losing minute', () => {
    expect(sharpe([0.01])).toBe(0);
    expect(sortino([-0.01])).toBe(0);
    expect(sharpe([0.01, 0.01, 0.01])).toBe(0);
    expect(sortino([0.01, 0.02])).toBe(0);
    expect(sharpe([0.01, 0.02])).toBeGreaterThan(0);
  });

  it('match a hand-computed case of returns +10%, -10%, +10%', () => {
    // mean 1/30; sample stdev sqrt(0.0266...7 / 2) so mean/stdev = 1/(2 sqrt 3); downside sqrt(0.01/3): 1/sqrt 3.
    const summary = summarize(
      input({ endMs: 180_000, startingBalance: '100', equity: series([60_000, 110], [120_000, 99], [180_000, 108.9]), endingEquity: '108.9' }),
    );
    expect(summary.sharpe).toBeCloseTo(Math.sqrt(525_600 / 12), 6);
    expect(summary.sortino).toBeCloseTo(Math.sqrt(525_600 / 3), 6);
    expect(summary.maxDrawdown).toBe('11');
    expect(summary.maxDrawdownFraction).toBe(0.1);
  });
});

describe('splitSummaries', () => {
  const trips = [trip(30_000, 60_000, '10', '0', '10'), trip(100_000, 120_000, '-5', '0', '-5'), trip(130_000, 200_000, '15', '0', '15')];
  const run = input({
    endMs: 240_000,
    roundTrips: trips,
    equity: series([60_000, 1010], [120_000, 1005], [180_000, 1020], [240_000, 1030]),
    exposureMs: 140_000, // the three trips, then a position open from 220 000 to the end
    endingEquity: '1030',
  });

  it('puts a round trip in the part its exit falls in, and rebases the out-of-sample part at the split equity', () => {
    const { inSample, outOfSample } = splitSummaries(run, 120_000);
    expect(inSample).toMatchObject({ startMs: 0, endMs: 120_000, startingBalance: '1000', endingEquity: '1005', trades: 1, netPnl: '10' });
    expect(outOfSample).toMatchObject({ startMs: 120_000, endMs: 240_000, startingBalance: '1005', endingEquity: '1030', trades: 2, netPnl: '10' });
    expect(inSample.maxDrawdown).toBe('0'); // the point at the split belongs to the out-of-sample part
    expect(outOfSample.maxDrawdown).toBe('0');
  });

  it('splits exposure by the exposure intervals when given, else by the trips with the rest at the end', () => {
    const estimated = splitSummaries(run, 120_000);
    expect(estimated.inSample.exposure).toBeCloseTo(50_000 / 120_000, 12);
    expect(estimated.outOfSample.exposure).toBeCloseTo(90_000 / 120_000, 12);
    const exact = splitSummaries(
      {
        ...run,
        exposureIntervals: [
          { startMs: 30_000, endMs: 60_000 },
          { startMs: 100_000, endMs: 240_000 },
        ],
      },
      120_000,
    );
    expect(exact.inSample.exposure).toBeCloseTo(50_000 / 120_000, 12);
    expect(exact.outOfSample.exposure).toBe(1);
  });
});
