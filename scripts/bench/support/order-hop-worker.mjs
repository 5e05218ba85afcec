// Benchmark helper, two worker_threads: one order-sized message from a "strategy" thread to an "execution" thread
// every `intervalMs` (orders are rare, so the receiver is asleep), by one of three ways: a MessagePort postMessage
// (what the engine does), a SharedArrayBuffer slot with an Atomics.notify to a receiver parked on Atomics.waitAsync,
// or the same slot read by a receiver that spins (yielding to its event loop every 50 µs, as the tick ring's does).
import { parentPort, workerData } from 'node:worker_threads';
import { LatencyHistogram } from '@scalper/protocol';

const now = () => performance.timeOrigin + performance.now();
const { role, way, port, buffer, intervalMs, count } = workerData;
const i32 = new Int32Array(buffer);
const f64 = new Float64Array(buffer);
const kSeq = 0;
const kStampF64 = 1;
/** An order as strategy sends it: the object the MessagePort way structured-clones each time. */
const order = {
  type: 'PlaceOrder',
  order: {
    symbol: 'BTCUSDT',
    side: 'Buy',
    orderType: 'Market',
    qty: '0.002',
    timeInForce: 'IOC',
    reduceOnly: false,
    orderLinkId: 's1-1-e',
    stopLoss: '96500.0',
  },
};

if (role === 'sender') {
  let sent = 0;
  const timer = setInterval(() => {
    sent++;
    const stamp = now();
    if (way === 'port') port.postMessage({ ...order, stamp });
    else {
      f64[kStampF64] = stamp;
      Atomics.store(i32, kSeq, sent);
      if (way === 'ring-wake') Atomics.notify(i32, kSeq, 1);
    }
    if (sent === count) clearInterval(timer);
  }, intervalMs);
} else {
  const histogram = new LatencyHistogram();
  let received = 0;
  const done = () => parentPort.postMessage(histogram.percentilesUs());
  if (way === 'port') {
    port.on('message', (message) => {
      histogram.recordMs(now() - message.stamp);
      if (++received === count) done();
    });
  } else {
    let seen = 0;
    const yieldToLoop = () => new Promise((resolve) => setImmediate(resolve));
    while (received < count) {
      if (way === 'ring-wake') {
        const waited = Atomics.waitAsync(i32, kSeq, seen, 5_000);
        if (waited.async) {
          const keepAlive = setTimeout(() => {}, 5_000);
          await waited.value;
          clearTimeout(keepAlive);
        }
      } else {
        let yieldAt = performance.now() + 0.05;
        while (Atomics.load(i32, kSeq) === seen) {
          if (performance.now() >= yieldAt) {
            await yieldToLoop();
            yieldAt = performance.now() + 0.05;
          }
        }
      }
      const current = Atomics.load(i32, kSeq);
      if (current !== seen) {
        histogram.recordMs(now() - f64[kStampF64]);
        seen = current;
        received++;
      }
    }
    done();
  }
}
