import { describe, expect, it } from '@jest/globals';
import type { RoundTrip } from '@scalper/execution';
import { compareRoundTrips, type JournalTrip } from './journal-comparison.js';

const journalTrip = (openedAtMs: number, netPnl: string, side = 'Buy', symbol = 'BTCUSDT'): JournalTrip => ({
  symbol,
  side,
  qty: '0.01',
  entryPrice: '100',
  exitPrice: '101',
  openedAtMs,
  closedAtMs: openedAtMs + 1_000,
  exitReason: 'time-exit',
  netPnl,
});

const backtestTrip = (entryTsMs: number, netPnl: string, side: 'Buy' | 'Sell' = 'Buy', symbol = 'BTCUSDT'): RoundTrip => ({
  symbol,
  side,
  qty: '0.01',
  entryTsMs,
  exitTsMs: entryTsMs + 1_000,
  entryPrice: '100',
  exitPrice: '101',
  grossPnl: netPnl,
  fees: '0',
  netPnl,
  exitReason: 'time-exit',
});

describe('compareRoundTrips', () => {
  it('pairs each journaled trip with the nearest backtest trip of its symbol and side within the window', () => {
    const comparison = compareRoundTrips(
      [journalTrip(10_000, '1.5'), journalTrip(60_000, '-0.2', 'Sell'), journalTrip(200_000, '0.1')],
      [backtestTrip(10_040, '1.4'), backtestTrip(12_000, '9'), backtestTrip(61_000, '-0.25', 'Sell'), backtestTrip(120_000, '0.3', 'Buy', 'ETHUSDT')],
    );
    expect(comparison.pairs.map((pair) => [pair.journal?.openedAtMs ?? null, pair.backtest?.entryTsMs ?? null, pair.netDifference])).toEqual([
      [10_000, 10_040, '-0.1'],
      [null, 12_000, null],
      [60_000, 61_000, '-0.05'],
      [null, 120_000, null],
      [200_000, null, null],
    ]);
    expect(comparison).toMatchObject({ matched: 2, journalOnly: 1, backtestOnly: 2, journalNet: '1.4', backtestNet: '10.45' });
  });

  it('never pairs trips further apart than the window, or of the other side', () => {
    const comparison = compareRoundTrips([journalTrip(0, '1')], [backtestTrip(6_000, '1'), backtestTrip(10, '1', 'Sell')]);
    expect(comparison.matched).toBe(0);
  });
});
