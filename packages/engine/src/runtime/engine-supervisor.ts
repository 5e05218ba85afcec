// Starts the four workers with their ports, restarts one that crashes through its normal start path, and gives
// up loudly on a second crash within the window instead of looping (main thread).

import { once } from 'node:events';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { Logger } from '@scalper/logging';
import {
  createTickRing,
  fail,
  planConsumerWait,
  setSpinPermit,
  type JournalEvent,
  type Result,
  type ResumeOutcome,
  type WorkerHealth,
  type JournalResume,
  type WorkerInitMessage,
  type WorkerMetrics,
  workerNames,
  type StatsOptions,
  type WorkerConfig,
  type WorkerName,
  type WorkerStats,
  type WorkerSummary,
} from '@scalper/protocol';
import { availableParallelism } from 'node:os';
import { ManagedWorker, workerEntryOf, type WorkerStdio } from './managed-worker.js';
import { SpinPermitSampler } from './spin-permit-sampler.js';
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
  /**
   * Where the workers' JournalEvents go (the trade journal, the alerts): with it every worker gets a port at each
   * (re)start, and execution what the journal knew then.
   */
  readonly events?: SupervisedEvents;
}

export interface SupervisedEvents {
  record(event: JournalEvent): void;
  /** The journal's state, read just before execution starts (and restarts); absent without a journal. */
  resume?(): JournalResume;
}

export class EngineSupervisor {
  private readonly workers = new Map<WorkerName, ManagedWorker>();
  private readonly lastCrashAt = new Map<WorkerName, number>();
  private readonly ring: SharedArrayBuffer;
  /** The main thread's end of each worker's journal port; a restart's new one replaces it once the old is drained. */
  private readonly journalPorts = new Map<WorkerName, MessagePort>();
  private restarts = 0;
  private stopped = false;
  /** Under ring.consumerWait auto: lets strategy spin on the ring only while the machine has a core free. */
  private readonly spinPermit: SpinPermitSampler | null;

  constructor(
    private readonly config: WorkerConfig,
    private readonly logger: Logger,
    private readonly options: SupervisorOptions,
  ) {
    const ring = config.engine.ring;
    this.ring = createTickRing({ capacity: ring.capacity, overflow: ring.overflowPolicy });
    const wait = planConsumerWait({
      mode: ring.consumerWait,
      spinMicros: ring.spinMicros,
      spinIterations: ring.spinIterations,
      cores: availableParallelism(),
    });
    this.spinPermit = wait.spinNeedsPermit
      ? new SpinPermitSampler(this.ring, {
          onChange: (permitted, busyCores, spinningCores) =>
            logger.debug({ permitted, busyCores: busyCores.toFixed(2), spinningCores: spinningCores.toFixed(2) }, 'ring spin permit'),
        })
      : null;
    // ring.consumerWait spin: the trader says a core is spare, so the permit the hot path's extra work asks for holds.
    if (!wait.spinNeedsPermit && wait.spinMicros > 0) setSpinPermit(this.ring, true);
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
      const result = await worker.start(this.initOf(name, ports.get(name) ?? {}));
      if (!result.ok) throw new Error(`${name} failed to start: ${result.error.message}`);
      this.logger.info({ thread: name }, 'worker started');
    }
    this.spinPermit?.start();
  }

  /** Each worker's counters (`only`: just these workers', the others empty, so the rest are not woken for nothing). */
  async stats(options?: StatsOptions, only: readonly WorkerName[] = workerNames): Promise<Record<WorkerName, WorkerStats>> {
    // A worker that just died never answers: its counters are left out rather than waited for.
    const entries = await Promise.all(
      workerNames.map(
        async (name) =>
          [name, only.includes(name) ? await withTimeout(this.worker(name).stats(options), 2_000, `${name} stats`).catch(() => ({})) : {}] as const,
      ),
    );
    return Object.fromEntries(entries) as Record<WorkerName, WorkerStats>;
  }

  /** Each worker's histograms, labelled counts and event-loop lag; a worker that does not answer is left out. */
  async metrics(): Promise<Partial<Record<WorkerName, WorkerMetrics>>> {
    const entries = await Promise.all(
      workerNames.map(async (name) => [name, await withTimeout(this.worker(name).metrics(), 2_000, `${name} metrics`).catch(() => null)] as const),
    );
    return Object.fromEntries(entries.filter((entry) => entry[1] !== null)) as Partial<Record<WorkerName, WorkerMetrics>>;
  }

  /**
   * The kill switch: strategy stops opening first, then execution refuses entries, cancels and flattens. The
   * workers keep running (data, status) so the halt and the flat position stay visible. Resolves when both answered,
   * with what failed (a worker still starting or restarting), or null.
   */
  async halt(reason: string): Promise<string | null> {
    const problems: string[] = [];
    for (const name of ['strategy', 'execution'] as const) {
      const result = await withTimeout(this.worker(name).halt(reason), 30_000, `${name} halt`).catch((error: unknown) => ({
        ok: false as const,
        error: { message: String(error) },
      }));
      if (result.ok) this.logger.error({ thread: name, reason }, 'halted');
      else {
        this.logger.fatal({ thread: name, reason, error: result.error }, 'halt failed: check the venue by hand');
        problems.push(`${name}: ${result.error.message}`);
      }
    }
    return problems.length === 0 ? null : problems.join('; ');
  }

  /** The trader's "close now": execution cancels every working order and closes every position; entries go on. */
  async closePositions(reason: string): Promise<Result<null>> {
    return withTimeout(this.worker('execution').closePositions(reason), 30_000, 'execution close').catch((error: unknown) =>
      fail<null>('INTERNAL', String(error)),
    );
  }

  /** Lifts the kill switch in execution, which tells strategy in order; the refusal comes back as an error value. */
  async resumeTrading(reason: string): Promise<Result<ResumeOutcome>> {
    return withTimeout(this.worker('execution').resumeTrading(reason), 10_000, 'execution resume').catch((error: unknown) =>
      fail<ResumeOutcome>('INTERNAL', String(error)),
    );
  }

  /** Each worker's state and health line; a worker that does not answer in 2 s is 'unresponsive'. */
  async health(): Promise<readonly WorkerHealth[]> {
    return Promise.all(
      workerNames.map((name) =>
        withTimeout(this.worker(name).health(), 2_000, `${name} health`).catch((error: unknown): WorkerHealth => ({
          worker: name,
          state: 'failed',
          tsMs: Date.now(),
          detail: `unresponsive: ${String(error)}`,
        })),
      ),
    );
  }

  /** Stops in order: no new symbols, no new data, no new entries, then execution cancels and (if asked) closes. */
  async stop(reason: string): Promise<WorkerSummary[]> {
    this.stopped = true;
    this.spinPermit?.stop();
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
    // A terminated worker's end closes, and what it posted before comes first: each port's close means all arrived.
    await Promise.all(
      [...this.journalPorts.values()].map((port) => withTimeout(once(port, 'close'), 1_000, 'journal port').catch(() => port.close())),
    );
    this.journalPorts.clear();
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
    const result = await worker.start(this.initOf(name, ports.get(name) ?? {}));
    if (!result.ok) throw new Error(result.error.message);
  }

  /** A worker's start: its links, the config, the ring, and (with a journal) a fresh journal port and execution's resume. */
  private initOf(name: WorkerName, ports: Readonly<Record<string, MessagePort>>): WorkerInitMessage {
    const events = this.options.events;
    const init: WorkerInitMessage = { worker: name, ports, config: this.config, ring: this.ring };
    if (events === undefined) return init;
    const { port1, port2 } = new MessageChannel();
    // A crashed worker's last events may still be queued on its old port: that port stays open until it closes
    // itself with the dead thread's end, so they are journaled too.
    port1.on('message', (event: JournalEvent) => events.record(event));
    port1.once('close', () => {
      if (this.journalPorts.get(name) === port1) this.journalPorts.delete(name);
    });
    this.journalPorts.set(name, port1);
    const resume = name === 'execution' ? events.resume?.() : undefined;
    return { ...init, journal: port2, ...(resume === undefined ? {} : { resume }) };
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
