// One sweep combination (a piscina worker thread, or the caller's thread): loads the config with the grid point's
// arguments (the same validation as `pnpm start`), replays the data and splits the result at the in-sample cut.
// Errors come back as values: a bad combination must not take the pool down.

import { loadConfig } from '@scalper/engine';
import type { BacktestSummary, ReplayStats } from '../core/backtest-types.js';
import { runBacktest } from '../core/backtest-run.js';
import { splitSummaries } from '../core/performance-summary.js';
import { openBacktestData, type BacktestData } from '../recording/backtest-data.js';

export interface SweepTask {
  readonly index: number;
  readonly data: string;
  readonly configDir: string;
  /** SCALPER_* variables of the caller, so a worker sees the same configuration. */
  readonly env: Readonly<Record<string, string>>;
  /** Config arguments shared by every combination, then the combination's own. */
  readonly argv: readonly string[];
  readonly fromMs?: number;
  readonly toMs?: number;
}

export type SweepTaskResult =
  | {
      readonly index: number;
      readonly ok: true;
      readonly whole: BacktestSummary;
      readonly inSample: BacktestSummary;
      readonly outOfSample: BacktestSummary;
      readonly splitMs: number;
      readonly replay: ReplayStats;
    }
  | { readonly index: number; readonly ok: false; readonly error: { readonly code: string; readonly message: string } };

export async function runSweepTask(task: SweepTask): Promise<SweepTaskResult> {
  let data: BacktestData | null = null;
  try {
    const { config } = loadConfig({ argv: task.argv, env: task.env, configDir: task.configDir });
    data = await openBacktestData(task.data);
    const result = await runBacktest({
      config,
      source: data.source,
      instrumentItems: data.instrumentItems,
      ...(task.fromMs === undefined ? {} : { fromMs: task.fromMs }),
      ...(task.toMs === undefined ? {} : { toMs: task.toMs }),
    });
    const { startMs, endMs } = result.summary;
    const splitMs = Math.round(startMs + (endMs - startMs) * config.backtest.inSampleFraction);
    const parts = splitSummaries(
      {
        startMs,
        endMs,
        startingBalance: config.backtest.startingBalance,
        roundTrips: result.roundTrips,
        equity: result.equity,
        exposureMs: result.summary.exposure * (endMs - startMs),
        exposureIntervals: result.exposureIntervals,
        endingEquity: result.summary.endingEquity,
      },
      splitMs,
    );
    return {
      index: task.index,
      ok: true,
      whole: result.summary,
      inSample: parts.inSample,
      outOfSample: parts.outOfSample,
      splitMs,
      replay: result.replay,
    };
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error';
    return {
      index: task.index,
      ok: false,
      error: { code: name === 'ConfigError' ? 'CONFIG' : 'BACKTEST_FAILED', message: error instanceof Error ? error.message : String(error) },
    };
  } finally {
    // A run that stopped at --to leaves the rest of the file unread: a long sweep must not leak a handle per task.
    data?.source.close();
  }
}
