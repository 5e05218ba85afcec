// Tests of the replayed market (backtest thread): BacktestMarket's books from classified orderbook frames (the
// deepest depth recorded), the bottomless slippage level beyond the last level, trades as raw integers, tickers.

import { describe, expect, it } from '@jest/globals';
import { instrumentCatalog, type InstrumentSpec } from '@scalper/sim-venue';
import { bookFrame, tickerFrame, tradeFrame } from '../test-support/bybit-frames.js';
import { BacktestMarket } from './backtest-market.js';

function catalogSpec(symbol: string): InstrumentSpec {
  const spec = instrumentCatalog.find((s) => s.symbol === symbol);
  if (spec === undefined) throw new Error(`no ${symbol} in the catalog`);
  return spec;
}

/** BTCUSDT: tick 0.10 (prices scaled by 10^2, so a tick is 10), qty step 0.001 (sizes scaled by 10^3). */
const btc = catalogSpec('BTCUSDT');
const sui = catalogSpec('SUIUSDT');
const bottomless = Number.MAX_SAFE_INTEGER;

function btcMarket(slippageBps = 10): BacktestMarket {
  const market = new BacktestMarket({ slippageBps, specs: [btc] });
  // The documented orderbook.50 snapshot's top of book, as an orderbook.1 frame.
  market.ingestBook(bookFrame({ symbol: 'BTCUSDT', bids: [['16493.50', '0.006']], asks: [['16611.00', '0.029']] }));
  return market;
}

describe('BacktestMarket books', () => {
  it('rebuilds the book from an orderbook.1 snapshot as scaled integers', () => {
    const market = btcMarket();
    expect(market.bestBid('BTCUSDT')).toEqual({ priceRaw: 1_649_350, sizeRaw: 6 });
    expect(market.bestAsk('BTCUSDT')).toEqual({ priceRaw: 1_661_100, sizeRaw: 29 });
    expect(market.badFrames).toBe(0);
  });

  it('adds one bottomless level slippageBps beyond the last level on each side, rounded away from the book onto ticks', () => {
    const view = btcMarket(10).book('BTCUSDT');
    // 16493.50 * (1 - 0.001) = 16477.0065, down to the tick: 16477.00; 16611.00 * 1.001 = 16627.611, up: 16627.70.
    expect(view.bids).toEqual([
      { priceRaw: 1_649_350, sizeRaw: 6 },
      { priceRaw: 1_647_700, sizeRaw: bottomless },
    ]);
    expect(view.asks).toEqual([
      { priceRaw: 1_661_100, sizeRaw: 29 },
      { priceRaw: 1_662_770, sizeRaw: bottomless },
    ]);
  });

  it('puts the slippage level beyond the deepest recorded level, not the best', () => {
    const market = new BacktestMarket({ slippageBps: 100, specs: [btc] });
    market.ingestBook(
      bookFrame({
        symbol: 'BTCUSDT',
        depth: 50,
        bids: [
          ['16493.50', '0.006'],
          ['16493.00', '0.100'],
        ],
        asks: [
          ['16611.00', '0.029'],
          ['16612.00', '0.213'],
        ],
      }),
    );
    const view = market.book('BTCUSDT');
    // 16493.00 * 0.99 = 16328.07 -> 16328.00; 16612.00 * 1.01 = 16778.12 -> 16778.20.
    expect(view.bids.map((l) => l.priceRaw)).toEqual([1_649_350, 1_649_300, 1_632_800]);
    expect(view.asks.map((l) => l.priceRaw)).toEqual([1_661_100, 1_661_200, 1_677_820]);
  });

  it('gives the slippage level the last level’s own price when slippageBps is 0', () => {
    const view = btcMarket(0).book('BTCUSDT');
    expect(view.bids[1]).toEqual({ priceRaw: 1_649_350, sizeRaw: bottomless });
    expect(view.asks[1]).toEqual({ priceRaw: 1_661_100, sizeRaw: bottomless });
  });

  // 10000.00 * 1.0011 is exactly 10011.00, on the grid; the float product 1000000 * (1 + 0.0011) is a hair above
  // 1001100, and Math.ceil used to move the level one tick further, to 10011.10.
  it('places a slippage level that lands exactly on a tick at that tick, with no extra tick from float error', () => {
    const market = new BacktestMarket({ slippageBps: 11, specs: [btc] });
    market.ingestBook(bookFrame({ symbol: 'BTCUSDT', bids: [['9990.00', '1.000']], asks: [['10000.00', '1.000']] }));
    expect(market.book('BTCUSDT').asks[1]?.priceRaw).toBe(1_001_100);
  });

  it('rebuilds the matching view after every book frame: deltas change and delete levels, a snapshot replaces', () => {
    const market = btcMarket(0);
    expect(market.book('BTCUSDT').bids[0]?.priceRaw).toBe(1_649_350);
    market.ingestBook(
      bookFrame({
        symbol: 'BTCUSDT',
        action: 'delta',
        updateId: 18_521_289,
        bids: [
          ['16493.50', '0'],
          ['16494.00', '0.500'],
        ],
        asks: [],
      }),
    );
    expect(market.book('BTCUSDT').bids).toEqual([
      { priceRaw: 1_649_400, sizeRaw: 500 },
      { priceRaw: 1_649_400, sizeRaw: bottomless },
    ]);
    expect(market.bestAsk('BTCUSDT')).toEqual({ priceRaw: 1_661_100, sizeRaw: 29 });
    market.ingestBook(bookFrame({ symbol: 'BTCUSDT', updateId: 18_521_290, bids: [['16400.00', '1.000']], asks: [['16401.00', '2.000']] }));
    expect(market.book('BTCUSDT').bids.map((l) => l.priceRaw)).toEqual([1_640_000, 1_640_000]);
    expect(market.book('BTCUSDT').asks.map((l) => l.priceRaw)).toEqual([1_640_100, 1_640_100]);
  });

  it('treats a delta with u = 1 as a restart of the book (Bybit’s rule), replacing every level', () => {
    const market = btcMarket(0);
    market.ingestBook(bookFrame({ symbol: 'BTCUSDT', action: 'delta', updateId: 1, bids: [['16000.00', '1.000']], asks: [['16000.10', '1.000']] }));
    expect(market.book('BTCUSDT').bids.map((l) => l.priceRaw)).toEqual([1_600_000, 1_600_000]);
    expect(market.book('BTCUSDT').asks.map((l) => l.priceRaw)).toEqual([1_600_010, 1_600_010]);
  });

  it('follows the deepest depth of a symbol from its first snapshot on, and leaves the shallower frames to the engine', () => {
    // A paper session's recording: the relayed orderbook.50 next to the orderbook.1 tops the engine received.
    const market = btcMarket(0);
    market.ingestBook(
      bookFrame({
        symbol: 'BTCUSDT',
        depth: 50,
        action: 'delta',
        bids: [['16490.00', '5.000']],
        asks: [],
      }),
    );
    // A delta of a deeper depth before its snapshot says nothing about the whole book: still the orderbook.1 book.
    expect(market.book('BTCUSDT').bids.map((l) => l.priceRaw)).toEqual([1_649_350, 1_649_350]);
    market.ingestBook(
      bookFrame({
        symbol: 'BTCUSDT',
        depth: 50,
        bids: [
          ['16493.50', '0.006'],
          ['16490.00', '5.000'],
        ],
        asks: [
          ['16611.00', '0.029'],
          ['16620.00', '3.000'],
        ],
      }),
    );
    // A new orderbook.1 top (one level) no longer replaces the 50-level book the matching walks.
    market.ingestBook(bookFrame({ symbol: 'BTCUSDT', bids: [['16493.50', '0.004']], asks: [['16611.00', '0.029']] }));
    expect(market.book('BTCUSDT').bids).toEqual([
      { priceRaw: 1_649_350, sizeRaw: 6 },
      { priceRaw: 1_649_000, sizeRaw: 5_000 },
      { priceRaw: 1_649_000, sizeRaw: bottomless },
    ]);
    market.ingestBook(bookFrame({ symbol: 'BTCUSDT', depth: 50, action: 'delta', updateId: 18_521_289, bids: [['16490.00', '0']], asks: [] }));
    expect(market.book('BTCUSDT').bids.map((l) => l.priceRaw)).toEqual([1_649_350, 1_649_350]);
    expect(market.book('BTCUSDT').asks.map((l) => l.priceRaw)).toEqual([1_661_100, 1_662_000, 1_662_000]);
  });

  it('leaves an empty side without a slippage level', () => {
    const market = new BacktestMarket({ slippageBps: 10, specs: [btc] });
    market.ingestBook(bookFrame({ symbol: 'BTCUSDT', bids: [['16493.50', '0.006']], asks: [] }));
    expect(market.book('BTCUSDT').asks).toEqual([]);
    expect(market.book('BTCUSDT').bids).toHaveLength(2);
    expect(market.bestAsk('BTCUSDT')).toBeNull();
  });

  it('counts a book frame whose prices need more decimals than the symbol has in badFrames and keeps the book', () => {
    const market = btcMarket(0);
    market.ingestBook(bookFrame({ symbol: 'BTCUSDT', bids: [['16493.555', '0.006']], asks: [['16611.00', '0.029']] }));
    expect(market.badFrames).toBe(1);
    expect(market.bestBid('BTCUSDT')).toEqual({ priceRaw: 1_649_350, sizeRaw: 6 });
  });

  it('ignores frames of symbols it was not given, and refuses to show their book', () => {
    const market = btcMarket();
    market.ingestBook(bookFrame({ symbol: 'ETHUSDT', bids: [['3000.00', '1.00']], asks: [['3000.01', '1.00']] }));
    expect(market.has('ETHUSDT')).toBe(false);
    expect(market.badFrames).toBe(0);
    expect(() => market.book('ETHUSDT')).toThrow('the replay has no symbol ETHUSDT');
    expect(market.ingestTrades(tradeFrame('ETHUSDT', [{ p: '3000.00', v: '1.00' }]), 5)).toEqual([]);
  });
});

describe('BacktestMarket trades', () => {
  it('parses the documented trade into raw integers at the symbol’s scales, stamped with the replay time', () => {
    const market = btcMarket();
    const trades = market.ingestTrades(tradeFrame('BTCUSDT', [{}]), 1_700_000_000_123);
    expect(trades).toEqual([
      {
        symbol: 'BTCUSDT',
        tsMs: 1_700_000_000_123,
        side: 'Buy',
        priceRaw: 1_657_850,
        sizeRaw: 1,
        tradeId: '20f43950-d8dd-5b31-9112-a178eb6023af',
        seq: 1,
      },
    ]);
    expect(market.lastPriceRaw('BTCUSDT')).toBe(1_657_850);
  });

  it('counts each bad trade item in badFrames and keeps the good items of the same frame, with consecutive seqs', () => {
    const market = btcMarket();
    const frame = tradeFrame('BTCUSDT', [
      { p: '16500.00', v: '0.010', S: 'Sell', i: 'a' },
      { p: 'abc', v: '0.010', i: 'bad-price' },
      { p: '16500.00', v: '0', i: 'zero-size' },
      { p: '16500.00', v: '0.0001', i: 'too-fine-size' },
      { p: '16500.00', v: '0.010', S: 'Up', i: 'bad-side' },
      { p: 16500, v: '0.010', i: 'number-price' },
      { p: '16501.10', v: '2.500', S: 'Buy', i: 'b' },
    ]);
    const trades = market.ingestTrades(frame, 10);
    expect(trades.map((t) => [t.tradeId, t.side, t.priceRaw, t.sizeRaw, t.seq])).toEqual([
      ['a', 'Sell', 1_650_000, 10, 1],
      ['b', 'Buy', 1_650_110, 2_500, 2],
    ]);
    expect(market.badFrames).toBe(5);
    expect(market.lastPriceRaw('BTCUSDT')).toBe(1_650_110);
  });

  it('makes up a trade id from the symbol and its sequence when the item has none', () => {
    const market = btcMarket();
    market.ingestTrades(tradeFrame('BTCUSDT', [{ i: 'x' }]), 1);
    const trades = market.ingestTrades(tradeFrame('BTCUSDT', [{ i: null }]), 2);
    expect(trades[0]?.tradeId).toBe('BTCUSDT-2');
    expect(trades[0]?.seq).toBe(2);
  });
});

describe('BacktestMarket tickers', () => {
  it('keeps a snapshot, merges a delta’s fields over it and lists the merged item in tickerItems()', () => {
    const market = new BacktestMarket({ slippageBps: 0, specs: [btc, sui] });
    expect(market.tickerItems()).toEqual([]);
    market.ingestTicker(
      tickerFrame('BTCUSDT', 'snapshot', { lastPrice: '16500.00', prevPrice24h: '16000.00', turnover24h: '1000000.0000', volume24h: '60.000' }),
    );
    market.ingestTicker(tickerFrame('BTCUSDT', 'delta', { lastPrice: '16510.10', volume24h: '61.000' }));
    expect(market.tickerItems()).toEqual([
      { symbol: 'BTCUSDT', lastPrice: '16510.10', prevPrice24h: '16000.00', turnover24h: '1000000.0000', volume24h: '61.000' },
    ]);
    // A later snapshot replaces the fields instead of merging.
    market.ingestTicker(tickerFrame('BTCUSDT', 'snapshot', { lastPrice: '16520.00' }));
    expect(market.tickerItems()).toEqual([{ symbol: 'BTCUSDT', lastPrice: '16520.00' }]);
  });

  it('takes a delta that comes before any snapshot as the first state', () => {
    const market = new BacktestMarket({ slippageBps: 0, specs: [sui] });
    market.ingestTicker(tickerFrame('SUIUSDT', 'delta', { lastPrice: '3.5240' }));
    expect(market.tickerItems()).toEqual([{ symbol: 'SUIUSDT', lastPrice: '3.5240' }]);
  });

  it('reports tickers() from the merged fields as raw integers, falling back to the last trade for a missing lastPrice', () => {
    const market = new BacktestMarket({ slippageBps: 0, specs: [btc, sui] });
    market.ingestBook(bookFrame({ symbol: 'BTCUSDT', bids: [['16493.50', '0.006']], asks: [['16611.00', '0.029']] }));
    market.ingestTicker(
      tickerFrame('BTCUSDT', 'snapshot', { lastPrice: '16500.00', prevPrice24h: '16000.00', turnover24h: '1000000.0000', volume24h: '60.000' }),
    );
    market.ingestTrades(tradeFrame('SUIUSDT', [{ p: '3.5240', v: '10', S: 'Sell' }]), 1);
    const [btcTicker, suiTicker] = market.tickers();
    expect(btcTicker).toEqual({
      symbol: 'BTCUSDT',
      lastPriceRaw: 1_650_000,
      prevPrice24hRaw: 1_600_000,
      turnover24h: '1000000.0000',
      volume24h: '60.000',
      bestBid: { priceRaw: 1_649_350, sizeRaw: 6 },
      bestAsk: { priceRaw: 1_661_100, sizeRaw: 29 },
      regime: 'quiet',
    });
    expect(suiTicker).toMatchObject({
      symbol: 'SUIUSDT',
      lastPriceRaw: 35_240,
      prevPrice24hRaw: 35_240,
      turnover24h: '0',
      volume24h: '0',
      bestBid: null,
    });
  });
});

describe('BacktestMarket symbols and options', () => {
  it('adds a symbol met later in the data, once: a second addSymbol keeps the first spec', () => {
    const market = new BacktestMarket({ slippageBps: 0 });
    expect(market.instruments()).toEqual([]);
    market.addSymbol(sui);
    market.addSymbol({ ...sui, tickSize: '0.001', priceDecimals: 3 });
    expect(market.instruments()).toEqual([sui]);
    expect(market.instrument('SUIUSDT')).toBe(sui);
    expect(market.has('SUIUSDT')).toBe(true);
    market.ingestBook(bookFrame({ symbol: 'SUIUSDT', bids: [['3.5230', '100']], asks: [['3.5250', '200']] }));
    expect(market.bestBid('SUIUSDT')).toEqual({ priceRaw: 35_230, sizeRaw: 100 });
  });

  it.each([-1, -0.01, Number.NaN, Number.POSITIVE_INFINITY])('refuses slippageBps %p naming the option', (slippageBps) => {
    expect(() => new BacktestMarket({ slippageBps })).toThrow(RangeError);
    expect(() => new BacktestMarket({ slippageBps })).toThrow(/^backtest\.slippageBps must be a finite number of at least 0/);
  });
});
