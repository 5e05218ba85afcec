import { describe, expect, it } from '@jest/globals';
import { MessageChannel } from 'node:worker_threads';
import { LinkReceiver, LinkSender } from './bounded-link.js';

/** A link's payloads: one kind a newer one supersedes (a state), one that must all arrive (events). */
interface TestPayloads {
  Level: { updateId: number };
  OrderDenied: { orderLinkId: string; reason: string; tsEventMs: number };
}

function top(updateId: number): TestPayloads['Level'] {
  return { updateId };
}

function denied(n: number): TestPayloads['OrderDenied'] {
  return { orderLinkId: `o-${n}`, reason: 'test', tsEventMs: n };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('bounded link', () => {
  it('keeps at most capacity messages in flight, queues the rest in order and coalesces superseded ones', async () => {
    const { port1, port2 } = new MessageChannel();
    const events: string[] = [];
    const sender = new LinkSender<TestPayloads>(port1, {
      name: 'md->strategy',
      capacity: 4,
      coalesce: ['Level'],
      onBackpressure: (_name, state) => events.push(state),
    });
    for (let i = 1; i <= 6; i++) sender.send('OrderDenied', denied(i));
    for (let u = 1; u <= 5; u++) sender.send('Level', top(u));
    expect(sender.stats()).toMatchObject({ sent: 4, inFlight: 4, queued: 3, coalesced: 4, backpressureEpisodes: 1 });
    const received: unknown[] = [];
    const receiver = new LinkReceiver(port2, (message) => received.push(message), { capacity: 4 });
    await settle();
    expect(
      received.map((m) =>
        (m as { type: string }).type === 'Level' ? `level ${(m as { updateId: number }).updateId}` : (m as { orderLinkId: string }).orderLinkId,
      ),
    ).toEqual(['o-1', 'o-2', 'o-3', 'o-4', 'o-5', 'o-6', 'level 5']);
    expect(events).toEqual(['started', 'ended']);
    receiver.flushCredits();
    await settle();
    expect(sender.stats()).toMatchObject({ inFlight: 0, queued: 0, sent: 7 });
    sender.close();
    receiver.close();
  });

  it('never drops a message that is not coalescible, however far the receiver falls behind', async () => {
    const { port1, port2 } = new MessageChannel();
    const sender = new LinkSender<TestPayloads>(port1, { name: 'x', capacity: 2, coalesce: ['Level'] });
    for (let i = 1; i <= 500; i++) sender.send('OrderDenied', denied(i));
    expect(sender.stats().queued).toBe(498);
    const received: string[] = [];
    const receiver = new LinkReceiver(port2, (m) => received.push((m as { orderLinkId: string }).orderLinkId), { capacity: 2 });
    await settle();
    for (let i = 0; i < 50 && received.length < 500; i++) await settle();
    expect(received).toEqual(Array.from({ length: 500 }, (_, i) => `o-${i + 1}`));
    sender.close();
    receiver.close();
  });

  it('refuses a capacity that is not a positive integer', () => {
    const { port1 } = new MessageChannel();
    expect(() => new LinkSender(port1, { name: 'bad', capacity: 0 })).toThrow(/capacity/);
    port1.close();
  });
});
