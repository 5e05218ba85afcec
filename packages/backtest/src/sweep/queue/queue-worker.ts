// A sweep queue worker (`pnpm sweep-worker`, main thread): takes jobs from the queue and runs each on its own
// piscina pool with the same backtest runtime as a local sweep. A job made by other code is handed back untouched
// and the worker stops; a job whose recording is not here fails at once with the reason (no run on other data).

import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import { localPoolRunner } from '../run-sweep.js';
import type { SweepTaskResult } from '../sweep-task.js';
import { codeVersion } from './code-version.js';
import { DatasetMissingError, locateDataset } from './dataset-identity.js';
import { checkRedis, redisOptionsFromUrl } from './queue-connection.js';
import { sweepQueueName, type SweepJobData } from './sweep-job.js';

export interface QueueWorkerOptions {
  readonly url: string;
  readonly concurrency: number;
  /** Where the recordings are looked for, by content. */
  readonly dataDir: string;
  readonly configDir: string;
  /** How long a job's lock lasts: a worker silent this long is taken to be dead and its job goes to another. */
  readonly lockMs: number;
  readonly log: (line: string) => void;
}

export interface RunningQueueWorker {
  readonly version: string;
  /** Resolves with why the worker stopped (its close(), or a job from other code). */
  readonly stopped: Promise<string>;
  close(): Promise<void>;
}

export async function startQueueWorker(options: QueueWorkerOptions): Promise<RunningQueueWorker> {
  await checkRedis(options.url);
  const version = codeVersion();
  const pool = localPoolRunner(options.concurrency);
  const hashes = new Map<string, { bytes: number; mtimeMs: number; sha256: string }>();
  /** Where each dataset was found (by its files' hashes), so a folder of links is made once per worker. */
  const located = new Map<string, string>();
  let stop: (reason: string) => void = () => undefined;
  const stopped = new Promise<string>((resolve) => (stop = resolve));
  let closing: Promise<void> | null = null;

  const runJob = async (job: Job, token?: string): Promise<SweepTaskResult> => {
    const data = job.data as SweepJobData;
    if (data.codeVersion !== version) {
      // Handed back for a worker of the right code: a result of other code must never reach the sweep's rows.
      await job.moveToDelayed(Date.now() + 1_000, token);
      const reason = `job ${job.id} of ${data.sweepId} was made by code version ${data.codeVersion}, this worker runs ${version}: handed it back; update this checkout (pnpm build) and start again`;
      options.log(reason);
      void close(reason);
      throw new DelayedError();
    }
    const key = data.dataset.files.map((file) => file.sha256).join(',');
    let path = located.get(key);
    try {
      if (path === undefined) {
        path = await locateDataset(data.dataset, options.dataDir, hashes);
        located.set(key, path);
      }
    } catch (error) {
      if (error instanceof DatasetMissingError) {
        options.log(`job ${job.id}: ${error.message}`);
        throw new UnrecoverableError(`worker: ${error.message}`);
      }
      throw error;
    }
    const startedAt = performance.now();
    options.log(`job ${job.id}: running`);
    const result = await pool.run({ ...data.task, data: path, configDir: options.configDir });
    options.log(
      `job ${job.id}: ${result.ok ? 'done' : `failed: ${result.error.message}`} in ${((performance.now() - startedAt) / 1_000).toFixed(1)} s`,
    );
    return result;
  };

  const worker = new Worker(sweepQueueName, runJob, {
    connection: { ...redisOptionsFromUrl(options.url), maxRetriesPerRequest: null },
    concurrency: options.concurrency,
    lockDuration: options.lockMs,
    stalledInterval: options.lockMs,
    // A run taken over from a dead worker may be taken over again if that worker dies too.
    maxStalledCount: 3,
  });
  worker.on('error', (error) => options.log(`queue error: ${error.message}`));
  await worker.waitUntilReady();

  function close(reason: string): Promise<void> {
    closing ??= (async () => {
      await worker.close();
      await pool.close();
      stop(reason);
    })();
    return closing;
  }
  return { version, stopped, close: () => close('closed') };
}
