// The sweep coordinator's side of the queue (main thread): each run becomes one BullMQ job that any
// `pnpm sweep-worker` takes; its result comes back once, whichever worker ran it and however often a dead worker's
// job was taken over (BullMQ's stalled-job check), so no row is counted twice.

import { Queue, QueueEvents } from 'bullmq';
import type { SweepTaskRunner } from '../run-sweep.js';
import type { SweepTask, SweepTaskResult } from '../sweep-task.js';
import type { DatasetIdentity } from './dataset-identity.js';
import { checkRedis, redisOptionsFromUrl, safeQueueUrl } from './queue-connection.js';
import { sweepJobId, sweepQueueName, type SweepJobData } from './sweep-job.js';

export class QueueBusyError extends Error {
  override readonly name = 'QueueBusyError';
}

export interface QueueRunnerOptions {
  readonly url: string;
  readonly sweepId: string;
  readonly codeVersion: string;
  readonly dataset: DatasetIdentity;
}

/** Jobs of another sweep still waiting or running: two coordinators on one queue would take each other's results. */
async function foreignSweeps(queue: Queue, sweepId: string): Promise<Map<string, number>> {
  const jobs = await queue.getJobs(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'], 0, 999);
  const others = new Map<string, number>();
  for (const job of jobs) {
    const id = (job?.data as Partial<SweepJobData> | undefined)?.sweepId ?? '(not a sweep job)';
    if (id !== sweepId) others.set(id, (others.get(id) ?? 0) + 1);
  }
  return others;
}

export async function openQueueRunner(options: QueueRunnerOptions): Promise<SweepTaskRunner> {
  await checkRedis(options.url);
  const connection = redisOptionsFromUrl(options.url);
  const queue = new Queue(sweepQueueName, { connection });
  const events = new QueueEvents(sweepQueueName, { connection: { ...connection, maxRetriesPerRequest: null } });
  // Every pending run waits on these two with a listener of its own: thousands at once are expected, not a leak.
  queue.setMaxListeners(0);
  events.setMaxListeners(0);
  try {
    const others = await foreignSweeps(queue, options.sweepId);
    if (others.size > 0) {
      const list = [...others].map(([id, count]) => `${id} (${count})`).join(', ');
      throw new QueueBusyError(
        `the queue "${sweepQueueName}" at ${safeQueueUrl(options.url)} holds jobs of another sweep: ${list}; let it finish, or give this sweep another database (redis://host:port/N)`,
      );
    }
    await events.waitUntilReady();
  } catch (error) {
    await Promise.allSettled([events.close(), queue.close()]);
    throw error;
  }
  return {
    async run(task: SweepTask): Promise<SweepTaskResult> {
      const { data: _data, configDir: _configDir, ...portable } = task;
      const data: SweepJobData = { sweepId: options.sweepId, codeVersion: options.codeVersion, dataset: options.dataset, task: portable };
      try {
        const job = await queue.add('backtest', data, {
          jobId: sweepJobId(options.sweepId, task),
          // A worker's own failure (a missing recording is final: UnrecoverableError) gets one more try elsewhere.
          attempts: 2,
          removeOnComplete: { age: 24 * 3600 },
          removeOnFail: { age: 7 * 24 * 3600 },
        });
        return (await job.waitUntilFinished(events)) as SweepTaskResult;
      } catch (error) {
        return { index: task.index, ok: false, error: { code: 'QUEUE_JOB_FAILED', message: (error as Error).message } };
      }
    },
    async close(): Promise<void> {
      await Promise.allSettled([events.close(), queue.close()]);
    },
  };
}
