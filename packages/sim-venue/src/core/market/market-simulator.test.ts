import { describe, expect, it } from '@jest/globals';
import type { BookChange, SimTrade, TickerState } from '../venue-types.js';
import { instrumentCatalog } from './instrument-catalog.js';
import { MarketSimulator } from './market-simulator.js';
import { bookProblems, BookMirror } from './test-support/book-checks.js';

const none: ReadonlySet<string> = new Set();

function change24h(ticker: TickerState): number {
  return (ticker.lastPriceRaw - ticker.prevPrice24hRaw) / ticker.prevPrice24hRaw;
}

/** The engine's scanner: turnover24h × |price24hPcnt|, switching only when a new top beats the current by 1.2x. */
function scannerTops(sim: MarketSimulator, minutes: number): string[] {
  const tops: string[] = [];
  let current: string | undefined;
  for (let t = 0; t <= minutes * 60_000; t += 1000) {
    sim.advance(t, none);
    if (t % 60_000 !== 0) continue;
    const scores = new Map(sim.tickers(t).map((x) => [x.symbol, Number(x.turnover24h) * Math.abs(change24h(x))]));
    const [best, bestScore] = [...scores.entries()].reduce((a, b) => (b[1] > a[1] ? b : a));
    if (current === undefined || (best !== current && bestScore > 1.2 * (scores.get(current) ?? 0))) current = best;
    tops.push(current);
  }
  return tops;
}

describe('market simulator', () => {
  it('lists the catalog and reports a sound ticker for every symbol', () => {
    const sim = new MarketSimulator({ startMs: 1_700_000_000_000, profile: 'calm' });
    expect(sim.instruments()).toBe(instrumentCatalog);
    const tickers = sim.tickers(1_700_000_060_000);
    expect(tickers.map((t) => t.symbol)).toEqual(instrumentCatalog.map((s) => s.symbol));
    for (const ticker of tickers) {
      expect(ticker.turnover24h).toMatch(/^\d+\.\d{4}$/);
      expect(ticker.volume24h).toMatch(/^\d+(\.\d+)?$/);
      expect(Number(ticker.turnover24h)).toBeGreaterThan(0);
      expect(ticker.prevPrice24hRaw).toBeGreaterThan(0);
      expect(Math.abs(change24h(ticker))).toBeLessThan(0.5);
      expect(ticker.bestBid!.priceRaw).toBeLessThan(ticker.bestAsk!.priceRaw);
      expect(['quiet', 'trending', 'volatile']).toContain(ticker.regime);
    }
  });

  it('publishes trades and book changes for subscribed symbols only', () => {
    const sim = new MarketSimulator({ startMs: 0, tradesPerSecondPerSymbol: 100, profile: 'calm' });
    const subscribed = new Set(['ETHUSDT', 'WIFUSDT', 'NOTLISTED']);
    const symbols = new Set<string>();
    for (let t = 20; t <= 10_000; t += 20) {
      const { trades, bookChanges } = sim.advance(t, subscribed);
      for (const trade of trades) symbols.add(trade.symbol);
      for (const change of bookChanges) symbols.add(change.symbol);
      expect(bookChanges.length).toBeLessThanOrEqual(2);
    }
    expect([...symbols].sort()).toEqual(['ETHUSDT', 'WIFUSDT']);
  });

  it.each([
    ['shorter than one price step', 5, 7],
    ['spanning several steps', 300, 0],
  ])('moves the mid by the whole scripted impulse when it is %s', (_label, durationMs, startOffsetMs) => {
    const subscribed = new Set(['SOLUSDT']);
    const plain = new MarketSimulator({ startMs: 0, seed: 8, profile: 'calm' });
    const pushed = new MarketSimulator({ startMs: 0, seed: 8, profile: 'calm' });
    for (let t = 10; t <= 1_000; t += 10) {
      plain.advance(t, subscribed);
      pushed.advance(t, subscribed);
    }
    pushed.impulse('SOLUSDT', 1_000 + startOffsetMs, 1, durationMs);
    for (let t = 1_010; t <= 1_600; t += 10) {
      plain.advance(t, subscribed);
      pushed.advance(t, subscribed);
    }
    // Same seed, same draws: the only difference is the scripted +1 % (and the mean reversion it pauses).
    expect(pushed.market('SOLUSDT').midPrice / plain.market('SOLUSDT').midPrice).toBeCloseTo(1.01, 3);
  });

  it('keeps every tape at the configured rate in every regime when the rate is steady', () => {
    // Over 10 minutes regimes change; a regime-following tape drifts from 1000/s, a steady one stays within Poisson noise.
    const countPerMinute = (steadyTradeRate: boolean): number[] => {
      const sim = new MarketSimulator({ startMs: 0, seed: 5, tradesPerSecondPerSymbol: 1000, steadyTradeRate, profile: 'calm' });
      const subscribed = new Set(['SOLUSDT']);
      const counts: number[] = [];
      let count = 0;
      for (let t = 10; t <= 10 * 60_000; t += 10) {
        count += sim.advance(t, subscribed).trades.length;
        if (t % 60_000 === 0) {
          counts.push(count);
          count = 0;
        }
      }
      return counts;
    };
    for (const perMinute of countPerMinute(true)) expect(Math.abs(perMinute - 60_000)).toBeLessThan(1_500); // ~6 sigma
    expect(countPerMinute(false).some((perMinute) => Math.abs(perMinute - 60_000) > 3_000)).toBe(true);
  });

  it('generates 500,000 trades at 50,000 a second with every invariant intact', () => {
    const sim = new MarketSimulator({ startMs: 0, seed: 11, tradesPerSecondPerSymbol: 5000, profile: 'calm' });
    const subscribed = new Set(instrumentCatalog.slice(0, 10).map((spec) => spec.symbol));
    const mirrors = new Map([...subscribed].map((symbol) => [symbol, new BookMirror(sim.book(symbol))]));
    const lastSeq = new Map<string, number>();
    const ids = new Set<string>();
    const problems: string[] = [];
    let count = 0;
    let t = 0;
    while (count < 500_000) {
      const from = t;
      t += 10;
      const { trades, bookChanges } = sim.advance(t, subscribed);
      for (const trade of trades) {
        const previous = lastSeq.get(trade.symbol);
        if (!subscribed.has(trade.symbol)) problems.push(`${trade.tradeId}: unsubscribed ${trade.symbol}`);
        if (previous !== undefined && trade.seq !== previous + 1) problems.push(`${trade.tradeId}: seq gap`);
        if (trade.tsMs < from || trade.tsMs > t) problems.push(`${trade.tradeId}: time ${trade.tsMs} outside`);
        if (!(trade.sizeRaw > 0) || !(trade.priceRaw > 0)) problems.push(`${trade.tradeId}: empty print`);
        lastSeq.set(trade.symbol, trade.seq);
        ids.add(trade.tradeId);
      }
      for (const change of bookChanges) mirrors.get(change.symbol)?.apply(change);
      count += trades.length;
    }
    expect(problems).toEqual([]);
    expect(ids.size).toBe(count);
    // Ten symbols at an average of 5,000/s each: about 50,000 trades per second of venue time.
    expect(count / (t / 1000)).toBeGreaterThan(35_000);
    for (const [symbol, mirror] of mirrors) {
      expect(mirror.gaps).toEqual([]);
      expect(mirror.view()).toEqual(sim.book(symbol));
      expect(bookProblems(sim.book(symbol), sim.market(symbol).spec)).toEqual([]);
    }
  });

  it('changes the scanner’s top symbol within 30 minutes', () => {
    const tops = scannerTops(new MarketSimulator({ startMs: 0, seed: 1, profile: 'calm' }), 30);
    expect(new Set(tops).size).toBeGreaterThan(1);
  });

  it('raises turnover and the 24h change while a symbol is volatile', () => {
    const sim = new MarketSimulator({ startMs: 0, seed: 1, profile: 'calm' });
    const sums = { quiet: [0, 0, 0], trending: [0, 0, 0], volatile: [0, 0, 0] };
    for (let t = 0; t <= 60 * 60_000; t += 1000) {
      sim.advance(t, none);
      if (t % 30_000 !== 0) continue;
      for (const ticker of sim.tickers(t)) {
        const start = Number(sim.instrument(ticker.symbol)?.startTurnover24h);
        const sum = sums[ticker.regime];
        sum[0]! += Number(ticker.turnover24h) / start;
        sum[1]! += Math.abs(change24h(ticker));
        sum[2]! += 1;
      }
    }
    const mean = (regime: keyof typeof sums, i: number): number => sums[regime][i]! / sums[regime][2]!;
    expect(mean('volatile', 0)).toBeGreaterThan(1.2 * mean('quiet', 0));
    expect(mean('volatile', 1)).toBeGreaterThan(1.1 * mean('quiet', 1));
  });

  it('replays the same market for the same seed', () => {
    const runOnce = (): [SimTrade[], BookChange[], TickerState[]] => {
      const sim = new MarketSimulator({ startMs: 0, seed: 5, profile: 'calm' });
      const trades: SimTrade[] = [];
      const changes: BookChange[] = [];
      for (let t = 50; t <= 30_000; t += 50) {
        const out = sim.advance(t, new Set(['BTCUSDT', 'SEIUSDT']));
        trades.push(...out.trades);
        changes.push(...out.bookChanges);
      }
      return [trades, changes, sim.tickers(30_000)];
    };
    expect(runOnce()).toEqual(runOnce());
  });

  it('bounds the work of one advance after a long stall', () => {
    const sim = new MarketSimulator({ startMs: 0, tradesPerSecondPerSymbol: 5000, maxTradesPerAdvance: 1000, profile: 'calm' });
    const subscribed = new Set(['BTCUSDT', 'ETHUSDT', 'SOLUSDT']);
    sim.advance(100, subscribed);
    const { trades, bookChanges } = sim.advance(6 * 3_600_000, subscribed);
    expect(trades.length).toBeLessThanOrEqual(3 * 1000);
    expect(bookChanges).toHaveLength(3);
    for (const symbol of subscribed) expect(bookProblems(sim.book(symbol), sim.market(symbol).spec)).toEqual([]);
  });

  it('moves unsubscribed symbols for tickers but leaves subscribed ones to advance', () => {
    const sim = new MarketSimulator({ startMs: 0, profile: 'calm' });
    sim.advance(1000, new Set(['BTCUSDT']));
    sim.tickers(120_000);
    expect(sim.market('BTCUSDT').nowMs).toBe(1000);
    expect(sim.market('ETHUSDT').nowMs).toBe(120_000);
  });

  it('answers nothing for a symbol it does not list', () => {
    const sim = new MarketSimulator({ startMs: 0, profile: 'calm' });
    expect(sim.has('NOPEUSDT')).toBe(false);
    expect(sim.instrument('NOPEUSDT')).toBeUndefined();
    expect(() => sim.book('NOPEUSDT')).toThrow(/does not list NOPEUSDT/);
    expect(sim.has('BTCUSDT')).toBe(true);
    expect(sim.bestBid('BTCUSDT')!.priceRaw).toBeLessThan(sim.bestAsk('BTCUSDT')!.priceRaw);
  });

  it('refuses options that cannot run, naming the option', () => {
    expect(() => new MarketSimulator({ startMs: Number.NaN })).toThrow(/market\.startMs/);
    expect(() => new MarketSimulator({ startMs: 0, tradesPerSecondPerSymbol: -1 })).toThrow(/market\.tradesPerSec/);
    expect(() => new MarketSimulator({ startMs: 0, dayWindowMs: 0 })).toThrow(/market\.dayWindowMs/);
    expect(() => new MarketSimulator({ startMs: 0, catalog: [] })).toThrow(/market\.catalog/);
    const btc = instrumentCatalog[0]!;
    expect(() => new MarketSimulator({ startMs: 0, catalog: [btc, btc] })).toThrow(/BTCUSDT twice/);
  });
});

describe('the live-like market', () => {
  const start = Date.UTC(2025, 0, 6);

  /** WIFUSDT's trades from `fromMs` on, with the symbol subscribed from `subscribeAtMs` and advances every `tickMs`. */
  function tape(subscribeAtMs: number, tickMs: number, untilMs: number): string[] {
    const sim = new MarketSimulator({ startMs: start, seed: 21 });
    const out: string[] = [];
    for (let t = start + tickMs; t <= start + untilMs; t += tickMs) {
      const subscribed = t >= start + subscribeAtMs ? new Set(['WIFUSDT']) : none;
      if (t % 1_000 === 0) sim.tickers(t);
      for (const trade of sim.advance(t, subscribed).trades)
        if (trade.tsMs >= start + 60_000) out.push(`${trade.tsMs} ${trade.side} ${trade.priceRaw} ${trade.sizeRaw} ${trade.tradeId}`);
    }
    return out;
  }

  it('replays the same market for a seed whoever subscribes when and however often it is advanced', () => {
    const early = tape(0, 10, 90_000);
    expect(early.length).toBeGreaterThan(100);
    // Subscribed 50 s later and advanced at another cadence: from the moment both watch, the same trades, ids included.
    expect(tape(50_000, 25, 90_000)).toEqual(early);
  });

  it('refuses an unknown market profile', () => {
    expect(() => new MarketSimulator({ startMs: 0, profile: 'wild' as never })).toThrow(/market\.profile must be live-like or calm/);
  });
});
