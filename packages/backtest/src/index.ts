// Public surface of @scalper/backtest (backtest thread, sweep workers, benchmarks): one backtest over recorded or
// generated data, the data opener, and grid sweeps. The CLIs (`pnpm backtest`, `pnpm sweep`, ...) are in src/cli/.

export { runBacktest, type BacktestInput, type FrameLine, type FrameSource } from './core/backtest-run.js';
export type { BacktestResult, DecisionRecord, DecisionTrigger } from './core/backtest-types.js';
export { openBacktestData, type BacktestData } from './recording/backtest-data.js';
export { GridError, gridPoints, parseGrid, type GridAxis } from './sweep/grid-spec.js';
export { runSweep, type SweepOptions, type SweepOutcome } from './sweep/run-sweep.js';
