// The paper venue against an upstream (Jest thread, 127.0.0.1): a second embedded venue plays Bybit mainnet. The
// paper venue relays the upstream's public data for what its clients subscribe, fills orders itself against the
// relayed book, and never sends the upstream anything signed or opens a private socket there.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BybitRestClient, BybitRestTransport, BybitWsConnection, type WsDataFrame } from '@scalper/bybit';
import { toSymbol } from '@scalper/protocol';
import { paperApiKey, paperApiSecret, startVenue, type RunningVenue } from './start-venue.js';

interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}

let upstream: RunningVenue;
let paper: RunningVenue;
const upstreamRequests: SeenRequest[] = [];
const upstreamTopics: string[] = [];
const btc = toSymbol('BTCUSDT');

beforeAll(async () => {
  upstream = await startVenue({
    seed: 11,
    tradesPerSecondPerSymbol: 40,
    market: 'calm',
    probe: {
      restRequestReceived: (method, path, _body, _atMs, headers) => void upstreamRequests.push({ method, path, headers }),
      topicSubscribed: (stream, topic) => void upstreamTopics.push(`${stream} ${topic}`),
    },
  });
  paper = await startVenue({ upstream: { restUrl: upstream.restUrl, wsPublicUrl: upstream.wsPublicUrl, tickerRefreshMs: 300 } });
});

afterAll(async () => {
  await paper?.close();
  await upstream?.close();
});

async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 5_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Calls `read` every 100 ms until `done` says yes; its last value. */
async function pollFor<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 5_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const paperClient = (): BybitRestClient =>
  new BybitRestClient(
    new BybitRestTransport({ baseUrl: paper.restUrl, credentials: { apiKey: paperApiKey, apiSecret: paperApiSecret }, maxRetries: 0 }),
  );

describe('the paper venue on an upstream', () => {
  it("answers the scanner with the upstream's instruments and tickers", async () => {
    const client = paperClient();
    expect((await client.linearInstruments()).length).toBe(
      (await new BybitRestClient(new BybitRestTransport({ baseUrl: upstream.restUrl })).linearInstruments()).length,
    );
    const tickers = await client.linearTickers();
    expect(tickers.refused).toEqual([]);
    expect(tickers.items.map((t) => t.symbol)).toContain(btc);
  });

  it("refuses its tickers while the upstream's REST is down, so a scan fails and says why, and serves them again after", async () => {
    const client = paperClient();
    const tickersOutcome = (): Promise<unknown> =>
      client.linearTickers().then(
        (tickers) => tickers.items.length,
        (error: unknown) => error,
      );
    upstream.setFault('http503Probability=1');
    try {
      // The next refresh (every 300 ms here) fails: from then on the paper venue refuses its own tickers.
      const refusal = await pollFor(tickersOutcome, (outcome) => typeof outcome !== 'number', 'the tickers refused');
      expect(refusal).toMatchObject({ retCode: 10016, message: expect.stringContaining("upstream's tickers are unavailable") });
    } finally {
      upstream.setFault('http503Probability=0');
    }
    const served = await pollFor(tickersOutcome, (outcome) => typeof outcome === 'number', 'the tickers served again');
    expect(served).toBeGreaterThan(0);
  });

  it('relays the depth and trades of a subscribed symbol, fills orders itself, and sends the upstream nothing private', async () => {
    const frames: WsDataFrame[] = [];
    const ws = new BybitWsConnection({ url: paper.wsPublicUrl, name: 'public' }, { onFrame: (frame) => void frames.push(frame) });
    try {
      await ws.connect();
      await ws.subscribe(['orderbook.1.BTCUSDT', 'publicTrade.BTCUSDT']);
      await waitFor(() => (frames.some((f) => f.kind === 'trade') ? true : undefined), 'a relayed trade');
      // The paper venue asked its upstream for the depth the matching walks, and the trades.
      expect(upstreamTopics).toEqual(expect.arrayContaining(['public orderbook.50.BTCUSDT', 'public publicTrade.BTCUSDT']));
      // Its book is the upstream's.
      const upstreamBid = upstream.market.bestBid('BTCUSDT');
      await waitFor(() => (paper.market.bestBid('BTCUSDT') !== null ? true : undefined), 'the relayed book');
      expect(Math.abs((paper.market.bestBid('BTCUSDT')?.priceRaw ?? 0) - (upstreamBid?.priceRaw ?? 0))).toBeLessThan(upstreamBid!.priceRaw * 0.002);

      const client = paperClient();
      const entry = await client.createOrder({
        orderLinkId: 'paper-entry-1',
        symbol: btc,
        side: 'Buy',
        orderType: 'Market',
        timeInForce: 'IOC',
        qty: '0.002' as never,
        reduceOnly: false,
        tsCreatedMs: Date.now(),
      });
      expect(entry.orderId).toEqual(expect.any(String));
      const position = await waitFor(
        () => paper.engine.positions(paperApiKey).find((p) => p.symbol === 'BTCUSDT' && p.size.toString() === '0.002'),
        'the paper position',
      );
      expect(position.side).toBe('Buy');
      await client.createOrder({
        orderLinkId: 'paper-exit-1',
        symbol: btc,
        side: 'Sell',
        orderType: 'Market',
        timeInForce: 'IOC',
        qty: '0.002' as never,
        reduceOnly: true,
        tsCreatedMs: Date.now(),
      });
      await waitFor(
        () => (paper.engine.positions(paperApiKey).every((p) => p.symbol !== 'BTCUSDT' || p.size.toString() === '0') ? true : undefined),
        'the paper close',
      );

      // Nothing of it reached the upstream: no order there, no signed request, no private socket.
      expect(upstream.engine.orderHistory(paperApiKey, 'BTCUSDT')).toEqual([]);
      expect(upstreamRequests.filter((r) => r.headers['x-bapi-sign'] !== undefined || r.headers['x-bapi-api-key'] !== undefined)).toEqual([]);
      expect(new Set(upstreamRequests.map((r) => `${r.method} ${r.path}`))).toEqual(
        new Set(['GET /v5/market/instruments-info', 'GET /v5/market/tickers']),
      );
      expect(upstream.stats().privateSockets).toBe(0);
      expect(upstreamTopics.filter((t) => t.startsWith('private'))).toEqual([]);

      // An upstream drop: the relay resubscribes and trades flow again.
      upstream.setFault('dropPublicEverySec=1');
      await new Promise((resolve) => setTimeout(resolve, 1_300));
      upstream.setFault('dropPublicEverySec=0');
      const seen = frames.length;
      const resubscribed = upstreamTopics.filter((t) => t === 'public publicTrade.BTCUSDT').length;
      await waitFor(
        () => (upstreamTopics.filter((t) => t === 'public publicTrade.BTCUSDT').length > 1 || resubscribed > 1 ? true : undefined),
        'the upstream resubscribe',
        10_000,
      );
      await waitFor(() => (frames.slice(seen).some((f) => f.kind === 'trade') ? true : undefined), 'trades after the drop', 10_000);
    } finally {
      await ws.close();
    }
  }, 30_000);
});

describe("the paper venue's fill model (the backtest's)", () => {
  const fillModel = {
    orderLatencyMs: 60,
    feedbackLatencyMs: 40,
    latencyJitterMs: 0,
    slippageBps: 50,
    makerFeeRate: '0.0001',
    takerFeeRate: '0.001',
  };
  let modelled: RunningVenue;

  beforeAll(async () => {
    modelled = await startVenue({
      upstream: { restUrl: upstream.restUrl, wsPublicUrl: upstream.wsPublicUrl, bookDepth: 1 },
      fillModel,
      startingBalance: '100000000',
    });
  });

  afterAll(async () => {
    await modelled?.close();
  });

  it('matches an order its latency after it arrives, answers it its feedback latency later, walks past the relayed book at the slippage level and charges its fees', async () => {
    const ws = new BybitWsConnection({ url: modelled.wsPublicUrl, name: 'public' }, { onFrame: () => undefined });
    try {
      await ws.connect();
      await ws.subscribe(['orderbook.1.BTCUSDT', 'publicTrade.BTCUSDT']);
      await waitFor(() => (modelled.market.book('BTCUSDT').asks.length > 0 ? true : undefined), 'the relayed book');
      const spec = modelled.market.instrument('BTCUSDT')!;
      // Over the relayed top (orderbook.1 here: its size moves between 0.3 and 15 BTC): without the slippage level
      // the IOC would fill the top and cancel the rest.
      const qty = '100.000';
      const client = new BybitRestClient(
        new BybitRestTransport({ baseUrl: modelled.restUrl, credentials: { apiKey: paperApiKey, apiSecret: paperApiSecret }, maxRetries: 0 }),
      );
      const sentAtMs = Date.now();
      await client.createOrder({
        orderLinkId: 'model-entry-1',
        symbol: btc,
        side: 'Buy',
        orderType: 'Market',
        timeInForce: 'IOC',
        qty: qty as never,
        reduceOnly: false,
        tsCreatedMs: sentAtMs,
      });
      const answeredAfterMs = Date.now() - sentAtMs;
      const order = modelled.engine.orderHistory(paperApiKey, 'BTCUSDT').find((o) => o.orderLinkId === 'model-entry-1')!;
      expect(order.createdTimeMs - sentAtMs).toBeGreaterThanOrEqual(fillModel.orderLatencyMs - 1);
      expect(answeredAfterMs).toBeGreaterThanOrEqual(fillModel.orderLatencyMs + fillModel.feedbackLatencyMs - 1);

      const fills = modelled.engine.executions(paperApiKey, 'BTCUSDT').filter((e) => e.orderLinkId === 'model-entry-1');
      const filled = fills.reduce((sum, fill) => sum + Number(fill.execQty.toString()), 0);
      expect(filled.toFixed(spec.sizeDecimals)).toBe(qty);
      const prices = fills.map((fill) => Number(fill.execPrice.toString()));
      const touch = Math.min(...prices);
      // The rest filled 50 bps past the relayed top.
      expect(Math.max(...prices)).toBeGreaterThan(touch * (1 + 0.004));
      for (const fill of fills) {
        expect(fill.isMaker).toBe(false);
        expect(fill.execFee.toString()).toBe(fill.execValue.times(fillModel.takerFeeRate).toString());
      }
    } finally {
      await ws.close();
    }
  }, 20_000);
});

describe('a paper venue whose upstream cannot be reached at start', () => {
  /** A port nothing listens on: taken from the system, then let go. */
  async function deadPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    return port;
  }

  it("stops the start with one line naming the upstream's REST when it cannot read the instruments", async () => {
    const port = await deadPort();
    const started = startVenue({ upstream: { restUrl: `http://127.0.0.1:${port}`, wsPublicUrl: upstream.wsPublicUrl } });
    await expect(started).rejects.toThrow(
      new RegExp(`^paper venue: cannot read the instruments of its upstream http://127\\.0\\.0\\.1:${port} \\(venue\\.restUrl\\): .*ECONNREFUSED`),
    );
  }, 20_000);

  it("stops the start naming the upstream's public stream when it cannot open it", async () => {
    const port = await deadPort();
    const started = startVenue({
      upstream: { restUrl: upstream.restUrl, wsPublicUrl: `ws://127.0.0.1:${port}/v5/public/linear`, connectTimeoutMs: 2_000 },
    });
    await expect(started).rejects.toThrow(
      /^paper venue: cannot open its upstream's public stream ws:\/\/127\.0\.0\.1:\d+\/v5\/public\/linear \(venue\.wsPublicUrl\): not open after 2000 ms$/,
    );
  }, 20_000);
});
