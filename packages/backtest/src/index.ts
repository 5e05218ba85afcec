// Public surface of @scalper/backtest (backtest thread, sweep workers, benchmarks): one backtest over recorded or
// generated data, the data opener, and grid sweeps on the local pool or a queue. The CLIs (`pnpm backtest`, `pnpm sweep`, ...) are in src/cli/.

export { runBacktest, type BacktestInput, type FrameLine, type FrameSource } from './core/backtest-run.js';
export type { BacktestResult, DecisionRecord, DecisionTrigger } from './core/backtest-types.js';
export { openBacktestData, type BacktestData } from './recording/backtest-data.js';
export { GridError, gridPoints, parseGrid, type GridAxis } from './sweep/grid-spec.js';
export { runSweep, type SweepOptions, type SweepOutcome } from './sweep/run-sweep.js';
export { localPoolRunner, type SweepTaskRunner } from './sweep/run-sweep.js';
export { parseSearch, type SearchSpec } from './sweep/search-plan.js';
export { codeVersion } from './sweep/queue/code-version.js';
export { datasetIdentity } from './sweep/queue/dataset-identity.js';
export { openQueueRunner } from './sweep/queue/queue-runner.js';
export { newSweepId } from './sweep/queue/sweep-job.js';
