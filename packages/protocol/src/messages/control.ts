// The control plane: what the main thread calls on each worker over comlink (start, stop, health, stats), and the
// one-off message that hands a worker its data ports. Data never flows through here.

import type { MessagePort } from 'node:worker_threads';
import type { MessageUnion } from './message-map.js';
import type { Result } from './result.js';

export const workerNames = ['scanner', 'market-data', 'strategy', 'execution'] as const;
export type WorkerName = (typeof workerNames)[number];

/** One state machine per worker; start and stop are idempotent. */
export type WorkerState = 'initial' | 'starting' | 'running' | 'stopping' | 'stopped' | 'failed';

export interface ControlPayloads {
  /** Sent once by the main thread with the worker's ports (transferred) and its part of the validated config. */
  Init: { worker: WorkerName; ports: Readonly<Record<string, MessagePort>>; config: unknown };
}

export interface WorkerHealth {
  readonly worker: WorkerName;
  readonly state: WorkerState;
  readonly tsMs: number;
  readonly detail: string;
}

/** Counters only: names are stable so logs and the status line can be diffed across runs. */
export type WorkerStats = Readonly<Record<string, number>>;

export interface WorkerSummary {
  readonly worker: WorkerName;
  readonly stats: WorkerStats;
}

/** The comlink-exposed API every worker implements. */
export interface WorkerControlApi {
  start(): Promise<Result<null>>;
  stop(reason: string): Promise<Result<WorkerSummary>>;
  health(): Promise<WorkerHealth>;
  stats(): Promise<WorkerStats>;
}

export type ControlMessage = MessageUnion<ControlPayloads>;
