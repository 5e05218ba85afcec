// The control plane: what the main thread calls on each worker over comlink (start, stop, health, stats), and the
// one-off message that hands a worker its data ports. Data never flows through here.

import type { MessagePort } from 'node:worker_threads';
import type { WorkerConfig } from '../config/engine-config.js';
import type { PortsOf } from '../control/topology.js';
import type { HistogramSnapshot } from '../metrics/bucket-histogram.js';
import type { JournalResume } from './journal-event.js';
import type { MessageUnion } from './message-map.js';
import type { Result } from './result.js';

export const workerNames = ['scanner', 'market-data', 'strategy', 'execution'] as const;
export type WorkerName = (typeof workerNames)[number];

/** One state machine per worker; start and stop are idempotent. */
export type WorkerState = 'initial' | 'starting' | 'running' | 'stopping' | 'stopped' | 'failed';

/** What a worker gets at start: its ports (transferred), the validated config, the tick ring. */
export interface WorkerInit<W extends WorkerName = WorkerName> {
  readonly worker: W;
  readonly ports: PortsOf<W>;
  readonly config: WorkerConfig;
  readonly ring?: SharedArrayBuffer;
  /** Where the worker posts its JournalEvents (transferred); absent when the engine keeps no journal. */
  readonly journal?: MessagePort;
  /** Execution only: what the journal knew at this start. */
  readonly resume?: JournalResume;
}

/** WorkerInit as it crosses the control plane: the main thread builds the ports from the same topology. */
export type WorkerInitMessage = Omit<WorkerInit, 'ports'> & { readonly ports: Readonly<Record<string, MessagePort>> };

export interface ControlPayloads {
  /** Sent once by the main thread with the worker's ports (transferred) and its part of the validated config. */
  Init: WorkerInitMessage;
}

export interface WorkerHealth {
  readonly worker: WorkerName;
  readonly state: WorkerState;
  readonly tsMs: number;
  readonly detail: string;
}

/** Counters only: names are stable so logs and the status line can be diffed across runs. */
export type WorkerStats = Readonly<Record<string, number | string>>;

export interface WorkerSummary {
  readonly worker: WorkerName;
  readonly stats: WorkerStats;
}

/** A lifted kill switch: null, or the daily-loss halt that replaced it at once (its reason). */
export interface ResumeOutcome {
  readonly haltedAgain: string | null;
}

/** The comlink-exposed API every worker implements; start and stop are idempotent. */
export interface WorkerControlApi {
  start(init: WorkerInitMessage): Promise<Result<null>>;
  /** Hands a running worker new ends for some of its ports, after a peer was restarted. */
  replacePorts(ports: Readonly<Record<string, MessagePort>>): Promise<Result<null>>;
  stop(reason: string): Promise<Result<WorkerSummary>>;
  /** The kill switch: flatten (execution) and open nothing more (strategy); other workers ignore it. */
  halt(reason: string): Promise<Result<null>>;
  /** The trader's "close now" (execution): cancel every working order and close every position; entries go on. */
  closePositions(reason: string): Promise<Result<null>>;
  /**
   * Lifts the kill switch (execution, which tells strategy); RISK_DENIED with the reason when there is none to lift.
   * `haltedAgain`: the day's loss was past its limit, so the daily-loss halt took the kill switch's place at once.
   */
  resumeTrading(reason: string): Promise<Result<ResumeOutcome>>;
  health(): Promise<WorkerHealth>;
  /** Counters and latency figures; with resetLatency the latency histograms start over after this read. */
  stats(options?: StatsOptions): Promise<WorkerStats>;
  /** Histograms, labelled counts and event-loop lag for a metrics scrape. */
  metrics(): Promise<WorkerMetrics>;
}

/**
 * What a worker adds to a metrics scrape beyond its stats: histograms (by name; a `name|label` key carries one
 * label value) and labelled counts. Read on scrape over the control plane, never pushed per tick.
 */
export interface WorkerMetrics {
  readonly histograms: Readonly<Record<string, HistogramSnapshot>>;
  /** Counter families by name, each a map of label value to count, e.g. rejectionsByRetCode: { "110007": 2 }. */
  readonly labelled: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** The thread's event-loop delay since it started, in seconds (perf_hooks.monitorEventLoopDelay): a summary. */
  readonly eventLoopLagSeconds: { readonly p50: number; readonly p99: number; readonly max: number; readonly sum: number; readonly count: number };
}

export interface StatsOptions {
  readonly resetLatency?: boolean;
  /**
   * Add the dashboard's lists as JSON text: the scanner's `ranking`, execution's `openOrders`. Left out otherwise,
   * so the status line and the stop's summary table stay counters.
   */
  readonly view?: boolean;
  /**
   * Add execution's last entries' times as JSON text `entryTimes` (EntryTimes: trigger frame receipt, decision, first
   * write to the wire, on the threads' shared clock): the frame-to-order benchmark's breakdown.
   */
  readonly entryTimes?: boolean;
}

export type ControlMessage = MessageUnion<ControlPayloads>;
