import { describe, expect, it } from '@jest/globals';
import type { BookChange, BookView, InstrumentSpec, SimTrade } from '../venue-types.js';
import { findInstrument, instrumentCatalog } from './instrument-catalog.js';
import { kStepMs, SymbolMarket, type SymbolMarketOptions } from './symbol-market.js';
import { bookProblems, BookMirror } from './test-support/book-checks.js';

function spec(symbol: string): InstrumentSpec {
  const found = findInstrument(instrumentCatalog, symbol);
  if (found === undefined) throw new Error(`no ${symbol} in the catalog`);
  return found;
}

function market(symbol: string, overrides: Partial<SymbolMarketOptions> = {}): SymbolMarket {
  return new SymbolMarket({
    spec: spec(symbol),
    seed: 7,
    startMs: 0,
    tradesPerSecond: 20,
    dayWindowMs: 20 * 60_000,
    symbolIndex: 3,
    maxTradesPerAdvance: 10_000,
    ...overrides,
  });
}

interface Run {
  trades: SimTrade[];
  changes: BookChange[];
}

function run(m: SymbolMarket, untilMs: number, everyMs: number, publish = true): Run {
  const trades: SimTrade[] = [];
  const changes: BookChange[] = [];
  for (let t = m.nowMs + everyMs; t <= untilMs; t += everyMs) {
    const change = m.advance(t, publish, trades);
    if (change !== null) changes.push(change);
  }
  return { trades, changes };
}

/**
 * Replays one advance's trades against the book before it, as the venue must have: each at the touch of its side,
 * no larger than that level, which shrinks or goes. Returns the book after them, or a problem.
 */
function eat(book: BookView, trades: readonly SimTrade[]): BookView | string {
  let { bids, asks } = book;
  for (const trade of trades) {
    const side = trade.side === 'Buy' ? asks : bids;
    const [best, ...rest] = side;
    if (best === undefined) return `trade ${trade.seq} on an empty side`;
    if (best.priceRaw !== trade.priceRaw) return `trade ${trade.seq} at ${trade.priceRaw}, touch ${best.priceRaw}`;
    if (trade.sizeRaw > best.sizeRaw) return `trade ${trade.seq} larger than the touch`;
    const left = best.sizeRaw === trade.sizeRaw ? rest : [{ ...best, sizeRaw: best.sizeRaw - trade.sizeRaw }, ...rest];
    if (trade.side === 'Buy') asks = left;
    else bids = left;
  }
  return { bids, asks, updateId: book.updateId };
}

function sameTouch(a: BookView, b: BookView): boolean {
  return JSON.stringify([a.bids[0], a.asks[0]]) === JSON.stringify([b.bids[0], b.asks[0]]);
}

describe('symbol market book', () => {
  it.each(['BTCUSDT', 'SOLUSDT', '1000PEPEUSDT', 'SUIUSDT'])('keeps the %s book sound through ten minutes of regimes', (symbol) => {
    const m = market(symbol, { tradesPerSecond: 200 });
    expect(bookProblems(m.book(), m.spec)).toEqual([]);
    for (let t = 50; t <= 10 * 60_000; t += 50) {
      m.advance(t, true, []);
      if (t % 1000 === 0) expect(bookProblems(m.book(), m.spec)).toEqual([]);
    }
  });

  it('keeps the spread between one and three ticks right after each re-centre', () => {
    const m = market('ETHUSDT');
    const tick = 1; // ETHUSDT: tickSize 0.01 at 2 decimals
    for (let t = kStepMs; t <= 60_000; t += kStepMs) {
      // Trades due at or before a step print before it, so advancing exactly to a step ends on a fresh re-centre.
      m.advance(t, true, []);
      const book = m.book();
      const spread = (book.asks[0]?.priceRaw ?? 0) - (book.bids[0]?.priceRaw ?? 0);
      expect(spread).toBeGreaterThanOrEqual(tick);
      expect(spread).toBeLessThanOrEqual(3 * tick);
    }
  });

  it('publishes changes that rebuild the book exactly, with consecutive updateIds', () => {
    const m = market('BTCUSDT', { tradesPerSecond: 500 });
    const mirror = new BookMirror(m.book());
    const { changes } = run(m, 120_000, 20);
    expect(changes.length).toBeGreaterThan(1000);
    for (const change of changes) mirror.apply(change);
    expect(mirror.gaps).toEqual([]);
    expect(mirror.view()).toEqual(m.book());
  });

  it('prints every trade at the touch and takes its size from that level', () => {
    const m = market('XRPUSDT', { tradesPerSecond: 2000 });
    let checked = 0;
    const problems: string[] = [];
    for (let t = 1; t <= 20_000; t++) {
      const before = m.book();
      const trades: SimTrade[] = [];
      m.advance(t, true, trades);
      // An advance that crosses a step re-centres the book between trades; the others trade against `before`.
      if (t % kStepMs === 0) continue;
      const expected = eat(before, trades);
      const after = m.book();
      if (typeof expected === 'string') problems.push(expected);
      else if (!sameTouch(after, expected)) problems.push(`touch after ${t} ms differs from the replay`);
      checked += trades.length;
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(10_000);
  });
});

describe('symbol market tape', () => {
  it('prints trades on the grids, in time order, with unique ids and consecutive seqs', () => {
    const m = market('SUIUSDT', { tradesPerSecond: 300 });
    const { trades } = run(m, 60_000, 7);
    expect(trades.length).toBeGreaterThan(10_000);
    const ids = new Set<string>();
    const problems: string[] = [];
    let previous: SimTrade | undefined;
    for (const trade of trades) {
      const where = `trade ${trade.seq}`;
      if (trade.symbol !== 'SUIUSDT') problems.push(`${where}: symbol ${trade.symbol}`);
      // SUIUSDT: tick 0.0001 at 4 decimals is 1 raw; qtyStep and minOrderQty 10 at 0 decimals.
      if (!Number.isSafeInteger(trade.priceRaw) || trade.priceRaw <= 0) problems.push(`${where}: price`);
      if (trade.sizeRaw % 10 !== 0 || trade.sizeRaw < 10) problems.push(`${where}: size ${trade.sizeRaw}`);
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-4003-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(trade.tradeId)) {
        problems.push(`${where}: id ${trade.tradeId}`);
      }
      if (previous !== undefined && trade.seq !== previous.seq + 1) problems.push(`${where}: seq gap`);
      if (previous !== undefined && trade.tsMs < previous.tsMs) problems.push(`${where}: time goes back`);
      ids.add(trade.tradeId);
      previous = trade;
    }
    expect(problems).toEqual([]);
    expect(ids.size).toBe(trades.length);
  });

  it('averages about the configured trade rate', () => {
    const m = market('LINKUSDT', { tradesPerSecond: 50 });
    const { trades } = run(m, 30 * 60_000, 100);
    const perSecond = trades.length / 1800;
    expect(perSecond).toBeGreaterThan(25);
    expect(perSecond).toBeLessThan(100);
  });

  it('leans takers towards the side the mid is moving', () => {
    const m = market('ETHUSDT', { tradesPerSecond: 200 });
    let risingBuys = 0;
    let risingAll = 0;
    let fallingBuys = 0;
    let fallingAll = 0;
    for (let t = 1000; t <= 20 * 60_000; t += 1000) {
      const before = m.midPrice;
      const trades: SimTrade[] = [];
      m.advance(t, true, trades);
      const buys = trades.filter((trade) => trade.side === 'Buy').length;
      if (m.midPrice > before) {
        risingBuys += buys;
        risingAll += trades.length;
      } else {
        fallingBuys += buys;
        fallingAll += trades.length;
      }
    }
    expect(risingBuys / risingAll).toBeGreaterThan(fallingBuys / fallingAll + 0.03);
  });

  it('replays exactly for the same seed and differs for another', () => {
    const a = run(market('WIFUSDT'), 120_000, 25);
    const b = run(market('WIFUSDT'), 120_000, 25);
    const c = run(market('WIFUSDT', { seed: 8 }), 120_000, 25);
    expect(a).toEqual(b);
    expect(c.trades.map((t) => t.priceRaw)).not.toEqual(a.trades.map((t) => t.priceRaw));
  });

  it('prints the same tape however finely time is cut', () => {
    const coarse = market('DOGEUSDT', { tradesPerSecond: 100 });
    const fine = market('DOGEUSDT', { tradesPerSecond: 100 });
    const a = run(coarse, 60_000, 250);
    const b = run(fine, 60_000, 3);
    expect(b.trades).toEqual(a.trades);
    expect(fine.book()).toEqual({ ...coarse.book(), updateId: fine.book().updateId });
  });
});

describe('symbol market over long gaps and subscriptions', () => {
  it('bounds the work of one advance over a day, skipping the older tape', () => {
    const m = market('BTCUSDT', { tradesPerSecond: 5000, maxTradesPerAdvance: 2000 });
    run(m, 1000, 10);
    // 3000 coarse steps of exactly 2^15 ms, so the last one lands on the advance's end.
    const endMs = 1000 + 3000 * 32_768;
    const trades: SimTrade[] = [];
    const change = m.advance(endMs, true, trades);
    expect(trades.length).toBeGreaterThan(0);
    expect(trades.length).toBeLessThanOrEqual(2000);
    expect(trades[0]?.tsMs).toBeGreaterThan(endMs - 1000);
    expect(m.skippedTapeMs).toBeGreaterThan(86_000_000);
    expect(change).not.toBeNull();
    expect(bookProblems(m.book(), m.spec)).toEqual([]);
    const ticker = m.ticker();
    expect(Number(ticker.turnover24h)).toBeGreaterThan(0);
    expect(ticker.prevPrice24hRaw).toBeGreaterThan(0);
    // Back to the normal pace at once: the mid moves on every 20 ms step of the next second.
    const mids = new Set<number>();
    for (let t = endMs + 20; t <= endMs + 1000; t += 20) {
      m.advance(t, true, []);
      mids.add(m.midPrice);
    }
    expect(mids.size).toBe(50);
  });

  it('walks a week of unsubscribed time in bounded coarse steps and still reads a sound book', () => {
    const m = market('1000BONKUSDT');
    m.advance(7 * 86_400_000, false, []);
    expect(m.lastPriceRaw).toBeGreaterThan(0);
    expect(Number.isFinite(m.turnover24h)).toBe(true);
    expect(bookProblems(m.book(), m.spec)).toEqual([]);
  });

  it('moves price, regime and rolling day alike whether or not anyone subscribes', () => {
    // Subscribed symbols step every 20 ms and the others every second: different paths, the same statistics.
    const moves = (publish: boolean): number[] => {
      const out: number[] = [];
      for (let seed = 1; seed <= 40; seed++) {
        const m = market('AVAXUSDT', { seed });
        m.advance(5 * 60_000, publish, []);
        out.push(Math.log(m.midPrice / 38.25) ** 2, m.turnover24h / 210e6);
      }
      return out;
    };
    const mean = (values: number[], parity: number): number =>
      values.filter((_, i) => i % 2 === parity).reduce((a, b) => a + b, 0) / (values.length / 2);
    const watched = moves(true);
    const unwatched = moves(false);
    expect(mean(unwatched, 0) / mean(watched, 0)).toBeGreaterThan(0.5);
    expect(mean(unwatched, 0) / mean(watched, 0)).toBeLessThan(2);
    expect(mean(unwatched, 1) / mean(watched, 1)).toBeCloseTo(1, 1);
  });

  it('reads the same path for the same calls, however often the book is read', () => {
    const read = market('AVAXUSDT');
    const unread = market('AVAXUSDT');
    for (let t = 1000; t <= 10 * 60_000; t += 1000) {
      read.advance(t, false, []);
      unread.advance(t, false, []);
      read.book();
    }
    expect(read.midPrice).toBe(unread.midPrice);
    expect(read.turnover24h).toBe(unread.turnover24h);
  });

  it('catches up an unfollowed book on read and carries on in deltas after a resubscribe', () => {
    const m = market('ADAUSDT', { tradesPerSecond: 100 });
    run(m, 10_000, 20);
    run(m, 70_000, 1000, false);
    expect(m.isLive).toBe(false);
    const snapshot = m.book();
    expect(bookProblems(snapshot, m.spec)).toEqual([]);
    const mirror = new BookMirror(snapshot);
    const { changes } = run(m, 100_000, 20);
    for (const change of changes) mirror.apply(change);
    expect(mirror.gaps).toEqual([]);
    expect(mirror.view()).toEqual(m.book());
  });

  it('refuses options that cannot run', () => {
    expect(() => market('BTCUSDT', { tradesPerSecond: 0 })).toThrow(/tradesPerSecond/);
    expect(() => market('BTCUSDT', { symbolIndex: 5000 })).toThrow(/symbol index/);
  });
});
