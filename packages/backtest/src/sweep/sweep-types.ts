// The sweep's rows (main thread and sweep workers): one parameter combination, its in-sample and out-of-sample
// results. Rows are plain data so they cross piscina's thread boundary unchanged.

import type { BacktestSummary } from '../core/backtest-types.js';

/** One grid point: parameter path (e.g. "momentumThreshold") to its value. */
export type GridPoint = Readonly<Record<string, number | string>>;

export interface SweepRow {
  /** 1 = best by the ranking metric (in-sample net PnL). */
  readonly rank: number;
  readonly params: GridPoint;
  /** The first part of the data (the first `inSampleFraction` of its time span): what the ranking uses. */
  readonly inSample: BacktestSummary;
  /** The rest: what a user should look at before trusting a row. */
  readonly outOfSample: BacktestSummary;
}

export interface SweepMeta {
  readonly data: string;
  /** The grid's combinations (a random or halving search runs some of them). */
  readonly combinations: number;
  /** How the grid was searched, in words ("grid: all 18 combinations", "successive halving, eta 3: ..."). */
  readonly search: string;
  /** Backtest runs made (a halving search runs a combination once per round it reaches). */
  readonly runs: number;
  readonly threads: number;
  readonly wallMs: number;
  /** Where in-sample ends and out-of-sample starts (venue time, ms). */
  readonly splitMs: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly inSampleFraction: number;
}
