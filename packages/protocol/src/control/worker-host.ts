// The thin shell every worker entry uses (worker threads): exposes the WorkerControlApi over comlink on parentPort,
// keeps the one state machine (initial → starting → running → stopping → stopped | failed), makes start and stop
// idempotent, and turns thrown errors into error values for the main thread.

import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import type {
  ResumeOutcome,
  StatsOptions,
  WorkerControlApi,
  WorkerHealth,
  WorkerInit,
  WorkerMetrics,
  WorkerName,
  WorkerState,
  WorkerStats,
  WorkerSummary,
} from '../messages/control.js';
import { errorValueFrom, fail, ok, type Result } from '../messages/result.js';
import { Comlink, endpointOf } from './comlink-endpoint.js';
import type { PortsOf } from './topology.js';

/** A started worker: what the control plane asks of it until it stops. */
export interface RunningWorker<W extends WorkerName = WorkerName> {
  /** New ends for some of its ports, after a peer was restarted. */
  replacePorts(ports: Partial<PortsOf<W>>): Promise<void> | void;
  /** Stop doing work, release sockets and timers, and return final counters. */
  stop(reason: string): Promise<WorkerStats>;
  /** The kill switch (see WorkerControlApi.halt); workers that do not trade leave it out. */
  halt?(reason: string): Promise<void>;
  /** Close every position now (see WorkerControlApi.closePositions); only execution has it. */
  closePositions?(reason: string): Promise<void>;
  /** Lift the kill switch: why not, or what halted trading again at once. Only execution has it. */
  resumeTrading?(reason: string): Promise<{ readonly refusal: string | null; readonly haltedAgain: string | null }>;
  stats(options?: StatsOptions): WorkerStats;
  /** Its histograms and labelled counts for a metrics scrape (the host adds the event-loop lag). */
  metrics?(): Pick<WorkerMetrics, 'histograms' | 'labelled'>;
  /** One line for health checks, e.g. "BTCUSDT, feed live". */
  detail(): string;
}

/**
 * Wires the ports to the worker's runtime and begins; throw to fail the start (the error reaches the main thread as
 * a value). Everything the worker keeps lives in what it returns: a worker entry has no module-level state.
 */
export type WorkerFactory<W extends WorkerName> = (init: WorkerInit<W>) => Promise<RunningWorker<W>>;

const nsPerSecond = 1e9;
/** monitorEventLoopDelay's sampling interval: it records the time between its timer's runs, this much when idle. */
const loopSampleMs = 10;

/**
 * How late the event loop ran a sample past its interval, in seconds: the histogram holds whole intervals (about
 * 10 ms on an idle thread), so the interval comes off. Before this the metrics showed an idle loop as 10 ms late.
 */
export function loopLateness(intervalNs: number): number {
  return Math.max(0, intervalNs / nsPerSecond - loopSampleMs / 1_000);
}

function createWorkerControl<W extends WorkerName>(name: W, startWorker: WorkerFactory<W>): WorkerControlApi {
  // Every worker's event loop is watched from its start: a blocked loop is a late order or a late tick.
  const loopDelay = monitorEventLoopDelay({ resolution: loopSampleMs });
  loopDelay.enable();
  let state: WorkerState = 'initial';
  let running: RunningWorker<W> | null = null;
  let starting: Promise<Result<null>> | null = null;
  let stopping: Promise<Result<WorkerSummary>> | null = null;
  return {
    start(init) {
      starting ??= (async () => {
        state = 'starting';
        try {
          running = await startWorker(init as WorkerInit<W>);
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
        if (running === null) throw new Error(`${name} is ${state}: it has no ports to replace`);
        await running.replacePorts(ports as Partial<PortsOf<W>>);
        return ok(null);
      } catch (error) {
        return fail<null>('INTERNAL', errorValueFrom(error).message);
      }
    },
    stop(reason) {
      stopping ??= (async () => {
        // A stop during the start waits for it, so what the start opened is closed (the supervisor bounds the wait).
        if (starting !== null) await starting;
        if (running === null) {
          state = state === 'failed' ? 'failed' : 'stopped';
          return ok({ worker: name, stats: {} });
        }
        state = 'stopping';
        try {
          const stats = await running.stop(reason);
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
        // A worker still starting (or failed) has nothing halted: saying so lets the caller tell the trader.
        if (running === null) return fail<null>('NOT_STARTED', `${name} is ${state}: the halt did not reach it`);
        await running.halt?.(reason);
        return ok(null);
      } catch (error) {
        return fail<null>('INTERNAL', errorValueFrom(error).message);
      }
    },
    async closePositions(reason) {
      try {
        if (running?.closePositions === undefined) return fail<null>('NOT_STARTED', `${name} is ${state}: it cannot close positions`);
        await running.closePositions(reason);
        return ok(null);
      } catch (error) {
        return fail<null>('INTERNAL', errorValueFrom(error).message);
      }
    },
    async resumeTrading(reason) {
      try {
        if (running?.resumeTrading === undefined) return fail<ResumeOutcome>('NOT_STARTED', `${name} is ${state}: it cannot resume trading`);
        const { refusal, haltedAgain } = await running.resumeTrading(reason);
        return refusal === null ? ok({ haltedAgain }) : fail<ResumeOutcome>('RISK_DENIED', refusal);
      } catch (error) {
        return fail<ResumeOutcome>('INTERNAL', errorValueFrom(error).message);
      }
    },
    async health(): Promise<WorkerHealth> {
      return { worker: name, state, tsMs: Date.now(), detail: state === 'running' && running !== null ? running.detail() : state };
    },
    async stats(options) {
      return running?.stats(options) ?? {};
    },
    async metrics() {
      const own = running?.metrics?.() ?? { histograms: {}, labelled: {} };
      const count = loopDelay.count;
      const lag =
        count === 0
          ? { p50: 0, p99: 0, max: 0, sum: 0, count: 0 }
          : {
              p50: loopLateness(loopDelay.percentile(50)),
              p99: loopLateness(loopDelay.percentile(99)),
              max: loopLateness(loopDelay.max),
              sum: loopLateness(loopDelay.mean) * count,
              count,
            };
      return { ...own, eventLoopLagSeconds: lag };
    },
  };
}

/** Called once by a worker entry: serves the control API to the main thread. */
export function hostWorker<W extends WorkerName>(name: W, startWorker: WorkerFactory<W>): void {
  if (parentPort === null) throw new Error(`${name} must run in a worker_thread`);
  Comlink.expose(createWorkerControl(name, startWorker), endpointOf(parentPort));
}
