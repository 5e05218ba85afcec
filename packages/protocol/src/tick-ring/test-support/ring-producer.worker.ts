// Test and benchmark worker: produces `count` deterministic entries into a tick ring, then reports.
// Lossless mode waits for room (tryPush); otherwise it pushes through the ring's overflow policy.

import { parentPort, workerData } from 'node:worker_threads';
import { createRingTick } from '../tick-ring.js';
import { TickRingProducer } from '../tick-ring-producer.js';
import { fillTrafficTick } from './ring-traffic.js';

export interface RingProducerInput {
  readonly buffer: SharedArrayBuffer;
  readonly count: number;
  readonly lossless: boolean;
}

export interface RingProducerReport {
  readonly published: number;
  readonly fullSpins: number;
  readonly elapsedMs: number;
}

const { buffer, count, lossless } = workerData as RingProducerInput;
const port = parentPort!;
const producer = new TickRingProducer(buffer);
const tick = createRingTick();
/** Sleeping on a private cell yields the core when the ring is full: on a busy 2-core machine a spinning producer
 * can starve the very consumer it waits for. */
const backoffCell = new Int32Array(new SharedArrayBuffer(4));
const spinsBeforeBackoff = 256;
const backoffMs = 0.05;

port.once('message', () => {
  const started = performance.now();
  let fullSpins = 0;
  for (let seq = 1; seq <= count; seq++) {
    fillTrafficTick(tick, seq);
    if (lossless) {
      while (!producer.tryPush(tick)) {
        if (++fullSpins % spinsBeforeBackoff === 0) Atomics.wait(backoffCell, 0, 0, backoffMs);
      }
    } else {
      producer.push(tick);
    }
  }
  const report: RingProducerReport = { published: count, fullSpins, elapsedMs: performance.now() - started };
  port.postMessage(report);
});
port.postMessage('ready');
