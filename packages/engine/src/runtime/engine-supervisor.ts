// Starts the four workers with their ports, restarts one that crashes through its normal start path, and gives
// up loudly on a second crash within the window instead of looping (main thread).

import type { Logger } from '@scalper/logging';
import {
  createTickRing,
  workerNames,
  type StatsOptions,
  type WorkerConfig,
  type WorkerName,
  type WorkerStats,
  type WorkerSummary,
} from '@scalper/protocol';
import { ManagedWorker, workerEntryOf, type WorkerStdio } from './managed-worker.js';
import { createChannels } from './topology.js';

/** Start order: the receivers of orders first, the source of symbol switches last. */
const startOrder: readonly WorkerName[] = ['execution', 'strategy', 'market-data', 'scanner'];
const stopOrder: readonly WorkerName[] = ['scanner', 'market-data', 'strategy', 'execution'];

export interface SupervisorOptions {
  readonly crashWindowMs?: number;
  /** Called when the engine cannot go on (second crash in the window, or a failed restart). */
  readonly onFatal: (reason: string) => void;
  /** Told each crash and each restart that went through (the journal keeps them). */
  readonly onWorkerEvent?: (worker: WorkerName, kind: 'crashed' | 'restarted', detail: string) => void;
  /** Pretty mode: every worker's stdout (and maybe stderr) goes here instead of the process's. */
  readonly workerStdio?: WorkerStdio;
}

export class EngineSupervisor {
  private readonly workers = new Map<WorkerName, ManagedWorker>();
  private readonly lastCrashAt = new Map<WorkerName, number>();
  private readonly ring: SharedArrayBuffer;
  private restarts = 0;
  private stopped = false;

  constructor(
    private readonly config: WorkerConfig,
    private readonly logger: Logger,
    private readonly options: SupervisorOptions,
  ) {
    this.ring = createTickRing({ capacity: config.engine.ring.capacity, overflow: config.engine.ring.overflowPolicy });
    for (const name of workerNames) {
      this.workers.set(
        name,
        new ManagedWorker(name, workerEntryOf(name), (worker, reason) => void this.onCrash(worker, reason), options.workerStdio),
      );
    }
  }

  get tickRing(): SharedArrayBuffer {
    return this.ring;
  }

  get restartCount(): number {
    return this.restarts;
  }

  async start(): Promise<void> {
    const ports = createChannels();
    for (const name of startOrder) {
      const worker = this.worker(name);
      worker.spawn();
      const result = await worker.start({ worker: name, ports: ports.get(name) ?? {}, config: this.config, ring: this.ring });
      if (!result.ok) throw new Error(`${name} failed to start: ${result.error.message}`);
      this.logger.info({ thread: name }, 'worker started');
    }
  }

  async stats(options?: StatsOptions): Promise<Record<WorkerName, WorkerStats>> {
    // A worker that just died never answers: its counters are left out rather than waited for.
    const entries = await Promise.all(
      workerNames.map(async (name) => [name, await withTimeout(this.worker(name).stats(options), 2_000, `${name} stats`).catch(() => ({}))] as const),
    );
    return Object.fromEntries(entries) as Record<WorkerName, WorkerStats>;
  }

  /**
   * The kill switch: strategy stops opening first, then execution refuses entries, cancels and flattens. The
   * workers keep running (data, status) so the halt and the flat position stay visible. Resolves when both answered.
   */
  async halt(reason: string): Promise<void> {
    for (const name of ['strategy', 'execution'] as const) {
      const result = await withTimeout(this.worker(name).halt(reason), 30_000, `${name} halt`).catch((error: unknown) => ({
        ok: false as const,
        error: { message: String(error) },
      }));
      if (result.ok) this.logger.error({ thread: name, reason }, 'halted');
      else this.logger.fatal({ thread: name, reason, error: result.error }, 'halt failed: check the venue by hand');
    }
  }

  /** Stops in order: no new symbols, no new data, no new entries, then execution cancels and (if asked) closes. */
  async stop(reason: string): Promise<WorkerSummary[]> {
    this.stopped = true;
    const summaries: WorkerSummary[] = [];
    for (const name of stopOrder) {
      const worker = this.worker(name);
      // A start that failed part-way never spawned the later workers: nothing to stop, nothing to report.
      if (!worker.spawned) continue;
      try {
        const result = await withTimeout(worker.stop(reason), 15_000, `${name} stop`);
        if (result.ok) summaries.push(result.value);
        else this.logger.error({ thread: name, error: result.error }, 'worker stop failed');
      } catch (error) {
        this.logger.error({ thread: name, err: error }, 'worker did not stop in time');
      }
      await worker.terminate();
    }
    return summaries;
  }

  /** Ends a worker thread the way a crash would, for crash-recovery tests and drills. */
  async kill(name: WorkerName): Promise<void> {
    await this.worker(name).kill();
  }

  private async onCrash(name: WorkerName, reason: string): Promise<void> {
    if (this.stopped) return;
    const now = Date.now();
    const previous = this.lastCrashAt.get(name);
    const window = this.options.crashWindowMs ?? 60_000;
    this.lastCrashAt.set(name, now);
    if (previous !== undefined && now - previous < window) {
      this.logger.fatal({ thread: name, reason, windowMs: window }, 'worker crashed twice within the window: stopping the engine');
      this.options.onWorkerEvent?.(name, 'crashed', `${reason} (the second crash within ${window} ms: the engine stops)`);
      await this.worker(name).terminate();
      this.options.onFatal(`${name} crashed twice within ${window} ms (last: ${reason})`);
      return;
    }
    this.logger.error({ thread: name, reason }, 'worker crashed: restarting it through its normal start path');
    this.options.onWorkerEvent?.(name, 'crashed', reason);
    this.restarts++;
    // A start can meet the same venue hiccup the crash did (a 503 on the key check): a few more tries before the
    // engine gives up, since giving up stops every worker, execution's flatten included.
    let lastError = '';
    for (let attempt = 1; attempt <= restartAttempts; attempt++) {
      if (this.stopped) return;
      try {
        await this.restart(name);
        this.logger.warn({ thread: name, attempt }, 'worker restarted');
        this.options.onWorkerEvent?.(name, 'restarted', `attempt ${attempt}`);
        return;
      } catch (error) {
        lastError = (error as Error).message;
        this.logger.error({ thread: name, attempt, error: lastError }, 'worker restart failed');
        if (attempt < restartAttempts) await new Promise((resolve) => setTimeout(resolve, restartRetryMs * attempt));
      }
    }
    this.options.onFatal(`${name} could not be restarted after ${restartAttempts} tries: ${lastError}`);
  }

  /** Ends what is left of `name`, gives its peers fresh ports to it, and starts it again through its normal start. */
  private async restart(name: WorkerName): Promise<void> {
    const worker = this.worker(name);
    await worker.terminate();
    const ports = createChannels(name);
    for (const [peer, peerPorts] of ports) {
      if (peer === name) continue;
      const replaced = await this.worker(peer).replacePorts(peerPorts);
      if (!replaced.ok) throw new Error(`${peer} could not take new ports: ${replaced.error.message}`);
    }
    worker.spawn();
    const result = await worker.start({ worker: name, ports: ports.get(name) ?? {}, config: this.config, ring: this.ring });
    if (!result.ok) throw new Error(result.error.message);
  }

  private worker(name: WorkerName): ManagedWorker {
    const worker = this.workers.get(name);
    if (worker === undefined) throw new Error(`unknown worker ${name}`);
    return worker;
  }
}

/** Tries to restart a crashed worker before the engine gives up, and the first pause between them (growing). */
const restartAttempts = 3;
const restartRetryMs = 1_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
