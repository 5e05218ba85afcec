// The channels between the workers (main thread): one MessageChannel per link of protocol's typed topology. The main
// thread creates them and transfers the ends; data never passes through it.

import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { links, type WorkerName } from '@scalper/protocol';

export type PortsByWorker = Map<WorkerName, Record<string, MessagePort>>;

/** New channels for every link touching `only` (all links when omitted), with each end filed under its worker. */
export function createChannels(only?: WorkerName): PortsByWorker {
  const ports: PortsByWorker = new Map();
  const add = (worker: WorkerName, name: string, port: MessagePort): void => {
    const existing = ports.get(worker) ?? {};
    existing[name] = port;
    ports.set(worker, existing);
  };
  for (const link of links) {
    if (only !== undefined && link.from !== only && link.to !== only) continue;
    const { port1, port2 } = new MessageChannel();
    add(link.from, link.senderPort, port1);
    add(link.to, link.receiverPort, port2);
  }
  return ports;
}
