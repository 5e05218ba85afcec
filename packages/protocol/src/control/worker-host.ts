// The thin shell every worker entry uses (worker threads): exposes the WorkerControlApi over comlink on parentPort,
// keeps the one state machine (initial → starting → running → stopping → stopped | failed), makes start and stop
// idempotent, and turns thrown errors into error values for the main thread.

import { parentPort } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { StatsOptions, WorkerControlApi, WorkerHealth, WorkerInit, WorkerName, WorkerState, WorkerStats, WorkerSummary } from '../messages/control.js';
import { errorValueFrom, fail, ok, type Result } from '../messages/result.js';
import { Comlink, endpointOf } from './comlink-endpoint.js';

export interface WorkerBehaviour {
  /** Wire ports to the core and begin; throw to fail the start (the error reaches the main thread as a value). */
  start(init: WorkerInit): Promise<void>;
  replacePorts(ports: Readonly<Record<string, MessagePort>>): Promise<void>;
  /** Stop doing work, release sockets and timers, and return final counters. */
  stop(reason: string): Promise<WorkerStats>;
  /** The kill switch (see WorkerControlApi.halt); workers that do not trade leave it out. */
  halt?(reason: string): Promise<void>;
  stats(options?: StatsOptions): WorkerStats;
  /** One line for health checks, e.g. "BTCUSDT, feed live". */
  detail(): string;
}

export function createWorkerControl(name: WorkerName, behaviour: WorkerBehaviour): WorkerControlApi {
  let state: WorkerState = 'initial';
  let starting: Promise<Result<null>> | null = null;
  let stopping: Promise<Result<WorkerSummary>> | null = null;
  return {
    start(init) {
      starting ??= (async () => {
        state = 'starting';
        try {
          await behaviour.start(init);
          state = 'running';
          return ok(null);
        } catch (error) {
          state = 'failed';
          return fail<null>('INTERNAL', errorValueFrom(error).message);
        }
      })();
      return starting;
    },
    async replacePorts(ports) {
      try {
        await behaviour.replacePorts(ports);
        return ok(null);
      } catch (error) {
        return fail<null>('INTERNAL', errorValueFrom(error).message);
      }
    },
    stop(reason) {
      stopping ??= (async () => {
        if (state === 'initial') {
          state = 'stopped';
          return ok({ worker: name, stats: {} });
        }
        state = 'stopping';
        try {
          const stats = await behaviour.stop(reason);
          state = 'stopped';
          return ok({ worker: name, stats });
        } catch (error) {
          state = 'failed';
          return fail<WorkerSummary>('INTERNAL', errorValueFrom(error).message);
        }
      })();
      return stopping;
    },
    async halt(reason) {
      try {
        await behaviour.halt?.(reason);
        return ok(null);
      } catch (error) {
        return fail<null>('INTERNAL', errorValueFrom(error).message);
      }
    },
    async health(): Promise<WorkerHealth> {
      return { worker: name, state, tsMs: Date.now(), detail: state === 'running' ? behaviour.detail() : state };
    },
    async stats(options) {
      return behaviour.stats(options);
    },
  };
}

/** Called once by a worker entry: serves the control API to the main thread. */
export function hostWorker(name: WorkerName, behaviour: WorkerBehaviour): void {
  if (parentPort === null) throw new Error(`${name} must run in a worker_thread`);
  Comlink.expose(createWorkerControl(name, behaviour), endpointOf(parentPort));
}
