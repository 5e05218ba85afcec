// Test and benchmark worker: consumes a tick ring until it has seen traffic entry `lastId`, checking every entry
// for order, duplicates, gaps and torn fields, then reports. `slowEveryTicks` makes it lag to force overflow.

import { parentPort, workerData } from 'node:worker_threads';
import { createRingEntry, type RingEntry } from '../tick-ring.js';
import { TickRingConsumer } from '../tick-ring-consumer.js';
import { kEntryTrade } from '../layout.js';
import { isIntactTrafficEntry, trafficIdOf } from './ring-traffic.js';

export interface RingConsumerInput {
  readonly buffer: SharedArrayBuffer;
  /** The traffic id of the last entry pushed: a book top, so no overflow policy drops it as the newest. */
  readonly lastId: number;
  /** 0 to consume at full speed; N to busy-wait `slowSpinMicros` after every N entries. */
  readonly slowEveryTicks: number;
  readonly slowSpinMicros: number;
  readonly spinIterations: number;
}

export interface RingConsumerReport {
  readonly received: number;
  readonly lastSeqSeen: number;
  readonly gaps: number;
  readonly missing: number;
  readonly duplicatesOrReordered: number;
  readonly torn: number;
  /** Book tops and feed states received. */
  readonly stateReceived: number;
  readonly elapsedMs: number;
}

const input = workerData as RingConsumerInput;
const port = parentPort!;
const consumer = new TickRingConsumer(input.buffer, createRingEntry());

let received = 0;
let lastSeqSeen = 0;
let gaps = 0;
let missing = 0;
let duplicatesOrReordered = 0;
let torn = 0;
let stateReceived = 0;
let lastIdSeen = 0;

function busyWait(micros: number): void {
  const until = performance.now() + micros / 1000;
  while (performance.now() < until) {
    // lag on purpose
  }
}

function visit(tick: RingEntry): void {
  received++;
  const expected = lastSeqSeen + 1;
  if (tick.seq < expected) duplicatesOrReordered++;
  else if (tick.seq > expected) {
    gaps++;
    missing += tick.seq - expected;
  }
  if (!isIntactTrafficEntry(tick)) torn++;
  if (tick.kind !== kEntryTrade) stateReceived++;
  const id = trafficIdOf(tick);
  if (id <= lastIdSeen) duplicatesOrReordered++;
  else lastIdSeen = id;
  if (tick.seq > lastSeqSeen) lastSeqSeen = tick.seq;
  if (input.slowEveryTicks > 0 && received % input.slowEveryTicks === 0) busyWait(input.slowSpinMicros);
}

async function run(): Promise<void> {
  const started = performance.now();
  while (lastIdSeen < input.lastId) {
    if (consumer.drain(visit) === 0) {
      await consumer.waitForData({ timeoutMs: 5_000, spinIterations: input.spinIterations });
    }
  }
  const report: RingConsumerReport = {
    received,
    lastSeqSeen,
    gaps,
    missing,
    duplicatesOrReordered,
    torn,
    stateReceived,
    elapsedMs: performance.now() - started,
  };
  port.postMessage(report);
}

port.once('message', () => {
  void run();
});
port.postMessage('ready');
