// Benchmark baseline worker: receives trades as postMessage objects (what the ring replaces) and checks their order.

import { parentPort, workerData, type MessagePort } from 'node:worker_threads';

interface TradeObject {
  readonly seq: number;
  readonly price: number;
  readonly size: number;
  readonly tsEventMs: number;
  readonly side: number;
}

const { port, count } = workerData as { port: MessagePort; count: number };
let received = 0;
let outOfOrder = 0;
let started = 0;
port.on('message', (trade: TradeObject) => {
  if (received === 0) started = performance.now();
  received++;
  if (trade.seq !== received) outOfOrder++;
  if (received === count) {
    parentPort!.postMessage({ received, outOfOrder, elapsedMs: performance.now() - started });
    port.close();
  }
});
parentPort!.postMessage('ready');
