// Benchmark helper, two worker_threads: the bare cross-thread wake-up through the tick ring. The producer pushes
// one entry stamped with its time every `intervalMs` (a frame's cadence); the consumer sleeps exactly as strategy
// does (waitForData with the same spin and timeout) and records now minus the stamp, with nothing else on the path.
import { parentPort, workerData } from 'node:worker_threads';
import { createRingEntry, LatencyHistogram, TickRingConsumer, TickRingProducer } from '@scalper/protocol';

const now = () => performance.timeOrigin + performance.now();
const { role, buffer, intervalMs, warmupMs, measureMs, spinIterations, waitTimeoutMs } = workerData;

if (role === 'producer') {
  const producer = new TickRingProducer(buffer);
  const tick = createRingEntry();
  tick.priceDecimals = 2;
  tick.sizeDecimals = 3;
  const timer = setInterval(() => {
    tick.tsRecvMs = now();
    producer.push(tick);
  }, intervalMs);
  parentPort.once('message', () => {
    clearInterval(timer);
    parentPort.postMessage('stopped');
  });
} else {
  const consumer = new TickRingConsumer(buffer, createRingEntry());
  const histogram = new LatencyHistogram();
  const startedAt = now();
  let measuring = false;
  const onTick = (tick) => {
    if (measuring) histogram.recordMs(now() - tick.tsRecvMs);
  };
  while (now() - startedAt < warmupMs + measureMs) {
    measuring = now() - startedAt >= warmupMs;
    if (consumer.drain(onTick, 4_096) === 0) await consumer.waitForData({ timeoutMs: waitTimeoutMs, spinIterations });
  }
  parentPort.postMessage(histogram.percentilesUs());
}
