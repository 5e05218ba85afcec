// The piscina worker of `pnpm sweep` (sweep worker threads): one task is one combination's backtest.

import { runSweepTask, type SweepTask, type SweepTaskResult } from './sweep-task.js';

export default function sweepWorker(task: SweepTask): Promise<SweepTaskResult> {
  return runSweepTask(task);
}
