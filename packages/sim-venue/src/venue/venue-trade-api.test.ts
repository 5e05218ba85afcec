// The venue's WebSocket trade API (/v5/trade) through our BybitWsTradeClient and a raw socket: auth, order.create
// and order.cancel answered by reqId with the rate-limit header, the orders real at the venue (REST sees them),
// and the trade channel's refusals: 20006 for a reused reqId, 10002 for a stale timestamp, 10005 for a read-only
// key, 10019 while the trade service "restarts", and no socket at all while it is down.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BybitApiError, BybitRestClient, BybitRestTransport, BybitWsTradeClient, signWsAuth, WsTradeNotSentError } from '@scalper/bybit';
import { toDecimalString as d, toSymbol, type OrderRequest } from '@scalper/protocol';
import { once } from 'node:events';
import WebSocket from 'ws';
import { paperApiKey, paperApiSecret, startVenue, type RunningVenue } from './start-venue.js';

let venue: RunningVenue;
const reader = { apiKey: 'READONLY-KEY-0002', apiSecret: 'readonly-secret-0002', readOnly: true };
const btc = toSymbol('BTCUSDT');

beforeAll(async () => {
  venue = await startVenue({
    seed: 9,
    tradesPerSecondPerSymbol: 10,
    market: 'calm',
    accounts: [{ apiKey: paperApiKey, apiSecret: paperApiSecret }, reader],
  });
});

afterAll(async () => {
  await venue.close();
});

function tradeClient(
  credentials = { apiKey: paperApiKey, apiSecret: paperApiSecret },
  onSend?: (op: string, body: object) => void,
): BybitWsTradeClient {
  return new BybitWsTradeClient({
    url: venue.wsTradeUrl,
    auth: credentials,
    ...(onSend === undefined ? {} : { onSend }),
    timestamp: Date.now,
    requestTimeoutMs: 2_000,
    reconnect: { baseDelayMs: 50, maxDelayMs: 200 },
  });
}

function order(orderLinkId: string, overrides: Partial<OrderRequest> = {}): OrderRequest {
  return {
    symbol: btc,
    side: 'Buy',
    orderType: 'Limit',
    qty: d('0.001'),
    price: d('10000.0'),
    timeInForce: 'GTC',
    reduceOnly: false,
    orderLinkId,
    tsCreatedMs: Date.now(),
    ...overrides,
  } as OrderRequest;
}

/** A raw, authenticated socket on /v5/trade, answering with the next frame. */
async function rawSocket(): Promise<{ ask: (request: unknown) => Promise<Record<string, unknown>>; close: () => void }> {
  const socket = new WebSocket(venue.wsTradeUrl);
  await once(socket, 'open');
  const ask = async (request: unknown): Promise<Record<string, unknown>> => {
    const answer = once(socket, 'message');
    socket.send(JSON.stringify(request));
    const [data] = await answer;
    return JSON.parse(String(data)) as Record<string, unknown>;
  };
  const expires = Date.now() + 10_000;
  expect(await ask({ op: 'auth', args: [paperApiKey, expires, signWsAuth(paperApiSecret, expires)] })).toMatchObject({ retCode: 0, op: 'auth' });
  return { ask, close: () => socket.close() };
}

describe('the venue WebSocket trade API', () => {
  it('places and cancels through the trade client: each answer carries the order ids, and REST sees the order', async () => {
    const client = tradeClient();
    await client.connect();
    const placed = await client.createOrder(order('ws-create-1'));
    expect(placed).toEqual({ orderId: expect.any(String), orderLinkId: 'ws-create-1' });
    const rest = new BybitRestClient(
      new BybitRestTransport({ baseUrl: venue.restUrl, credentials: { apiKey: paperApiKey, apiSecret: paperApiSecret } }),
    );
    expect((await rest.openOrders(btc)).items.map((o) => o.orderLinkId)).toContain('ws-create-1');
    expect(await client.cancelOrder(btc, { orderLinkId: 'ws-create-1' })).toEqual({ orderId: placed.orderId, orderLinkId: 'ws-create-1' });
    expect((await rest.openOrders(btc)).items.map((o) => o.orderLinkId)).not.toContain('ws-create-1');
    // A second create with the same orderLinkId is Bybit's 110072, whichever way it comes.
    await client.createOrder(order('ws-create-2'));
    await expect(client.createOrder(order('ws-create-2'))).rejects.toMatchObject({ retCode: 110072 });
    await client.close();
  });

  it('answers in the documented shape, with the rate-limit fields, and refuses a reused reqId and a stale timestamp', async () => {
    const raw = await rawSocket();
    const header = () => ({ 'X-BAPI-TIMESTAMP': String(Date.now()), 'X-BAPI-RECV-WINDOW': '5000' });
    const body = {
      category: 'linear',
      symbol: 'BTCUSDT',
      side: 'Buy',
      orderType: 'Limit',
      qty: '0.001',
      price: '10000.0',
      timeInForce: 'GTC',
      orderLinkId: 'raw-1',
    };
    expect(await raw.ask({ reqId: 'r-1', header: header(), op: 'order.create', args: [body] })).toEqual({
      reqId: 'r-1',
      retCode: 0,
      retMsg: 'OK',
      op: 'order.create',
      data: { orderId: expect.any(String), orderLinkId: 'raw-1' },
      retExtInfo: {},
      header: {
        'X-Bapi-Limit': '10',
        'X-Bapi-Limit-Status': expect.stringMatching(/^\d$/),
        'X-Bapi-Limit-Reset-Timestamp': expect.stringMatching(/^\d+$/),
        Traceid: expect.any(String),
        Timenow: expect.stringMatching(/^\d+$/),
      },
      connId: expect.any(String),
    });
    expect(await raw.ask({ reqId: 'r-1', header: header(), op: 'order.create', args: [{ ...body, orderLinkId: 'raw-2' }] })).toMatchObject({
      retCode: 20006,
    });
    const stale = { 'X-BAPI-TIMESTAMP': String(Date.now() - 60_000), 'X-BAPI-RECV-WINDOW': '5000' };
    expect(await raw.ask({ reqId: 'r-2', header: stale, op: 'order.create', args: [{ ...body, orderLinkId: 'raw-3' }] })).toMatchObject({
      retCode: 10002,
    });
    expect(await raw.ask({ reqId: 'r-3', header: header(), op: 'order.amend-all', args: [body] })).toMatchObject({ retCode: 10404 });
    expect(await raw.ask({ op: 'ping' })).toMatchObject({ retCode: 0, op: 'pong' });
    raw.close();
  });

  it('refuses orders from a read-only key with 10005', async () => {
    const client = tradeClient(reader);
    await client.connect();
    await expect(client.createOrder(order('ws-reader-1'))).rejects.toMatchObject({ retCode: 10005 });
    await client.close();
  });

  it('answers 10019 without placing while the trade service restarts, and refuses trade sockets while it is down', async () => {
    const sent: string[] = [];
    const client = tradeClient(undefined, (op, body) => void sent.push(`${op} ${String((body as { orderLinkId?: unknown }).orderLinkId)}`));
    await client.connect();
    venue.setFault('tradeRestartingProbability=1');
    const refused = await client.createOrder(order('ws-restart-1')).catch((error: unknown) => error);
    venue.setFault('tradeRestartingProbability=0');
    expect(refused).toBeInstanceOf(BybitApiError);
    expect((refused as BybitApiError).retCode).toBe(10019);
    const rest = new BybitRestClient(
      new BybitRestTransport({ baseUrl: venue.restUrl, credentials: { apiKey: paperApiKey, apiSecret: paperApiSecret } }),
    );
    expect((await rest.openOrders(btc)).items.map((o) => o.orderLinkId)).not.toContain('ws-restart-1');
    venue.setFault('tradeDownSec=1');
    await until(() => !client.isOpen);
    await expect(client.createOrder(order('ws-down-1'))).rejects.toBeInstanceOf(WsTradeNotSentError);
    await until(() => client.isOpen, 10_000);
    expect(await client.createOrder(order('ws-after-1'))).toMatchObject({ orderLinkId: 'ws-after-1' });
    // The wire watch hears of what the socket took (the refused create went out), never of what it did not.
    expect(sent).toEqual(['order.create ws-restart-1', 'order.create ws-after-1']);
    await client.close();
  }, 20_000);
});

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
