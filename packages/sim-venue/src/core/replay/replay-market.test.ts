// Tests of the replay market (Jest thread): books rebuilt from snapshots and deltas, trades restamped, the recording's
// pace, and frames streamed a batch at a time from a source, as @scalper/recording's reader gives them.

import { describe, expect, it } from '@jest/globals';
import { parseRecordingLine } from '@scalper/recording';
import { instrumentCatalog } from '../market/instrument-catalog.js';
import { ReplaySymbolScan } from './replay-instruments.js';
import { ReplayMarket, type ReplayLine, type ReplayLineSource, type ReplaySpeed } from './replay-market.js';

const t0 = 1_700_000_000_000;

function snapshot(ts: number, bids: [string, string][], asks: [string, string][], u: number) {
  return { topic: 'orderbook.50.ABCUSDT', type: 'snapshot', ts, data: { s: 'ABCUSDT', b: bids, a: asks, u, seq: u }, cts: ts };
}

function delta(ts: number, bids: [string, string][], asks: [string, string][], u: number) {
  return { topic: 'orderbook.50.ABCUSDT', type: 'delta', ts, data: { s: 'ABCUSDT', b: bids, a: asks, u, seq: u }, cts: ts };
}

function trade(ts: number, price: string, size: string, side: 'Buy' | 'Sell', id: string) {
  return {
    topic: 'publicTrade.ABCUSDT',
    type: 'snapshot',
    ts,
    data: [{ T: ts, s: 'ABCUSDT', S: side, v: size, p: price, L: 'PlusTick', i: id, BT: false }],
  };
}

const recording = [
  JSON.stringify(
    snapshot(
      t0,
      [
        ['10.00', '5.0'],
        ['9.99', '7.5'],
      ],
      [
        ['10.01', '3.0'],
        ['10.02', '4.0'],
      ],
      100,
    ),
  ),
  JSON.stringify({ t: t0 + 1_000, f: trade(t0 + 1_000, '10.01', '1.5', 'Buy', 'trade-1') }),
  '{"this line is cut off',
  JSON.stringify(
    delta(
      t0 + 2_000,
      [['9.99', '0']],
      [
        ['10.01', '1.5'],
        ['10.03', '2.0'],
      ],
      101,
    ),
  ),
  JSON.stringify({ t: t0 + 3_000, f: JSON.stringify(trade(t0 + 3_000, '10.00', '0.5', 'Sell', 'trade-2')) }),
].join('\n');

/** The text's frames in batches of `batchSize`, as the streaming reader hands them over; counts the batches read. */
function sourceOf(text: string, batchSize = 2): ReplayLineSource & { readonly reads: () => number } {
  const lines: ReplayLine[] = [];
  for (const line of text.split('\n')) {
    const parsed = parseRecordingLine(line);
    if (parsed.kind === 'frame') lines.push(parsed);
  }
  let next = 0;
  let reads = 0;
  return {
    reads: () => reads,
    nextBatch: async () => {
      reads++;
      if (next >= lines.length) return null;
      const batch = lines.slice(next, next + batchSize);
      next += batchSize;
      return batch;
    },
  };
}

async function replayOf(text: string, speed: ReplaySpeed, startMs: number, batchSize = 2): Promise<ReplayMarket> {
  const scan = new ReplaySymbolScan();
  for (const line of text.split('\n')) {
    const parsed = parseRecordingLine(line);
    if (parsed.kind === 'frame') scan.noteFrame(JSON.parse(parsed.text) as Record<string, unknown>);
  }
  const market = new ReplayMarket({
    source: sourceOf(text, batchSize),
    specs: scan.specs([], instrumentCatalog),
    speed,
    startMs,
    readAheadFrames: 3,
  });
  await market.ready();
  return market;
}

/** Lets the background reads land. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('ReplayMarket', () => {
  const subscribed = new Set(['ABCUSDT']);

  it('rebuilds the book from snapshot and deltas and publishes consecutive changes', async () => {
    const market = await replayOf(recording, 'max', 5, 10);
    expect(market.instrument('ABCUSDT')).toMatchObject({ tickSize: '0.01', qtyStep: '0.1', priceDecimals: 2, sizeDecimals: 1 });
    const step = market.advance(10, subscribed);
    await settle();
    expect(market.finished).toBe(true);
    expect(market.book('ABCUSDT')).toEqual({
      bids: [{ priceRaw: 1000, sizeRaw: 50 }],
      asks: [
        { priceRaw: 1001, sizeRaw: 15 },
        { priceRaw: 1002, sizeRaw: 40 },
        { priceRaw: 1003, sizeRaw: 20 },
      ],
      updateId: 1_001,
    });
    expect(step.bookChanges).toHaveLength(1);
    expect(step.trades.map((t) => [t.tradeId, t.priceRaw, t.sizeRaw, t.side, t.tsMs])).toEqual([
      ['trade-1', 1001, 15, 'Buy', 10],
      ['trade-2', 1000, 5, 'Sell', 10],
    ]);
  });

  it("keeps the recording's pace at speed 1 and doubles it at speed 2", async () => {
    const real = await replayOf(recording, 1, 0, 10);
    expect(real.advance(1_500, subscribed).trades.map((t) => t.tradeId)).toEqual(['trade-1']);
    expect(real.progress.replayed).toBe(2);
    const fast = await replayOf(recording, 2, 0, 10);
    expect(fast.advance(1_500, subscribed).trades.map((t) => t.tradeId)).toEqual(['trade-1', 'trade-2']);
  });

  it('streams the recording a batch at a time, reading ahead only a few frames, and replays every frame in order', async () => {
    const frames = Array.from({ length: 40 }, (_, i) => JSON.stringify({ t: t0 + i, f: trade(t0 + i, '10.00', '1.0', 'Buy', `trade-${i}`) }));
    const source = sourceOf(frames.join('\n'), 2);
    const scan = new ReplaySymbolScan();
    scan.noteFrame(trade(t0, '10.00', '1.0', 'Buy', 'x'));
    const market = new ReplayMarket({
      source,
      specs: scan.specs([], instrumentCatalog),
      speed: 'max',
      startMs: 0,
      readAheadFrames: 4,
      framesPerAdvanceAtMax: 3,
    });
    await market.ready();
    const ids: string[] = [];
    for (let step = 0; step < 100 && !market.finished; step++) {
      // Never more than the read-ahead plus one batch in memory.
      expect(market.progress.buffered).toBeLessThanOrEqual(4 + 2);
      ids.push(...market.advance(step, subscribed).trades.map((t) => t.tradeId));
      await settle();
    }
    expect(ids).toEqual(frames.map((_, i) => `trade-${i}`));
    expect(source.reads()).toBe(21);
  });

  it('keeps books of unsubscribed symbols without publishing them', async () => {
    const market = await replayOf(recording, 'max', 0, 10);
    const step = market.advance(1, new Set());
    expect(step).toEqual({ trades: [], bookChanges: [] });
    expect(market.bestBid('ABCUSDT')).toEqual({ priceRaw: 1000, sizeRaw: 50 });
    expect(market.tickers()[0]).toMatchObject({ symbol: 'ABCUSDT', lastPriceRaw: 1000, prevPrice24hRaw: 1001 });
  });

  it('counts frames with unusable levels or trades instead of failing', async () => {
    const bad = [JSON.stringify(snapshot(t0, [['x', '1']], [], 1)), JSON.stringify(trade(t0 + 1, '-1', '1', 'Buy', 'bad'))].join('\n');
    const market = await replayOf(bad, 'max', 0);
    market.advance(1, subscribed);
    expect(market.badFrames).toBe(2);
  });

  it('refuses a speed that is neither max nor positive', () => {
    expect(() => new ReplayMarket({ source: sourceOf(recording), specs: [], speed: 0, startMs: 0 })).toThrow(/replay speed/);
  });

  it('surfaces a read error on the next advance instead of going quiet', async () => {
    const failing: ReplayLineSource = { nextBatch: () => Promise.reject(new Error('unexpected end of file')) };
    const market = new ReplayMarket({ source: failing, specs: [], speed: 'max', startMs: 0 });
    await expect(market.ready()).rejects.toThrow(/unexpected end of file/);
    expect(() => market.advance(1, subscribed)).toThrow(/unexpected end of file/);
  });
});
