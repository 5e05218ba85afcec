// Tests of a worker's links (Jest thread): ports opened from the typed topology, messages dispatched to the one
// handler map, a restarted peer's new end replacing the old one, and port names checked at compile time.

import { describe, expect, it } from '@jest/globals';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { toSymbol } from '../domain/symbol.js';
import type { ExecutionMessage } from '../messages/execution-message.js';
import { links, type PortsOf } from './topology.js';
import { WorkerLinks } from './worker-links.js';

const channels = { commands: 8, data: 8, execution: 8 };
const settle = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
};

/** Both ends of every link touching strategy: strategy's own ports, and the peers' ends to talk to it. */
function strategyChannels() {
  const own: Record<string, MessagePort> = {};
  const peers: Record<string, MessagePort> = {};
  for (const link of links) {
    if (link.from !== 'strategy' && link.to !== 'strategy') continue;
    const { port1, port2 } = new MessageChannel();
    if (link.from === 'strategy') {
      own[link.senderPort] = port1;
      peers[link.receiverPort] = port2;
    } else {
      own[link.receiverPort] = port2;
      peers[link.senderPort] = port1;
    }
  }
  return { own: own as unknown as PortsOf<'strategy'>, peers };
}

function strategyLinks(received: string[], onUnknown?: (message: unknown) => void) {
  const note = (m: { type: string }): void => void received.push(m.type);
  return new WorkerLinks({
    worker: 'strategy',
    channels,
    handlers: {
      SymbolChanged: note,
      OrderUpdate: note,
      Fill: note,
      PositionUpdate: note,
      OrderDenied: note,
      TradingHalted: note,
      TradingResumed: note,
      VenueClock: note,
    },
    ...(onUnknown === undefined ? {} : { onUnknown }),
  });
}

describe('WorkerLinks', () => {
  it("takes every peer's messages through one handler map and sends on the named port", async () => {
    const received: string[] = [];
    const { own, peers } = strategyChannels();
    const strategy = strategyLinks(received);
    strategy.open(own);
    peers['toStrategy']?.postMessage({ type: 'OrderDenied', orderLinkId: 'a', reason: 'r', tsEventMs: 1 });
    const atExecution: ExecutionMessage[] = [];
    peers['fromStrategy']?.on('message', (m: ExecutionMessage) => atExecution.push(m));
    strategy.send('toExecution', 'CancelAll', { symbol: toSymbol('BTCUSDT'), reason: 'test' });
    await settle();
    expect(received).toEqual(['OrderDenied']);
    expect(atExecution).toEqual([{ type: 'CancelAll', symbol: 'BTCUSDT', reason: 'test' }]);
    strategy.close();
    for (const port of Object.values(peers)) port.close();
  });

  it('reports a message that is none of its own instead of throwing', async () => {
    const unknown: unknown[] = [];
    const { own, peers } = strategyChannels();
    const strategy = strategyLinks([], (m) => void unknown.push(m));
    strategy.open(own);
    peers['toStrategy']?.postMessage({ type: 'PlaceOrder' });
    await settle();
    expect(unknown).toEqual([{ type: 'PlaceOrder' }]);
    strategy.close();
    for (const port of Object.values(peers)) port.close();
  });

  it("replaces a restarted peer's link: the old end is closed, the new one is used, and the opening is reported", async () => {
    const opened: string[] = [];
    const note = (): void => undefined;
    const execution = new WorkerLinks({
      worker: 'execution',
      channels,
      handlers: { PlaceOrder: note, ClosePosition: note, CancelAll: note, PrepareSymbol: note },
      onSenderOpened: (port) => opened.push(port),
    });
    const first = new MessageChannel();
    execution.open({ toStrategy: first.port1 });
    const second = new MessageChannel();
    execution.open({ toStrategy: second.port1 });
    const onOld: unknown[] = [];
    const onNew: unknown[] = [];
    first.port2.on('message', (m) => onOld.push(m));
    second.port2.on('message', (m) => onNew.push(m));
    execution.send('toStrategy', 'OrderDenied', { orderLinkId: 'x', reason: 'r', tsEventMs: 2 });
    await settle();
    expect(opened).toEqual(['toStrategy', 'toStrategy']);
    expect(onOld).toEqual([]);
    expect(onNew).toEqual([{ type: 'OrderDenied', orderLinkId: 'x', reason: 'r', tsEventMs: 2 }]);
    execution.close();
    first.port2.close();
    second.port2.close();
  });

  it('checks port names and payloads at compile time', () => {
    const note = (): void => undefined;
    const execution = new WorkerLinks({
      worker: 'execution',
      channels,
      handlers: { PlaceOrder: note, ClosePosition: note, CancelAll: note, PrepareSymbol: note },
    });
    // Each line below fails to compile if the check it names is gone (tsc -b builds this file).
    const typos = (): void => {
      // @ts-expect-error execution has no port toExecution
      execution.send('toExecution', 'CancelAll', { symbol: toSymbol('BTCUSDT'), reason: 'x' });
      // @ts-expect-error strategy does not take PlaceOrder
      execution.send('toStrategy', 'PlaceOrder', { order: {} });
      // @ts-expect-error an OrderDenied needs its reason
      execution.send('toStrategy', 'OrderDenied', { orderLinkId: 'x', tsEventMs: 1 });
    };
    expect(typeof typos).toBe('function');
  });
});
