// What crosses the sweep queue (coordinator and queue workers): one job per backtest run, stamped with the sweep it
// belongs to, the code version that made it and the data by content; its result is the plain SweepTaskResult.

import type { SweepTask } from '../sweep-task.js';
import type { DatasetIdentity } from './dataset-identity.js';

export const sweepQueueName = 'scalper-sweep';

export interface SweepJobData {
  readonly sweepId: string;
  readonly codeVersion: string;
  readonly dataset: DatasetIdentity;
  /** The task as the coordinator would run it locally, less what each machine has its own of (paths). */
  readonly task: Omit<SweepTask, 'data' | 'configDir'>;
}

/** One id per run (BullMQ adds a job id once), so a coordinator that adds a run twice still gets one result. */
export function sweepJobId(sweepId: string, task: Pick<SweepTask, 'index' | 'toMs'>): string {
  return `${sweepId}-${task.index}-${task.toMs ?? 'end'}`;
}

export function newSweepId(nowMs: number = Date.now()): string {
  return `sweep-${nowMs.toString(36)}-${Math.floor(Math.random() * 36 ** 4)
    .toString(36)
    .padStart(4, '0')}`;
}
