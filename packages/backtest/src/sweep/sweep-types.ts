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
  readonly combinations: number;
  readonly threads: number;
  readonly wallMs: number;
  /** Where in-sample ends and out-of-sample starts (venue time, ms). */
  readonly splitMs: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly inSampleFraction: number;
}
