// Which worker talks to which (main thread): one MessageChannel per direction, each a bounded link with the
// capacity the config gives its kind. The main thread creates the channels and transfers the ends; data never
// passes through it.

import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { EngineConfig, WorkerName } from '@scalper/protocol';

export type LinkKind = 'commands' | 'data' | 'execution';

export interface LinkSpec {
  readonly from: WorkerName;
  readonly to: WorkerName;
  /** Port names on each side: the sender's and the receiver's. */
  readonly senderPort: string;
  readonly receiverPort: string;
  readonly kind: LinkKind;
}

/** The seed's actor graph plus the feedback from execution to strategy that the seed leaves implicit. */
export const links: readonly LinkSpec[] = [
  { from: 'scanner', to: 'market-data', senderPort: 'toMarketData', receiverPort: 'fromScanner', kind: 'commands' },
  { from: 'market-data', to: 'scanner', senderPort: 'toScanner', receiverPort: 'fromMarketData', kind: 'commands' },
  { from: 'market-data', to: 'strategy', senderPort: 'toStrategy', receiverPort: 'fromMarketData', kind: 'data' },
  { from: 'strategy', to: 'execution', senderPort: 'toExecution', receiverPort: 'fromStrategy', kind: 'execution' },
  { from: 'execution', to: 'strategy', senderPort: 'toStrategy', receiverPort: 'fromExecution', kind: 'execution' },
];

export function linkCapacity(config: EngineConfig, kind: LinkKind): number {
  return config.channels[kind];
}

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
