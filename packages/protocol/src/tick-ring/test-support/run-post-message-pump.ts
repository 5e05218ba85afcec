// Runs the postMessage baseline: one worker sends trades as objects to another over a MessageChannel (main thread
// of a benchmark). The tick ring is measured against this.

import { once } from 'node:events';
import { MessageChannel, Worker } from 'node:worker_threads';

export interface PostMessagePumpResult {
  readonly received: number;
  readonly outOfOrder: number;
  readonly elapsedMs: number;
  readonly entriesPerSecond: number;
}

export async function runPostMessagePump(count: number): Promise<PostMessagePumpResult> {
  const { port1, port2 } = new MessageChannel();
  const producer = new Worker(new URL('./post-message-producer.worker.js', import.meta.url), {
    workerData: { port: port1, count },
    transferList: [port1],
  });
  const consumer = new Worker(new URL('./post-message-consumer.worker.js', import.meta.url), {
    workerData: { port: port2, count },
    transferList: [port2],
  });
  try {
    await Promise.all([once(producer, 'message'), once(consumer, 'message')]);
    const done = once(consumer, 'message');
    const started = performance.now();
    producer.postMessage('go');
    const [report] = (await done) as [{ received: number; outOfOrder: number }];
    const elapsedMs = performance.now() - started;
    return { ...report, elapsedMs, entriesPerSecond: (report.received / elapsedMs) * 1000 };
  } finally {
    await Promise.all([producer.terminate(), consumer.terminate()]);
  }
}
