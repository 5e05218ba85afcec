// The summary of a backtest run or of one time window of it (backtest thread and sweep workers; pure): win rate,
// PnL sums in big.js, drawdown, Sharpe and Sortino from per-minute equity returns, exposure.

import Big from 'big.js';
import type { BacktestSummary, EquityPoint, RoundTrip } from './backtest-types.js';

export interface SummaryInput {
  readonly startMs: number;
  readonly endMs: number;
  readonly startingBalance: string;
  readonly roundTrips: readonly RoundTrip[];
  readonly equity: readonly EquityPoint[];
  /** Total time with any position open. */
  readonly exposureMs: number;
  readonly endingEquity: string;
  /**
   * The spans with a position open (TradeLedger.exposureIntervals). Only windows need them; without them a window's
   * exposure is estimated from its round trips' holding times.
   */
  readonly exposureIntervals?: readonly { readonly startMs: number; readonly endMs: number }[];
}

const minuteMs = 60_000;
const minutesPerYear = 525_600;

/** PnL sums are over closed round trips; a position still open shows only in the ending equity and the drawdown. */
export function summarize(input: SummaryInput): BacktestSummary {
  const trips = input.roundTrips;
  let gross = new Big(0);
  let fees = new Big(0);
  let net = new Big(0);
  let wins = 0;
  let holdingMs = 0;
  for (const trip of trips) {
    const tripNet = new Big(trip.netPnl);
    gross = gross.plus(trip.grossPnl);
    fees = fees.plus(trip.fees);
    net = net.plus(tripNet);
    if (tripNet.gt(0)) wins++;
    holdingMs += trip.exitTsMs - trip.entryTsMs;
  }
  const drawdown = maxDrawdown(input.startingBalance, input.equity);
  const returns = minuteReturns(input.startMs, input.endMs, Number(input.startingBalance), input.equity);
  const spanMs = input.endMs - input.startMs;
  return {
    startMs: input.startMs,
    endMs: input.endMs,
    startingBalance: input.startingBalance,
    endingEquity: input.endingEquity,
    trades: trips.length,
    wins,
    // A break-even trip counts as a loss so that wins + losses = trades.
    losses: trips.length - wins,
    winRate: trips.length === 0 ? 0 : wins / trips.length,
    grossPnl: gross.toFixed(),
    fees: fees.toFixed(),
    netPnl: net.toFixed(),
    maxDrawdown: drawdown.usdt,
    maxDrawdownFraction: drawdown.fraction,
    sharpe: sharpe(returns),
    sortino: sortino(returns),
    exposure: spanMs > 0 ? Math.min(1, Math.max(0, input.exposureMs / spanMs)) : 0,
    avgHoldingMs: trips.length === 0 ? 0 : holdingMs / trips.length,
  };
}

/**
 * The summary of [fromMs, toMs) of a run: the round trips whose exit falls in it (the window ending at the run's end
 * also takes exits at endMs), the equity points in it, rebased so the window starts at the equity at fromMs.
 */
function summarizeWindow(input: SummaryInput, fromMs: number, toMs: number): BacktestSummary {
  const isLast = toMs >= input.endMs;
  const inWindow = (tsMs: number): boolean => tsMs >= fromMs && (tsMs < toMs || (isLast && tsMs <= toMs));
  const startingBalance = equityAt(input, fromMs);
  const endingEquity = isLast ? input.endingEquity : equityAt(input, toMs);
  const roundTrips = input.roundTrips.filter((trip) => inWindow(trip.exitTsMs));
  return summarize({
    startMs: fromMs,
    endMs: toMs,
    startingBalance,
    endingEquity,
    roundTrips,
    equity: input.equity.filter((point) => inWindow(point.tsMs)),
    exposureMs: windowExposureMs(input, fromMs, toMs),
  });
}

/** In-sample is [startMs, splitMs), out-of-sample [splitMs, endMs]; a round trip belongs where its exit falls. */
export function splitSummaries(input: SummaryInput, splitMs: number): { inSample: BacktestSummary; outOfSample: BacktestSummary } {
  return {
    inSample: summarizeWindow(input, input.startMs, splitMs),
    outOfSample: summarizeWindow(input, splitMs, input.endMs),
  };
}

/** The last equity at or before tsMs, as a decimal string; the starting balance before the first point. */
function equityAt(input: Pick<SummaryInput, 'startingBalance' | 'equity'>, tsMs: number): string {
  const index = lastIndexAtOrBefore(input.equity, tsMs);
  const point = index < 0 ? undefined : input.equity[index];
  return point === undefined ? input.startingBalance : new Big(point.equity).toFixed();
}

/** Largest fall from a running peak that starts at the starting balance: USDT and the largest fraction of the peak. */
export function maxDrawdown(startingBalance: string, equity: readonly EquityPoint[]): { usdt: string; fraction: number } {
  let peak = new Big(startingBalance);
  let worst = new Big(0);
  let fraction = 0;
  for (const point of equity) {
    const value = new Big(point.equity);
    if (value.gt(peak)) {
      peak = value;
      continue;
    }
    const fall = peak.minus(value);
    if (fall.gt(worst)) worst = fall;
    if (peak.gt(0)) fraction = Math.max(fraction, Number(fall.div(peak).toFixed(12)));
  }
  return { usdt: worst.toFixed(), fraction };
}

/**
 * Returns between consecutive minute boundaries from startMs, each boundary valued at the last equity at or before it
 * (the starting balance before the first point). A trailing part-minute is left out so every return spans a minute.
 */
export function minuteReturns(startMs: number, endMs: number, startingBalance: number, equity: readonly EquityPoint[]): number[] {
  const returns: number[] = [];
  let index = -1;
  let previous = Number.NaN;
  for (let boundary = startMs; boundary <= endMs; boundary += minuteMs) {
    while (index + 1 < equity.length && (equity[index + 1]?.tsMs ?? Number.POSITIVE_INFINITY) <= boundary) index++;
    const value = index < 0 ? startingBalance : (equity[index]?.equity ?? startingBalance);
    if (!Number.isNaN(previous)) returns.push(previous === 0 ? 0 : value / previous - 1);
    previous = value;
  }
  return returns;
}

/** Annualised mean over sample standard deviation; 0 with fewer than two returns or none varying. */
export function sharpe(returns: readonly number[]): number {
  if (returns.length < 2) return 0;
  const mean = average(returns);
  let squares = 0;
  for (const r of returns) squares += (r - mean) ** 2;
  const stdev = Math.sqrt(squares / (returns.length - 1));
  return stdev > 0 ? (mean / stdev) * Math.sqrt(minutesPerYear) : 0;
}

/** Annualised mean over downside deviation sqrt(mean(min(r, 0)^2)); 0 with fewer than two returns or no losses. */
export function sortino(returns: readonly number[]): number {
  if (returns.length < 2) return 0;
  let squares = 0;
  for (const r of returns) if (r < 0) squares += r * r;
  const downside = Math.sqrt(squares / returns.length);
  return downside > 0 ? (average(returns) / downside) * Math.sqrt(minutesPerYear) : 0;
}

function average(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

function lastIndexAtOrBefore(equity: readonly EquityPoint[], tsMs: number): number {
  let lo = 0;
  let hi = equity.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((equity[mid]?.tsMs ?? Number.POSITIVE_INFINITY) <= tsMs) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

function windowExposureMs(input: SummaryInput, fromMs: number, toMs: number): number {
  const intervals = input.exposureIntervals;
  if (intervals !== undefined) {
    let total = 0;
    for (const span of intervals) total += Math.max(0, Math.min(span.endMs, toMs) - Math.max(span.startMs, fromMs));
    return total;
  }
  // Without intervals: the union of the holding times of every trip, clipped to the window. Exposure that no trip
  // explains (a position still open at the end) can only lie in the run's last window.
  let clipped = 0;
  let allTrips = 0;
  let coveredUntil = Number.NEGATIVE_INFINITY;
  const sorted = [...input.roundTrips].sort((a, b) => a.entryTsMs - b.entryTsMs);
  for (const trip of sorted) {
    const start = Math.max(trip.entryTsMs, coveredUntil);
    if (trip.exitTsMs <= start) continue;
    allTrips += trip.exitTsMs - start;
    clipped += Math.max(0, Math.min(trip.exitTsMs, toMs) - Math.max(start, fromMs));
    coveredUntil = trip.exitTsMs;
  }
  return toMs >= input.endMs ? clipped + Math.max(0, input.exposureMs - allTrips) : clipped;
}
