// Drives the venue with the project's own Bybit adapter over real HTTP and WebSocket on 127.0.0.1.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  BybitApiError,
  BybitRestClient,
  BybitRestTransport,
  BybitWsConnection,
  createHttpSend,
  parseInstrumentRules,
  type HttpSend,
  type WsDataFrame,
} from '@scalper/bybit';
import { toDecimalString, toSymbol } from '@scalper/protocol';
import { paperApiKey, paperApiSecret, startVenue, type RunningVenue } from './start-venue.js';

let venue: RunningVenue;
let client: BybitRestClient;
const btc = toSymbol('BTCUSDT');

beforeAll(async () => {
  venue = await startVenue({ seed: 7, tradesPerSecondPerSymbol: 50, market: 'calm' });
  client = new BybitRestClient(
    new BybitRestTransport({ baseUrl: venue.restUrl, credentials: { apiKey: paperApiKey, apiSecret: paperApiSecret }, maxRetries: 0 }),
  );
});

afterAll(async () => {
  await venue.close();
});

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 5_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the venue seen through the Bybit adapter', () => {
  it('serves time, tickers, instruments and a book the adapter parses without refusals', async () => {
    await expect(client.serverTimeMs()).resolves.toBeGreaterThan(0);
    const tickers = await client.linearTickers();
    expect(tickers.refused).toEqual([]);
    expect(tickers.items.length).toBeGreaterThanOrEqual(20);
    const instruments = await client.linearInstruments();
    expect(instruments.length).toBe(tickers.items.length);
    for (const raw of instruments) expect(parseInstrumentRules(raw)).toMatchObject({ ok: true });
    const book = await client.orderBook(btc, 50);
    expect(book.bids.length).toBeGreaterThan(0);
  });

  it('fills a market order and shows the position and the wallet on REST and on the private stream', async () => {
    const frames: WsDataFrame[] = [];
    const privateWs = new BybitWsConnection(
      { url: venue.wsPrivateUrl, name: 'private', auth: { apiKey: paperApiKey, apiSecret: paperApiSecret } },
      { onFrame: (frame) => frames.push(frame) },
    );
    await privateWs.connect();
    await privateWs.subscribe(['order', 'execution', 'position', 'wallet']);
    const ack = await client.createOrder({
      orderLinkId: 'it-market-1',
      symbol: btc,
      side: 'Buy',
      orderType: 'Market',
      timeInForce: 'IOC',
      qty: toDecimalString('0.010'),
      reduceOnly: false,
      tsCreatedMs: Date.now(),
    });
    expect(ack.orderLinkId).toBe('it-market-1');
    const position = (await client.positions(btc)).items[0];
    expect(position).toMatchObject({ side: 'Buy', size: '0.010' });
    const fills = await client.executions(btc);
    expect(fills.refused).toEqual([]);
    expect(fills.items.some((fill) => fill.orderLinkId === 'it-market-1')).toBe(true);
    const wallet = (await client.walletBalance('UNIFIED')).items[0];
    expect(wallet?.accountType).toBe('UNIFIED');
    await waitFor(() => (['order', 'execution', 'position', 'wallet'].every((k) => frames.some((f) => f.kind === k)) ? true : undefined));
    await privateWs.close();
  });

  it('refuses a duplicate orderLinkId, reduce-only with nothing to reduce, and a bad signature', async () => {
    const order = {
      orderLinkId: 'it-dup-1',
      symbol: toSymbol('ETHUSDT'),
      side: 'Buy' as const,
      orderType: 'Market' as const,
      timeInForce: 'IOC' as const,
      qty: toDecimalString('0.10'),
      reduceOnly: false,
      tsCreatedMs: Date.now(),
    };
    await client.createOrder(order);
    await expect(client.createOrder(order)).rejects.toMatchObject({ retCode: 110072 });
    await expect(
      client.createOrder({ ...order, orderLinkId: 'it-ro-1', symbol: toSymbol('SOLUSDT'), qty: toDecimalString('1.0'), reduceOnly: true }),
    ).rejects.toMatchObject({ retCode: 110017 });
    const badClient = new BybitRestClient(
      new BybitRestTransport({ baseUrl: venue.restUrl, credentials: { apiKey: paperApiKey, apiSecret: 'wrong-secret-000000' }, maxRetries: 0 }),
    );
    const error = await badClient.positions(btc).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BybitApiError);
    expect(error).toMatchObject({ retCode: 10004 });
  });

  it('refuses an unknown key with 10003 and a stale timestamp with 10002', async () => {
    const stranger = new BybitRestClient(
      new BybitRestTransport({ baseUrl: venue.restUrl, credentials: { apiKey: 'nobody-123456', apiSecret: 'nothing-123456' }, maxRetries: 0 }),
    );
    await expect(stranger.positions(btc)).rejects.toMatchObject({ retCode: 10003 });
    const lateTransport = new BybitRestTransport({
      baseUrl: venue.restUrl,
      credentials: { apiKey: paperApiKey, apiSecret: paperApiSecret },
      maxRetries: 0,
      now: () => Date.now() - 60_000,
    });
    const request = { method: 'GET', path: '/v5/position/list', query: { category: 'linear', symbol: 'BTCUSDT' }, signed: true } as const;
    await expect(lateTransport.send(request)).rejects.toMatchObject({ retCode: 10002 });
    // The adapter recovers by itself: it resyncs its clock from /v5/market/time and retries once.
    await expect(new BybitRestClient(lateTransport).positions(btc)).resolves.toMatchObject({ refused: [] });
    expect(lateTransport.clockOffset).toBeGreaterThan(59_000);
  });

  it('sends rate-limit headers on private answers and 10006 past the limit', async () => {
    const seen: { status: string | null; reset: string | null; retCode: number }[] = [];
    const real = createHttpSend();
    const sendAndRecord: HttpSend = async (call) => {
      const answer = await real(call);
      seen.push({
        status: answer.headers.get('x-bapi-limit-status'),
        reset: answer.headers.get('x-bapi-limit-reset-timestamp'),
        retCode: (JSON.parse(answer.text) as { retCode: number }).retCode,
      });
      return answer;
    };
    const burst = new BybitRestClient(
      new BybitRestTransport({
        baseUrl: venue.restUrl,
        credentials: { apiKey: paperApiKey, apiSecret: paperApiSecret },
        maxRetries: 0,
        http: sendAndRecord,
      }),
    );
    const outcomes = await Promise.allSettled(Array.from({ length: 12 }, () => burst.cancelAll(toSymbol('ADAUSDT'))));
    expect(seen.every((s) => s.status !== null && s.reset !== null)).toBe(true);
    expect(outcomes.filter((o) => o.status === 'rejected').length).toBeGreaterThanOrEqual(1);
    expect(seen.some((s) => s.retCode === 10006 && s.status === '0')).toBe(true);
  });

  it("streams public trades and books to the adapter's WebSocket client", async () => {
    const frames: WsDataFrame[] = [];
    const publicWs = new BybitWsConnection({ url: venue.wsPublicUrl, name: 'public' }, { onFrame: (frame) => frames.push(frame) });
    await publicWs.connect();
    await publicWs.subscribe(['publicTrade.BTCUSDT', 'orderbook.1.BTCUSDT', 'orderbook.50.BTCUSDT']);
    await waitFor(() => (frames.some((f) => f.kind === 'trade') && frames.some((f) => f.kind === 'orderbook') ? true : undefined));
    await expect(publicWs.subscribe(['publicTrade.NOPEUSDT'])).rejects.toThrow(/NOPEUSDT/);
    await publicWs.unsubscribe(['publicTrade.BTCUSDT']);
    expect(publicWs.stats()).toMatchObject({ malformed: 0 });
    await publicWs.close();
  });
});
