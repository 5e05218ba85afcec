// Benchmark baseline worker: sends `count` trades as objects over a MessagePort, one postMessage each.

import { parentPort, workerData, type MessagePort } from 'node:worker_threads';

const { port, count } = workerData as { port: MessagePort; count: number };
parentPort!.once('message', () => {
  for (let seq = 1; seq <= count; seq++) {
    port.postMessage({ seq, price: 100_000 + seq, size: 1 + (seq % 97), tsEventMs: 1_700_000_000_000 + seq, side: 1 });
  }
  parentPort!.postMessage('sent');
});
parentPort!.postMessage('ready');
