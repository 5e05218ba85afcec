// Tests of the offline dataset generator (generator thread): deterministic bytes per seed, the venue's frame
// shapes and cadences, receive times 1-5 ms after venue time and never decreasing.

import { describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRecording } from '@scalper/recording';
import { generateDataset, type GenerateDatasetOptions } from './generate-dataset.js';

const dir = mkdtempSync(join(tmpdir(), 'generate-'));
const base: GenerateDatasetOptions = {
  symbols: ['SUIUSDT', 'WIFUSDT', '1000PEPEUSDT'],
  hours: 2 / 60,
  seed: 7,
  tradesPerSecond: 3,
  startMs: Date.UTC(2025, 0, 6),
  file: '',
};

// Each case generates a few recordings of the whole 25-symbol market (a second or two each on a busy machine).
jest.setTimeout(60_000);

describe('generateDataset', () => {
  it('writes the same bytes for the same seed and different bytes for another', async () => {
    const first = await generateDataset({ ...base, file: join(dir, 'a.jsonl.gz') });
    await generateDataset({ ...base, file: join(dir, 'b.jsonl.gz') });
    await generateDataset({ ...base, seed: 8, file: join(dir, 'c.jsonl.gz') });
    expect(first.frames).toBeGreaterThan(1_000);
    expect(readFileSync(join(dir, 'a.jsonl.gz')).equals(readFileSync(join(dir, 'b.jsonl.gz')))).toBe(true);
    expect(readFileSync(join(dir, 'a.jsonl.gz')).equals(readFileSync(join(dir, 'c.jsonl.gz')))).toBe(false);
  });

  it('writes trades, orderbook.1 tops and tickers as the venue frames them, with delayed receive times', async () => {
    const result = await generateDataset({ ...base, file: join(dir, 'shape.jsonl') });
    const source = await openRecording(result.file);
    expect(source.header?.symbols).toEqual(base.symbols);
    expect(source.header?.startedAtMs).toBe(base.startMs);
    expect(source.header?.instruments.map((item) => item['symbol'])).toEqual(base.symbols);
    expect(source.header?.instruments[0]).toMatchObject({ symbol: 'SUIUSDT', status: 'Trading', priceFilter: { tickSize: '0.0001' } });

    const topics = new Map<string, number>();
    let lastT = 0;
    let trades = 0;
    for await (const line of source.frames()) {
      const frame = JSON.parse(line.text) as { topic: string; ts: number; data: unknown };
      topics.set(frame.topic.replace(/\.[0-9A-Z]+$/, ''), (topics.get(frame.topic.replace(/\.[0-9A-Z]+$/, '')) ?? 0) + 1);
      expect(line.tsMs).toBeGreaterThanOrEqual(lastT);
      expect(line.tsMs - frame.ts).toBeGreaterThanOrEqual(1);
      expect(line.tsMs - frame.ts).toBeLessThanOrEqual(5);
      lastT = line.tsMs;
      if (frame.topic.startsWith('publicTrade.')) {
        const items = frame.data as { T: number; p: string }[];
        expect(items.length).toBeLessThanOrEqual(100);
        trades += items.length;
      }
    }
    expect(source.skippedLines).toBe(0);
    expect(trades).toBe(result.trades);
    expect(topics.get('publicTrade')).toBe(result.tradeFrames);
    expect(topics.get('orderbook.1')).toBe(result.bookFrames);
    // One ticker per symbol per second, plus the initial ones: 3 x (120 + 1).
    expect(topics.get('tickers')).toBe(363);
    // 120 s at 3 taker orders/s per symbol, give or take the regimes, bursts and the sweeps that print once per level.
    expect(trades).toBeGreaterThan(300);
    expect(trades).toBeLessThan(6_000);
    expect(source.header?.source).toContain('market=live-like');
  });

  it('thins orderbook.1 and tickers when asked', async () => {
    const dense = await generateDataset({ ...base, file: join(dir, 'dense.jsonl') });
    const thin = await generateDataset({ ...base, bookIntervalMs: 500, tickerIntervalMs: 3_000, file: join(dir, 'thin.jsonl') });
    expect(thin.bookFrames).toBeLessThanOrEqual(Math.ceil(dense.bookFrames / 4));
    expect(thin.tickerFrames).toBe(3 * 41);
    expect(thin.trades).toBe(dense.trades);
  });

  it('refuses a symbol the simulator does not list, naming it', async () => {
    await expect(generateDataset({ ...base, symbols: ['SUIUSDT', 'NOPEUSDT'], file: join(dir, 'x.jsonl') })).rejects.toThrow(
      'the simulator does not list NOPEUSDT',
    );
  });
});
