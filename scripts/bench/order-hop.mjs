// Benchmark: the strategy-to-execution hop for an order, three ways side by side (issue 19 point 4): the MessagePort
// the engine uses, a SharedArrayBuffer slot with an Atomics wake of a parked receiver, and the same slot read by a
// spinning receiver. One order every 20 ms, so the receiver is idle when it comes, as execution is between orders.
import { once } from 'node:events';
import { MessageChannel, Worker } from 'node:worker_threads';

const entry = new URL('./support/order-hop-worker.mjs', import.meta.url);

async function hop(way, count, intervalMs) {
  const buffer = new SharedArrayBuffer(16);
  const { port1, port2 } = new MessageChannel();
  const receiver = new Worker(entry, { workerData: { role: 'receiver', way, port: port2, buffer, intervalMs, count }, transferList: [port2] });
  const sender = new Worker(entry, { workerData: { role: 'sender', way, port: port1, buffer, intervalMs, count }, transferList: [port1] });
  try {
    const [percentiles] = await once(receiver, 'message');
    return percentiles;
  } finally {
    await Promise.all([sender.terminate(), receiver.terminate()]);
  }
}

export async function benchOrderHop({ quick = false } = {}) {
  const count = quick ? 100 : 500;
  const intervalMs = 20;
  const ways = [
    ['port', 'MessagePort postMessage (the engine today)'],
    ['ring-wake', 'SharedArrayBuffer slot + Atomics.notify, receiver parked on Atomics.waitAsync'],
    ['ring-spin', 'SharedArrayBuffer slot, receiver spinning (yields every 50 µs)'],
  ];
  const rows = [];
  for (const [way, label] of ways) {
    const p = await hop(way, count, intervalMs);
    rows.push([label, p.count, p.p50, p.p99, p.max]);
  }
  return {
    title: 'Strategy to execution: one order hop between two threads (µs, send to receipt)',
    header: ['way', 'orders', 'p50', 'p99', 'max'],
    rows,
    note:
      `${count} orders, one every ${intervalMs} ms between two worker_threads and nothing else running: the receiver is idle when each ` +
      "comes, as execution is between a scalper's orders. The spinning receiver takes a core for itself the whole time.",
  };
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  console.log(JSON.stringify(await benchOrderHop({ quick: process.argv.includes('--quick') }), null, 1));
}
