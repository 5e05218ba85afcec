// The benchmark probe: trade frames and REST requests are reported with their times on the performance clock.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { once } from 'node:events';
import { WebSocket } from 'ws';
import { startVenue, type RunningVenue } from './start-venue.js';
import { probeClockMs } from './venue-probe.js';

const frames: { symbol: string; tradeCount: number; atMs: number }[] = [];
const requests: { method: string; path: string; body: string; atMs: number }[] = [];
const drops: string[] = [];
const subscriptions: string[] = [];
let venue: RunningVenue;

beforeAll(async () => {
  venue = await startVenue({
    seed: 4,
    market: 'calm',
    tradesPerSecondPerSymbol: 500,
    probe: {
      tradeFrameSent: (symbol, tradeCount, atMs) => frames.push({ symbol, tradeCount, atMs }),
      restRequestReceived: (method, path, body, atMs) => requests.push({ method, path, body, atMs }),
      streamsDropped: (stream) => drops.push(stream),
      topicSubscribed: (stream, topic) => subscriptions.push(`${stream} ${topic}`),
    },
  });
});

afterAll(async () => {
  await venue.close();
});

describe('venue probe', () => {
  it('reports each publicTrade frame sent, with its trade count, before the client receives it', async () => {
    const socket = new WebSocket(venue.wsPublicUrl);
    await once(socket, 'open');
    socket.send(JSON.stringify({ op: 'subscribe', args: ['publicTrade.ETHUSDT'] }));
    const received: { trades: number; atMs: number }[] = [];
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { topic?: string; data?: unknown[] };
      if (frame.topic === 'publicTrade.ETHUSDT') received.push({ trades: frame.data?.length ?? 0, atMs: probeClockMs() });
    });
    while (received.length < 5) await new Promise((resolve) => setTimeout(resolve, 20));
    socket.terminate();
    expect(subscriptions).toEqual(['public publicTrade.ETHUSDT']);
    const sent = frames.filter((f) => f.symbol === 'ETHUSDT');
    expect(sent.length).toBeGreaterThanOrEqual(5);
    expect(sent.slice(0, 5).map((f) => f.tradeCount)).toEqual(received.slice(0, 5).map((f) => f.trades));
    for (let i = 0; i < 5; i++) expect((sent[i] as { atMs: number }).atMs).toBeLessThanOrEqual((received[i] as { atMs: number }).atMs);
  });

  it('reports REST requests with method, path, body and arrival time', async () => {
    const before = probeClockMs();
    await fetch(`${venue.restUrl}/v5/market/time`);
    await fetch(`${venue.restUrl}/v5/order/create`, { method: 'POST', body: '{"symbol":"ETHUSDT"}' });
    const after = probeClockMs();
    expect(requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ['GET', '/v5/market/time', ''],
      ['POST', '/v5/order/create', '{"symbol":"ETHUSDT"}'],
    ]);
    for (const r of requests) {
      expect(r.atMs).toBeGreaterThanOrEqual(before);
      expect(r.atMs).toBeLessThanOrEqual(after);
    }
  });

  it('reports each socket drop the fault plan makes, by stream', async () => {
    const socket = new WebSocket(venue.wsPublicUrl);
    await once(socket, 'open');
    venue.setFault('dropPublicEverySec=0.05');
    await once(socket, 'close');
    venue.setFault('dropPublicEverySec=0');
    expect(drops).toContain('public');
    expect(drops).not.toContain('private');
  });
});
