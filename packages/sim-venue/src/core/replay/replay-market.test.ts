import { describe, expect, it } from '@jest/globals';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { instrumentCatalog } from '../market/instrument-catalog.js';
import { parseReplayText, readReplayFile } from './replay-file.js';
import { ReplayMarket } from './replay-market.js';

const t0 = 1_700_000_000_000;

function snapshot(ts: number, bids: [string, string][], asks: [string, string][], u: number) {
  return { topic: 'orderbook.50.ABCUSDT', type: 'snapshot', ts, data: { s: 'ABCUSDT', b: bids, a: asks, u, seq: u }, cts: ts };
}

function delta(ts: number, bids: [string, string][], asks: [string, string][], u: number) {
  return { topic: 'orderbook.50.ABCUSDT', type: 'delta', ts, data: { s: 'ABCUSDT', b: bids, a: asks, u, seq: u }, cts: ts };
}

function trade(ts: number, price: string, size: string, side: 'Buy' | 'Sell', id: string) {
  return { topic: 'publicTrade.ABCUSDT', type: 'snapshot', ts, data: [{ T: ts, s: 'ABCUSDT', S: side, v: size, p: price, L: 'PlusTick', i: id, BT: false }] };
}

const recording = [
  JSON.stringify(snapshot(t0, [['10.00', '5.0'], ['9.99', '7.5']], [['10.01', '3.0'], ['10.02', '4.0']], 100)),
  JSON.stringify({ t: t0 + 1_000, f: trade(t0 + 1_000, '10.01', '1.5', 'Buy', 'trade-1') }),
  '{"this line is cut off',
  JSON.stringify(delta(t0 + 2_000, [['9.99', '0']], [['10.01', '1.5'], ['10.03', '2.0']], 101)),
  JSON.stringify({ t: t0 + 3_000, f: JSON.stringify(trade(t0 + 3_000, '10.00', '0.5', 'Sell', 'trade-2')) }),
].join('\n');

describe('replay file', () => {
  it('reads raw and wrapped frames, in time order, and skips lines it cannot use', () => {
    const file = parseReplayText(recording);
    expect(file.frames.map((f) => f.tsMs - t0)).toEqual([0, 1_000, 2_000, 3_000]);
    expect(file.skippedLines).toBe(1);
  });

  it('reads gzipped recordings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'replay-'));
    const path = join(dir, 'rec.jsonl.gz');
    writeFileSync(path, gzipSync(recording));
    expect(readReplayFile(path).frames).toHaveLength(4);
  });
});

describe('ReplayMarket', () => {
  const subscribed = new Set(['ABCUSDT']);

  it('rebuilds the book from snapshot and deltas and publishes consecutive changes', () => {
    const market = new ReplayMarket({ file: parseReplayText(recording), speed: 'max', startMs: 5, catalog: instrumentCatalog });
    expect(market.instrument('ABCUSDT')).toMatchObject({ tickSize: '0.01', qtyStep: '0.1', priceDecimals: 2, sizeDecimals: 1 });
    const step = market.advance(10, subscribed);
    expect(market.finished).toBe(true);
    expect(market.book('ABCUSDT')).toEqual({
      bids: [{ priceRaw: 1000, sizeRaw: 50 }],
      asks: [{ priceRaw: 1001, sizeRaw: 15 }, { priceRaw: 1002, sizeRaw: 40 }, { priceRaw: 1003, sizeRaw: 20 }],
      updateId: 1_001,
    });
    expect(step.bookChanges).toHaveLength(1);
    expect(step.trades.map((t) => [t.tradeId, t.priceRaw, t.sizeRaw, t.side, t.tsMs])).toEqual([
      ['trade-1', 1001, 15, 'Buy', 10],
      ['trade-2', 1000, 5, 'Sell', 10],
    ]);
  });

  it('keeps the recording\'s pace at speed 1 and doubles it at speed 2', () => {
    const real = new ReplayMarket({ file: parseReplayText(recording), speed: 1, startMs: 0, catalog: instrumentCatalog });
    expect(real.advance(1_500, subscribed).trades.map((t) => t.tradeId)).toEqual(['trade-1']);
    expect(real.progress.replayed).toBe(2);
    const fast = new ReplayMarket({ file: parseReplayText(recording), speed: 2, startMs: 0, catalog: instrumentCatalog });
    expect(fast.advance(1_500, subscribed).trades.map((t) => t.tradeId)).toEqual(['trade-1', 'trade-2']);
  });

  it('keeps books of unsubscribed symbols without publishing them', () => {
    const market = new ReplayMarket({ file: parseReplayText(recording), speed: 'max', startMs: 0, catalog: instrumentCatalog });
    const step = market.advance(1, new Set());
    expect(step).toEqual({ trades: [], bookChanges: [] });
    expect(market.bestBid('ABCUSDT')).toEqual({ priceRaw: 1000, sizeRaw: 50 });
    expect(market.tickers()[0]).toMatchObject({ symbol: 'ABCUSDT', lastPriceRaw: 1000, prevPrice24hRaw: 1001 });
  });

  it('counts frames with unusable levels or trades instead of failing', () => {
    const bad = [JSON.stringify(snapshot(t0, [['x', '1']], [], 1)), JSON.stringify(trade(t0 + 1, '-1', '1', 'Buy', 'bad'))].join('\n');
    const market = new ReplayMarket({ file: parseReplayText(bad), speed: 'max', startMs: 0, catalog: instrumentCatalog });
    market.advance(1, subscribed);
    expect(market.badFrames).toBe(2);
  });

  it('refuses a speed that is neither max nor positive', () => {
    expect(() => new ReplayMarket({ file: parseReplayText(recording), speed: 0, startMs: 0, catalog: instrumentCatalog })).toThrow(/replay speed/);
  });
});
