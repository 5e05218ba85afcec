// Benchmark helper (main thread): runs the bare ring wake-up of wakeup-worker.mjs and returns its percentiles (µs).
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { createTickRing } from '@scalper/protocol';

const entry = new URL('./wakeup-worker.mjs', import.meta.url);

export async function measureWakeup({ intervalMs = 1, warmupMs = 2_000, measureMs = 10_000, spinIterations = 0, waitTimeoutMs = 100 } = {}) {
  const buffer = createTickRing({ capacity: 65_536, overflow: 'drop-oldest' });
  const shared = { buffer, intervalMs, warmupMs, measureMs, spinIterations, waitTimeoutMs };
  const consumer = new Worker(entry, { workerData: { ...shared, role: 'consumer' } });
  const producer = new Worker(entry, { workerData: { ...shared, role: 'producer' } });
  const [percentiles] = await once(consumer, 'message');
  producer.postMessage('stop');
  await once(producer, 'message');
  await Promise.all([producer.terminate(), consumer.terminate()]);
  return percentiles;
}
