// The venue's WebSocket protocol at the frame level, with a raw `ws` client: acks, pongs, auth, and the order
// stream of a PostOnly order that would take liquidity; plus the book the adapter rebuilds from its deltas, also
// through a fast move.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { classifyWsFrame, L2OrderBook, signWsAuth, type OrderBookFrame } from '@scalper/bybit';
import { toSymbol } from '@scalper/protocol';
import { createHmac } from 'node:crypto';
import { WebSocket } from 'ws';
import { ReplayBook } from '../core/replay/replay-book.js';
import { paperApiKey, paperApiSecret, startVenue, type RunningVenue } from './start-venue.js';

let venue: RunningVenue;

beforeAll(async () => {
  venue = await startVenue({ seed: 11, tradesPerSecondPerSymbol: 200, market: 'calm' });
});

afterAll(async () => {
  await venue.close();
});

class RawClient {
  readonly received: unknown[] = [];
  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => this.received.push(JSON.parse(data.toString('utf8'))));
  }

  static async open(url: string): Promise<RawClient> {
    const socket = new WebSocket(url);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    return new RawClient(socket);
  }

  send(value: unknown): void {
    this.socket.send(JSON.stringify(value));
  }

  async next(match: (frame: Record<string, unknown>) => boolean, timeoutMs = 3_000): Promise<Record<string, unknown>> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find((frame) => match(frame as Record<string, unknown>));
      if (found !== undefined) return found as Record<string, unknown>;
      if (Date.now() > until) throw new Error(`no matching frame; got ${JSON.stringify(this.received.slice(-3))}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  close(): void {
    this.socket.terminate();
  }
}

function signedPost(path: string, body: unknown): Promise<Response> {
  const text = JSON.stringify(body);
  const timestamp = String(Date.now());
  const sign = createHmac('sha256', paperApiSecret).update(`${timestamp}${paperApiKey}5000${text}`).digest('hex');
  return fetch(`${venue.restUrl}${path}`, {
    method: 'POST',
    headers: {
      'X-BAPI-API-KEY': paperApiKey,
      'X-BAPI-TIMESTAMP': timestamp,
      'X-BAPI-RECV-WINDOW': '5000',
      'X-BAPI-SIGN': sign,
      'Content-Type': 'application/json',
    },
    body: text,
  });
}

describe('public stream frames', () => {
  it("acks subscribe, unsubscribe and ping in Bybit's public linear shapes", async () => {
    const client = await RawClient.open(venue.wsPublicUrl);
    client.send({ req_id: 's1', op: 'subscribe', args: ['publicTrade.ETHUSDT'] });
    expect(await client.next((f) => f['req_id'] === 's1')).toMatchObject({
      success: true,
      ret_msg: '',
      op: 'subscribe',
      conn_id: expect.any(String),
    });
    client.send({ req_id: 'p1', op: 'ping' });
    expect(await client.next((f) => f['req_id'] === 'p1')).toMatchObject({ success: true, ret_msg: 'pong', op: 'ping' });
    client.send({ req_id: 'u1', op: 'unsubscribe', args: ['publicTrade.ETHUSDT'] });
    expect(await client.next((f) => f['req_id'] === 'u1')).toMatchObject({ success: true, op: 'unsubscribe' });
    client.send({ req_id: 'bad', op: 'subscribe', args: ['kline.1.ETHUSDT'] });
    expect(await client.next((f) => f['req_id'] === 'bad')).toMatchObject({
      success: false,
      ret_msg: 'error:handler not found,topic:kline.1.ETHUSDT',
    });
    client.close();
  });

  it('sends orderbook.50 as a snapshot then deltas that rebuild the book without a gap', async () => {
    const client = await RawClient.open(venue.wsPublicUrl);
    client.send({ req_id: 'b', op: 'subscribe', args: ['orderbook.50.SOLUSDT'] });
    const spec = venue.market.instrument('SOLUSDT');
    const book = new L2OrderBook(toSymbol('SOLUSDT'), spec?.priceDecimals ?? 0);
    await client.next((f) => f['type'] === 'delta');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const outcomes = new Set<string>();
    for (const raw of client.received) {
      const frame = classifyWsFrame(JSON.stringify(raw));
      if (frame.kind === 'orderbook') outcomes.add(book.apply(frame as OrderBookFrame, Date.now()).kind);
    }
    expect([...outcomes]).toEqual(['applied']);
    expect(book.counters.gaps).toBe(0);
    expect(book.top()).not.toBeNull();
    client.close();
  });
});

describe('orderbook.50 through a fast move', () => {
  it("keeps a subscriber's book to the venue's best 50 levels per side, uncrossed: levels leaving the window are deleted", async () => {
    const client = await RawClient.open(venue.wsPublicUrl);
    client.send({ req_id: 'm', op: 'subscribe', args: ['orderbook.50.BTCUSDT'] });
    const spec = venue.market.instrument('BTCUSDT');
    await client.next((f) => f['type'] === 'snapshot');
    // 0.5 % in a second moves the whole window many times over (the old deltas, cut at 50 entries, lost deletes).
    venue.impulse('BTCUSDT', 0.5, 1_000, 3);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const book = new L2OrderBook(toSymbol('BTCUSDT'), spec?.priceDecimals ?? 0);
    const levels = new ReplayBook();
    const outcomes = new Set<string>();
    let deltas = 0;
    for (const raw of client.received) {
      const frame = classifyWsFrame(JSON.stringify(raw));
      if (frame.kind !== 'orderbook') continue;
      if (frame.action === 'delta') deltas++;
      outcomes.add(book.apply(frame, Date.now()).kind);
      levels.apply(frame.bids, frame.asks, frame.action === 'snapshot', spec!);
    }
    client.close();
    expect(deltas).toBeGreaterThan(20);
    expect([...outcomes]).toEqual(['applied']);
    const view = levels.view();
    expect(view.bids.length).toBeLessThanOrEqual(50);
    expect(view.asks.length).toBeLessThanOrEqual(50);
    expect(view.bids.length).toBeGreaterThan(40);
    expect((view.bids[0]?.priceRaw ?? 0) < (view.asks[0]?.priceRaw ?? 0)).toBe(true);
  });
});

describe('private stream frames', () => {
  it('authenticates a good signature, refuses a bad one, and answers ping with op pong', async () => {
    const expires = Date.now() + 10_000;
    const good = await RawClient.open(venue.wsPrivateUrl);
    good.send({ req_id: 'a1', op: 'auth', args: [paperApiKey, expires, signWsAuth(paperApiSecret, expires)] });
    expect(await good.next((f) => f['op'] === 'auth')).toMatchObject({ success: true, ret_msg: '', op: 'auth' });
    good.send({ req_id: 'p', op: 'ping' });
    const pong = await good.next((f) => f['op'] === 'pong');
    expect(pong).toMatchObject({ req_id: 'p', op: 'pong', args: [expect.stringMatching(/^\d+$/)] });
    const bad = await RawClient.open(venue.wsPrivateUrl);
    bad.send({ op: 'subscribe', args: ['order'] });
    expect(await bad.next((f) => f['op'] === 'subscribe')).toMatchObject({ success: false, ret_msg: 'Request not authorized' });
    bad.send({ op: 'auth', args: [paperApiKey, expires, signWsAuth('not-the-secret', expires)] });
    expect(await bad.next((f) => f['op'] === 'auth')).toMatchObject({ success: false });
    good.close();
    bad.close();
  });

  it('accepts a PostOnly order that would take liquidity, then cancels it with EC_PostOnlyWillTakeLiquidity', async () => {
    const expires = Date.now() + 10_000;
    const client = await RawClient.open(venue.wsPrivateUrl);
    client.send({ op: 'auth', args: [paperApiKey, expires, signWsAuth(paperApiSecret, expires)] });
    await client.next((f) => f['op'] === 'auth');
    client.send({ op: 'subscribe', args: ['order'] });
    await client.next((f) => f['op'] === 'subscribe');
    const ask = venue.market.bestAsk('XRPUSDT');
    const spec = venue.market.instrument('XRPUSDT');
    expect(ask).not.toBeNull();
    const price = ((ask?.priceRaw ?? 0) / 10 ** (spec?.priceDecimals ?? 0)).toFixed(spec?.priceDecimals ?? 0);
    const response = await signedPost('/v5/order/create', {
      category: 'linear',
      symbol: 'XRPUSDT',
      side: 'Buy',
      orderType: 'Limit',
      qty: spec?.minOrderQty === undefined ? '10' : String(Number(spec.minOrderQty) * 10),
      price,
      timeInForce: 'PostOnly',
      positionIdx: 0,
      orderLinkId: 'po-cross-1',
    });
    expect(await response.json()).toMatchObject({ retCode: 0, result: { orderLinkId: 'po-cross-1' } });
    const update = await client.next((f) => f['topic'] === 'order');
    expect((update['data'] as Record<string, unknown>[])[0]).toMatchObject({
      orderLinkId: 'po-cross-1',
      orderStatus: 'Cancelled',
      rejectReason: 'EC_PostOnlyWillTakeLiquidity',
    });
    client.close();
  });
});
