// One worker thread as the main thread sees it: spawn, the comlink control proxy, and crash detection (main
// thread). A crash is any 'error' event or an exit that stop() did not ask for.

import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import { Worker, type MessagePort } from 'node:worker_threads';
import {
  Comlink,
  endpointOf,
  type Result,
  type ResumeOutcome,
  type StatsOptions,
  type WorkerControlApi,
  type WorkerHealth,
  type WorkerInitMessage,
  type WorkerMetrics,
  type WorkerName,
  type WorkerStats,
  type WorkerSummary,
} from '@scalper/protocol';

const requireFromHere = createRequire(import.meta.url);

/** The compiled entry of a worker package, e.g. @scalper/strategy/worker -> packages/strategy/dist/worker.js. */
export function workerEntryOf(name: WorkerName): string {
  return requireFromHere.resolve(`@scalper/${name}/worker`);
}

export type CrashListener = (name: WorkerName, reason: string) => void;

/**
 * Takes a worker's stdout (and stderr when `captureStderr`) instead of letting Node copy them to the process's own:
 * in pretty mode the terminal renderer reads them, so a worker's output can never cut through the status block.
 */
export interface WorkerStdio {
  readonly captureStderr: boolean;
  attach(name: WorkerName, stdout: Readable, stderr: Readable | null): void;
}

export class ManagedWorker {
  private worker: Worker | null = null;
  private control: Comlink.Remote<WorkerControlApi> | null = null;
  private stopping = false;

  constructor(
    readonly name: WorkerName,
    private readonly entry: string,
    private readonly onCrash: CrashListener,
    private readonly stdio?: WorkerStdio,
  ) {}

  /** False before spawn() and after terminate(): there is no thread to ask anything. */
  get spawned(): boolean {
    return this.worker !== null;
  }

  spawn(): void {
    this.stopping = false;
    const stdio = this.stdio;
    const worker = new Worker(this.entry, { name: this.name, stdout: stdio !== undefined, stderr: stdio?.captureStderr ?? false });
    stdio?.attach(this.name, worker.stdout, stdio.captureStderr ? worker.stderr : null);
    this.worker = worker;
    this.control = Comlink.wrap<WorkerControlApi>(endpointOf(worker));
    worker.on('error', (error) => {
      if (this.worker === worker) this.onCrash(this.name, `${error.name}: ${error.message}`);
    });
    worker.on('exit', (code) => {
      if (this.worker === worker && !this.stopping) this.onCrash(this.name, `exited with code ${code}`);
    });
  }

  async start(init: WorkerInitMessage): Promise<Result<null>> {
    const transfers = init.journal === undefined ? Object.values(init.ports) : [...Object.values(init.ports), init.journal];
    return this.api().start(Comlink.transfer(init, transfers));
  }

  async replacePorts(ports: Record<string, MessagePort>): Promise<Result<null>> {
    return this.api().replacePorts(Comlink.transfer(ports, Object.values(ports)));
  }

  async stats(options?: StatsOptions): Promise<WorkerStats> {
    return this.api().stats(options);
  }

  async metrics(): Promise<WorkerMetrics> {
    return this.api().metrics();
  }

  async health(): Promise<WorkerHealth> {
    return this.api().health();
  }

  async halt(reason: string): Promise<Result<null>> {
    return this.api().halt(reason);
  }

  async closePositions(reason: string): Promise<Result<null>> {
    return this.api().closePositions(reason);
  }

  async resumeTrading(reason: string): Promise<Result<ResumeOutcome>> {
    return this.api().resumeTrading(reason);
  }

  async stop(reason: string): Promise<Result<WorkerSummary>> {
    this.stopping = true;
    return this.api().stop(reason);
  }

  /** Terminates the thread without announcing a stop, so the exit is reported as a crash. */
  async kill(): Promise<void> {
    await this.worker?.terminate();
  }

  /** Ends the thread; after a crash this is how the old one is cleared before a respawn. */
  async terminate(): Promise<void> {
    this.stopping = true;
    const worker = this.worker;
    this.worker = null;
    this.control?.[Comlink.releaseProxy]();
    this.control = null;
    if (worker !== null) await worker.terminate();
  }

  private api(): Comlink.Remote<WorkerControlApi> {
    if (this.control === null) throw new Error(`${this.name} is not running`);
    return this.control;
  }
}
