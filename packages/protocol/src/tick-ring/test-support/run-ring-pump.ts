// Runs one producer and one consumer worker_thread over a fresh tick ring and returns both reports with the
// ring's counters (main thread of a test or benchmark).

import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { createTickRing, readTickRingStats, type OverflowPolicy, type TickRingStats } from '../tick-ring.js';
import type { RingConsumerInput, RingConsumerReport } from './ring-consumer.worker.js';
import type { RingProducerInput, RingProducerReport } from './ring-producer.worker.js';

export interface RingPumpOptions {
  readonly count: number;
  readonly capacity: number;
  readonly overflow: OverflowPolicy;
  readonly lossless: boolean;
  readonly slowEveryTicks?: number;
  readonly slowSpinMicros?: number;
  readonly spinIterations?: number;
}

export interface RingPumpResult {
  readonly producer: RingProducerReport;
  readonly consumer: RingConsumerReport;
  readonly ring: TickRingStats;
  /** From the start signal to the consumer's last entry. */
  readonly elapsedMs: number;
  readonly entriesPerSecond: number;
}

/** `count` must be a multiple of 5, so the last entry is a book top (see ring-traffic.ts) that no policy drops. */
export async function runRingPump(options: RingPumpOptions): Promise<RingPumpResult> {
  if (options.count % 5 !== 0) throw new RangeError(`runRingPump count must be a multiple of 5, got ${options.count}`);
  const buffer = createTickRing({ capacity: options.capacity, overflow: options.overflow });
  const producerInput: RingProducerInput = { buffer, count: options.count, lossless: options.lossless };
  const consumerInput: RingConsumerInput = {
    buffer,
    lastId: options.count,
    slowEveryTicks: options.slowEveryTicks ?? 0,
    slowSpinMicros: options.slowSpinMicros ?? 0,
    spinIterations: options.spinIterations ?? 0,
  };
  const producer = new Worker(new URL('./ring-producer.worker.js', import.meta.url), { workerData: producerInput });
  const consumer = new Worker(new URL('./ring-consumer.worker.js', import.meta.url), { workerData: consumerInput });
  try {
    await Promise.all([once(producer, 'message'), once(consumer, 'message')]);
    const producerDone = once(producer, 'message');
    const consumerDone = once(consumer, 'message');
    const started = performance.now();
    consumer.postMessage('go');
    producer.postMessage('go');
    const [[consumerReport]] = await Promise.race([
      Promise.all([consumerDone]),
      once(consumer, 'error').then(([error]) => Promise.reject(error as Error)),
      once(producer, 'error').then(([error]) => Promise.reject(error as Error)),
    ]);
    const elapsedMs = performance.now() - started;
    const [producerReport] = await producerDone;
    const consumerResult = consumerReport as RingConsumerReport;
    return {
      producer: producerReport as RingProducerReport,
      consumer: consumerResult,
      ring: readTickRingStats(buffer),
      elapsedMs,
      entriesPerSecond: (consumerResult.received / elapsedMs) * 1000,
    };
  } finally {
    await Promise.all([producer.terminate(), consumer.terminate()]);
  }
}
