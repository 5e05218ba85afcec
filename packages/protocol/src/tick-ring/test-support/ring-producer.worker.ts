// Test and benchmark worker: produces `count` deterministic entries (trades, book tops, feed states) into a tick
// ring, then reports. Lossless mode waits for room (tryPush); otherwise it pushes through the overflow policy.

import { parentPort, workerData } from 'node:worker_threads';
import { createRingEntry } from '../tick-ring.js';
import { kEntryTrade } from '../layout.js';
import { pushDroppedNewest, TickRingProducer } from '../tick-ring-producer.js';
import { fillTrafficEntry } from './ring-traffic.js';

export interface RingProducerInput {
  readonly buffer: SharedArrayBuffer;
  readonly count: number;
  readonly lossless: boolean;
}

export interface RingProducerReport {
  readonly published: number;
  readonly fullSpins: number;
  /** Book tops and feed states pushed; and those the push dropped as the newest (the ring forbids it: always 0). */
  readonly statePushed: number;
  readonly stateDroppedNewest: number;
  readonly tradesDroppedNewest: number;
  readonly elapsedMs: number;
}

const { buffer, count, lossless } = workerData as RingProducerInput;
const port = parentPort!;
const producer = new TickRingProducer(buffer);
const tick = createRingEntry();
/** Sleeping on a private cell yields the core when the ring is full: on a busy 2-core machine a spinning producer
 * can starve the very consumer it waits for. */
const backoffCell = new Int32Array(new SharedArrayBuffer(4));
const spinsBeforeBackoff = 256;
const backoffMs = 0.05;

port.once('message', () => {
  const started = performance.now();
  let fullSpins = 0;
  let statePushed = 0;
  let stateDroppedNewest = 0;
  let tradesDroppedNewest = 0;
  for (let id = 1; id <= count; id++) {
    fillTrafficEntry(tick, id);
    const isState = tick.kind !== kEntryTrade;
    if (isState) statePushed++;
    if (lossless) {
      while (!producer.tryPush(tick)) {
        if (++fullSpins % spinsBeforeBackoff === 0) Atomics.wait(backoffCell, 0, 0, backoffMs);
      }
    } else if (producer.push(tick) === pushDroppedNewest) {
      if (isState) stateDroppedNewest++;
      else tradesDroppedNewest++;
    }
  }
  const report: RingProducerReport = {
    published: producer.publishedCount,
    fullSpins,
    statePushed,
    stateDroppedNewest,
    tradesDroppedNewest,
    elapsedMs: performance.now() - started,
  };
  port.postMessage(report);
});
port.postMessage('ready');
