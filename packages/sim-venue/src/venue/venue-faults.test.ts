// Each injected fault, observed through the project's Bybit adapter or a raw socket.

import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { BybitRestClient, BybitRestTransport, BybitWsConnection, isRetryable, type WsDataFrame } from '@scalper/bybit';
import { toDecimalString, toSymbol } from '@scalper/protocol';
import { WebSocket } from 'ws';
import { noFaults } from '../server/fault-plan.js';
import { halfDepthBook } from './close-faults.js';
import { paperApiKey, paperApiSecret, startVenue, type RunningVenue } from './start-venue.js';

let venue: RunningVenue;
let client: BybitRestClient;
const btc = toSymbol('BTCUSDT');

beforeAll(async () => {
  venue = await startVenue({ seed: 3, tradesPerSecondPerSymbol: 100, market: 'calm' });
  client = new BybitRestClient(
    new BybitRestTransport({ baseUrl: venue.restUrl, credentials: { apiKey: paperApiKey, apiSecret: paperApiSecret }, maxRetries: 0 }),
  );
});

afterEach(() => {
  Object.assign(venue.faults, noFaults);
});

afterAll(async () => {
  await venue.close();
});

async function until(condition: () => boolean, timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function publicConnection(frames: WsDataFrame[], options: { pingIntervalMs?: number; pongTimeoutMs?: number } = {}) {
  return new BybitWsConnection(
    { url: venue.wsPublicUrl, name: 'fault-test', reconnect: { baseDelayMs: 20, maxDelayMs: 200 }, ...options },
    { onFrame: (frame) => frames.push(frame) },
  );
}

describe('REST faults', () => {
  it('answers HTTP 503 with the given probability, which the adapter treats as retryable', async () => {
    venue.setFault('http503Probability=1');
    const error = await client.linearTickers().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'BybitApiError', httpStatus: 503, retCode: null });
    expect(isRetryable(error)).toBe(true);
    venue.setFault('http503Probability=0');
    await expect(client.linearTickers()).resolves.toMatchObject({ refused: [] });
  });

  it('answers 10006 without a reset header on private endpoints', async () => {
    venue.setFault('rateLimitProbability=1');
    const error = await client.positions(btc).catch((e: unknown) => e);
    expect(error).toMatchObject({ retCode: 10006, rateLimitResetAtMs: null });
  });

  it('adds REST latency', async () => {
    venue.setFault('restLatencyMs=250');
    const started = Date.now();
    await client.linearTickers();
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('refuses unknown faults and bad values instead of injecting nothing', () => {
    expect(() => venue.setFault('explode=1')).toThrow(/unknown fault explode/);
    expect(() => venue.setFault('http503Probability=2')).toThrow(/probability/);
    expect(() => venue.setFault('restLatencyMs=-1')).toThrow(/>= 0/);
  });
});

describe('stream faults', () => {
  it('breaks public frames, which the adapter counts as malformed and survives', async () => {
    const frames: WsDataFrame[] = [];
    const ws = publicConnection(frames);
    await ws.connect();
    await ws.subscribe(['publicTrade.BTCUSDT']);
    venue.setFault('malformedFrameProbability=0.5');
    await until(() => ws.stats().malformed >= 3);
    venue.setFault('malformedFrameProbability=0');
    const before = frames.length;
    await until(() => frames.length > before + 2);
    await ws.close();
  });

  it('duplicates public frames', async () => {
    const socket = new WebSocket(venue.wsPublicUrl);
    const texts: string[] = [];
    socket.on('message', (data: Buffer) => texts.push(data.toString('utf8')));
    await new Promise((resolve) => socket.once('open', resolve));
    venue.setFault('duplicateFrameProbability=1');
    socket.send(JSON.stringify({ op: 'subscribe', args: ['publicTrade.ETHUSDT'] }));
    await until(() => texts.filter((t) => t.includes('"topic":"publicTrade')).length >= 4);
    const trades = texts.filter((t) => t.includes('"topic":"publicTrade'));
    expect(trades[0]).toBe(trades[1]);
    socket.terminate();
  });

  it('drops public sockets on schedule; the adapter reconnects and resubscribes', async () => {
    const frames: WsDataFrame[] = [];
    const ws = publicConnection(frames);
    await ws.connect();
    await ws.subscribe(['publicTrade.BTCUSDT']);
    venue.setFault('dropPublicEverySec=0.5');
    await until(() => ws.stats().reconnects >= 1);
    venue.setFault('dropPublicEverySec=0');
    const before = frames.length;
    await until(() => frames.length > before + 2 && ws.stats().state === 'open');
    expect(ws.topics()).toEqual(['publicTrade.BTCUSDT']);
    await ws.close();
  });

  it('drops private sockets on schedule; the adapter re-authenticates', async () => {
    const ws = new BybitWsConnection(
      {
        url: venue.wsPrivateUrl,
        name: 'private',
        auth: { apiKey: paperApiKey, apiSecret: paperApiSecret },
        reconnect: { baseDelayMs: 20, maxDelayMs: 200 },
      },
      { onFrame: () => undefined },
    );
    await ws.connect();
    await ws.subscribe(['order']);
    venue.setFault('dropPrivateEverySec=0.5');
    await until(() => ws.stats().reconnects >= 1);
    venue.setFault('dropPrivateEverySec=0');
    await until(() => ws.stats().state === 'open');
    await ws.close();
  });

  it("stalls half-open: nothing is sent and pings go unanswered, so the adapter's pong watchdog reconnects", async () => {
    const frames: WsDataFrame[] = [];
    const ws = publicConnection(frames, { pingIntervalMs: 200, pongTimeoutMs: 300 });
    await ws.connect();
    await ws.subscribe(['publicTrade.BTCUSDT']);
    venue.setFault('stallSec=1.5');
    const during = frames.length;
    await until(() => ws.stats().pongTimeouts >= 1);
    expect(frames.length - during).toBeLessThanOrEqual(1);
    await until(() => Date.now() >= venue.faults.stallUntilMs && ws.stats().state === 'open');
    const after = frames.length;
    await until(() => frames.length > after + 2);
    await ws.close();
  });

  it('refuses a subscribe and an unsubscribe with success: false, and neither changes anything', async () => {
    const frames: WsDataFrame[] = [];
    const ws = publicConnection(frames);
    await ws.connect();
    venue.setFault('subscribeRefusalProbability=1');
    await expect(ws.subscribe(['publicTrade.BTCUSDT'])).rejects.toMatchObject({ name: 'WsSubscriptionError' });
    venue.setFault('subscribeRefusalProbability=0');
    await ws.subscribe(['publicTrade.BTCUSDT']);
    venue.setFault('subscribeRefusalProbability=1');
    await expect(ws.unsubscribe(['publicTrade.BTCUSDT'])).rejects.toMatchObject({ name: 'WsSubscriptionError' });
    // Still subscribed on the venue's side: trades keep coming.
    const before = frames.length;
    await until(() => frames.length > before + 2);
    await ws.close();
  });
});

describe('order faults', () => {
  const ltc = toSymbol('LTCUSDT');
  const order = (side: 'Buy' | 'Sell', qty: string, reduceOnly: boolean, orderLinkId: string) => ({
    orderLinkId,
    symbol: ltc,
    side,
    orderType: 'Market' as const,
    timeInForce: 'IOC' as const,
    qty: toDecimalString(qty),
    reduceOnly,
    tsCreatedMs: Date.now(),
  });
  const sizeOf = async (): Promise<number> => Number((await client.positions(ltc)).items[0]?.size ?? '0');

  it('fills a reduce-only close partly and cancels the rest; entries are not touched', async () => {
    venue.setFault('partialCloseProbability=1');
    await client.createOrder(order('Buy', '4', false, `entry-${Date.now()}`));
    expect(await sizeOf()).toBe(4);
    const closeId = `close-${Date.now()}`;
    await client.createOrder(order('Sell', '4', true, closeId));
    expect(await sizeOf()).toBe(2);
    const close = venue.engine.findOrder(paperApiKey, { orderLinkId: closeId });
    expect([close?.status, close?.cumExecQty.toFixed()]).toEqual(['Cancelled', '2']);
    venue.setFault('partialCloseProbability=0');
    await client.createOrder(order('Sell', '2', true, `close-${Date.now()}`));
    expect(await sizeOf()).toBe(0);
  });

  it('executes a create on arrival and answers it only after lateCreateAnswerMs, past the client timeout', async () => {
    const impatient = new BybitRestClient(
      new BybitRestTransport({
        baseUrl: venue.restUrl,
        credentials: { apiKey: paperApiKey, apiSecret: paperApiSecret },
        maxRetries: 0,
        timeoutMs: 300,
      }),
    );
    venue.setFault('lateCreateAnswerProbability=1');
    venue.setFault('lateCreateAnswerMs=1000');
    const error = await impatient.createOrder(order('Buy', '1', false, `late-${Date.now()}`)).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'BybitTransportError', failure: 'timeout' });
    venue.setFault('lateCreateAnswerProbability=0');
    expect(await sizeOf()).toBe(1); // it landed all the same
    await client.createOrder(order('Sell', '1', true, `late-close-${Date.now()}`));
  });

  it('drops the private sockets as a reduce-only create arrives, before its updates are pushed', async () => {
    const frames: WsDataFrame[] = [];
    const ws = new BybitWsConnection(
      {
        url: venue.wsPrivateUrl,
        name: 'private',
        auth: { apiKey: paperApiKey, apiSecret: paperApiSecret },
        reconnect: { baseDelayMs: 200, maxDelayMs: 400 },
      },
      { onFrame: (frame) => frames.push(frame) },
    );
    await ws.connect();
    await ws.subscribe(['order']);
    await client.createOrder(order('Buy', '1', false, `entry-${Date.now()}`));
    await until(() => frames.length >= 1);
    venue.setFault('dropPrivateOnCloseProbability=1');
    const seen = frames.length;
    await client.createOrder(order('Sell', '1', true, `close-${Date.now()}`));
    await until(() => ws.stats().reconnects >= 1 && ws.stats().state === 'open');
    expect(frames.length).toBe(seen); // the close's order update went to no socket
    expect(await sizeOf()).toBe(0);
    await ws.close();
  });
});

describe('the partial-close book', () => {
  it('holds half the close on the qty grid: a fill is always a multiple of qtyStep', () => {
    const spec = venue.market.instrument('SUIUSDT');
    if (spec === undefined) throw new Error('no SUIUSDT');
    const stepRaw = Number(spec.qtyStep) * 10 ** spec.sizeDecimals;
    const book = { bids: [{ priceRaw: 100, sizeRaw: 1_000 * stepRaw }], asks: [], updateId: 1 };
    const qty = (5 * Number(spec.qtyStep)).toFixed(spec.sizeDecimals);
    const thin = halfDepthBook(book, { side: 'Sell', qty }, spec);
    expect(thin.bids).toEqual([{ priceRaw: 100, sizeRaw: 2 * stepRaw }]);
  });
});
