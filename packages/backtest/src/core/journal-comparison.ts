// A live or paper session's round trips (from its journal) next to a backtest's of the same recording (backtest
// thread, after the run): paired by symbol, side and entry time, so a trader sees which trades the backtest took
// too, which it missed or added, and how far apart their PnL came out. Money stays exact (big.js).

import Big from 'big.js';
import type { RoundTrip } from '@scalper/execution';
import type { RoundTripRow } from '@scalper/journal';

/** A journaled round trip, as the journal reader gives it. */
export type JournalTrip = Pick<
  RoundTripRow,
  'symbol' | 'side' | 'qty' | 'entryPrice' | 'exitPrice' | 'openedAtMs' | 'closedAtMs' | 'exitReason' | 'netPnl'
>;

export interface TripPair {
  readonly journal: JournalTrip | null;
  readonly backtest: RoundTrip | null;
  /** backtest net − journal net, when both exist. */
  readonly netDifference: string | null;
}

export interface TripComparison {
  /** In entry-time order; a trade on one side only has null on the other. */
  readonly pairs: readonly TripPair[];
  readonly matched: number;
  readonly journalOnly: number;
  readonly backtestOnly: number;
  readonly journalNet: string;
  readonly backtestNet: string;
}

/** Entries further apart than this are different trades (the backtest's latency model shifts an entry by ms). */
export const defaultPairingWindowMs = 5_000;

export function compareRoundTrips(
  journal: readonly JournalTrip[],
  backtest: readonly RoundTrip[],
  windowMs: number = defaultPairingWindowMs,
): TripComparison {
  const unpaired = new Set(backtest.map((_, i) => i));
  const pairs: TripPair[] = [];
  for (const trip of [...journal].sort((a, b) => a.openedAtMs - b.openedAtMs)) {
    let best = -1;
    let bestGap = Number.POSITIVE_INFINITY;
    for (const i of unpaired) {
      const candidate = backtest[i] as RoundTrip;
      const gap = Math.abs(candidate.entryTsMs - trip.openedAtMs);
      if (candidate.symbol === trip.symbol && candidate.side === trip.side && gap <= windowMs && gap < bestGap) {
        best = i;
        bestGap = gap;
      }
    }
    if (best < 0) {
      pairs.push({ journal: trip, backtest: null, netDifference: null });
      continue;
    }
    unpaired.delete(best);
    const match = backtest[best] as RoundTrip;
    pairs.push({ journal: trip, backtest: match, netDifference: new Big(match.netPnl).minus(trip.netPnl).toFixed() });
  }
  for (const i of unpaired) pairs.push({ journal: null, backtest: backtest[i] as RoundTrip, netDifference: null });
  pairs.sort((a, b) => (a.journal?.openedAtMs ?? a.backtest?.entryTsMs ?? 0) - (b.journal?.openedAtMs ?? b.backtest?.entryTsMs ?? 0));
  const sum = (values: readonly string[]) => values.reduce((total, value) => total.plus(value), new Big(0)).toFixed();
  const matched = pairs.filter((pair) => pair.journal !== null && pair.backtest !== null).length;
  return {
    pairs,
    matched,
    journalOnly: journal.length - matched,
    backtestOnly: backtest.length - matched,
    journalNet: sum(journal.map((trip) => trip.netPnl)),
    backtestNet: sum(backtest.map((trip) => trip.netPnl)),
  };
}
