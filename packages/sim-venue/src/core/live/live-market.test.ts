// Tests of the live market (Jest thread): the upstream asked for exactly the subscribed symbols' depth and trades,
// books and trades rebuilt from Bybit's documented frames, and the scanner's tickers taken from the upstream's REST.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { LiveMarket } from './live-market.js';

/** dist/core/live/ -> packages/bybit/fixtures/ */
const fixturesDir = new URL('../../../../bybit/fixtures/', import.meta.url);
const payloadOf = (name: string): Record<string, unknown> =>
  (JSON.parse(readFileSync(new URL(name, fixturesDir), 'utf8')) as { payload: Record<string, unknown> }).payload;

const instrumentItems = (payloadOf('rest_instruments_info_linear_docs.json')['result'] as { list: unknown[] }).list;
const btcItem = instrumentItems.find((item) => (item as { symbol: string }).symbol === 'BTCUSDT');
const ethItem = { ...(btcItem as object), symbol: 'ETHUSDT', baseCoin: 'ETH' };

function setUp() {
  const asked: string[][] = [];
  const renewed: string[] = [];
  const market = new LiveMarket({
    instrumentItems: [btcItem, ethItem, { symbol: 'BROKENUSDT' }],
    upstream: { setTopics: (t) => void asked.push([...t]), resubscribe: (topic) => void renewed.push(topic) },
  });
  return { market, asked, renewed };
}

/** An orderbook.50 frame of BTCUSDT (tick 0.10, qty step 0.001 in the documented instrument). */
function depthFrameOf(type: 'snapshot' | 'delta', u: number, bids: [string, string][], asks: [string, string][], indent = 0): string {
  return JSON.stringify({ topic: 'orderbook.50.BTCUSDT', type, ts: 1, data: { s: 'BTCUSDT', b: bids, a: asks, u, seq: u }, cts: 1 }, null, indent);
}

describe('LiveMarket', () => {
  it('asks the upstream for the depth and trades of the subscribed symbols, again only when they change', () => {
    const { market, asked } = setUp();
    expect(market.refusedInstruments).toBe(1);
    market.advance(1_000, new Set(['BTCUSDT']));
    market.advance(1_010, new Set(['BTCUSDT']));
    market.advance(1_020, new Set(['BTCUSDT', 'ETHUSDT', 'NOSUCHUSDT']));
    market.advance(1_030, new Set(['ETHUSDT']));
    expect(asked).toEqual([
      ['orderbook.50.BTCUSDT', 'publicTrade.BTCUSDT'],
      ['orderbook.50.BTCUSDT', 'publicTrade.BTCUSDT', 'orderbook.50.ETHUSDT', 'publicTrade.ETHUSDT'],
      ['orderbook.50.ETHUSDT', 'publicTrade.ETHUSDT'],
    ]);
  });

  it("rebuilds the book from the upstream's snapshot and deltas and hands on its trades at venue time", () => {
    const { market } = setUp();
    const subscribed = new Set(['BTCUSDT']);
    market.onUpstreamFrame(JSON.stringify(payloadOf('ws_orderbook50_snapshot_docs.json')));
    market.onUpstreamFrame(JSON.stringify(payloadOf('ws_public_trade_docs.json')));
    market.onUpstreamFrame('{"topic": broken');
    const step = market.advance(5_000, subscribed);
    expect(market.bestBid('BTCUSDT')).toEqual({ priceRaw: 1649350, sizeRaw: 6 });
    expect(market.bestAsk('BTCUSDT')).toEqual({ priceRaw: 1661100, sizeRaw: 29 });
    expect(step.bookChanges.map((change) => change.symbol)).toEqual(['BTCUSDT']);
    expect(step.trades).toEqual([expect.objectContaining({ symbol: 'BTCUSDT', tsMs: 5_000, side: 'Buy', priceRaw: 1657850, sizeRaw: 1 })]);
    expect(market.badFrames).toBe(1);
    // Applied once: the next step has nothing new.
    expect(market.advance(5_010, subscribed)).toEqual({ trades: [], bookChanges: [] });
  });

  it("answers the scanner with the upstream's tickers, with the relayed book's top where there is one", () => {
    const { market } = setUp();
    market.setTickers([
      {
        symbol: 'BTCUSDT',
        lastPrice: '16500.10',
        prevPrice24h: '16000.00',
        turnover24h: '5000000000.1234',
        volume24h: '300000.000',
        bid1Price: '16500.00',
        bid1Size: '1.000',
        ask1Price: '16500.10',
        ask1Size: '2.000',
      },
      { symbol: 'ETHUSDT', lastPrice: 'not a price', prevPrice24h: '1.0', turnover24h: '1', volume24h: '1' },
      { symbol: 'DOGEUSD', lastPrice: '0.1', prevPrice24h: '0.1', turnover24h: '1', volume24h: '1' },
    ]);
    expect(market.refusedTickers).toBe(2);
    expect(market.tickers()).toEqual([
      expect.objectContaining({
        symbol: 'BTCUSDT',
        lastPriceRaw: 1650010,
        prevPrice24hRaw: 1600000,
        turnover24h: '5000000000.1234',
        bestBid: { priceRaw: 1650000, sizeRaw: 1000 },
      }),
    ]);
    // An upstream REST outage is said until the next tickers arrive.
    expect(market.tickerOutage()).toBeNull();
    market.tickersUnavailable('HTTP 503');
    expect(market.tickerOutage()).toBe('HTTP 503');
    market.setTickers([]);
    expect(market.tickerOutage()).toBeNull();
    market.onUpstreamFrame(JSON.stringify(payloadOf('ws_orderbook50_snapshot_docs.json')));
    market.advance(1_000, new Set(['BTCUSDT']));
    expect(market.tickers()[0]).toMatchObject({ bestBid: { priceRaw: 1649350, sizeRaw: 6 }, bestAsk: { priceRaw: 1661100, sizeRaw: 29 } });
  });

  it("says a symbol's upstream is silent before its first frame and after 3 s without one, also across a client's quick resubscribe", () => {
    const { market } = setUp();
    const btcOnly = new Set(['BTCUSDT']);
    // Nothing ever heard of it: nothing to relay, even before it is held upstream.
    expect(market.upstreamSilent('BTCUSDT', 0)).toBe(true);
    market.advance(10_000, btcOnly);
    // Held, but nothing heard yet: nothing to relay (an empty book is no snapshot).
    expect(market.upstreamSilent('BTCUSDT', 10_000)).toBe(true);
    market.onUpstreamFrame(JSON.stringify(payloadOf('ws_orderbook50_snapshot_docs.json')));
    market.advance(12_500, btcOnly);
    expect(market.upstreamSilent('BTCUSDT', 15_400)).toBe(false);
    market.advance(15_600, btcOnly);
    expect(market.upstreamSilent('BTCUSDT', 15_600)).toBe(true);
    // A client's unsubscribe and subscribe (a resync) is no new subscribe: still silent.
    market.advance(15_610, new Set());
    market.advance(15_620, btcOnly);
    expect(market.upstreamSilent('BTCUSDT', 15_620)).toBe(true);
    // A frame makes it live again.
    market.onUpstreamFrame(JSON.stringify(payloadOf('ws_public_trade_docs.json')));
    market.advance(16_000, btcOnly);
    expect(market.upstreamSilent('BTCUSDT', 16_000)).toBe(false);
    // A symbol let go has no book until its next snapshot (it would be stale).
    market.advance(40_000, new Set());
    expect(market.upstreamSilent('BTCUSDT', 40_000)).toBe(true);
    expect(market.bestBid('BTCUSDT')).toBeNull();
  });

  // Spaced: JSON with whitespace is still Bybit's frame (a mock or proxy may send it); the kind comes from the parse.
  it.each([
    ['compact', 0],
    ['spaced', 2],
  ])(
    'empties a book an upstream delta left crossed, goes silent for it and asks for a fresh snapshot, once, until one comes (%s JSON)',
    (_name, indent) => {
      const depthFrame = (type: 'snapshot' | 'delta', u: number, bids: [string, string][], asks: [string, string][]): string =>
        depthFrameOf(type, u, bids, asks, indent);
      const { market, renewed } = setUp();
      const subscribed = new Set(['BTCUSDT']);
      market.onUpstreamFrame(depthFrame('snapshot', 10, [['16000.00', '1.000']], [['16000.10', '1.000']]));
      market.advance(1_000, subscribed);
      expect(market.upstreamSilent('BTCUSDT', 1_000)).toBe(false);
      // The bid moves up through the ask, but the delta that removed the ask was lost.
      market.onUpstreamFrame(depthFrame('delta', 12, [['16000.20', '2.000']], []));
      market.advance(1_010, subscribed);
      expect(renewed).toEqual(['orderbook.50.BTCUSDT']);
      expect(market.bookResyncs).toBe(1);
      expect(market.bestBid('BTCUSDT')).toBeNull();
      expect(market.upstreamSilent('BTCUSDT', 1_010)).toBe(true);
      // Deltas before the new snapshot are not heard from, and ask for nothing more.
      market.onUpstreamFrame(depthFrame('delta', 13, [['16000.30', '1.000']], []));
      market.advance(1_020, subscribed);
      expect(market.upstreamSilent('BTCUSDT', 1_020)).toBe(true);
      expect(renewed).toEqual(['orderbook.50.BTCUSDT']);
      market.onUpstreamFrame(depthFrame('snapshot', 1, [['16000.20', '2.000']], [['16000.40', '1.000']]));
      market.advance(1_030, subscribed);
      expect(market.upstreamSilent('BTCUSDT', 1_030)).toBe(false);
      expect(market.bestBid('BTCUSDT')).toEqual({ priceRaw: 1600020, sizeRaw: 2000 });
      expect(market.bestAsk('BTCUSDT')).toEqual({ priceRaw: 1600040, sizeRaw: 1000 });
    },
  );
});
