// Tests of recordFrames against the embedded venue in this process (recorder thread): all three topics recorded,
// the header carries the venue's instruments, an unknown symbol is refused before any file is made.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startVenue, type RunningVenue } from '@scalper/sim-venue';
import { recordFrames } from './frame-recorder.js';
import { openRecording } from '@scalper/recording';

const dir = mkdtempSync(join(tmpdir(), 'record-'));
let venue: RunningVenue;

beforeAll(async () => {
  venue = await startVenue({ seed: 3, market: 'calm' });
});

afterAll(async () => {
  await venue.close();
});

describe('recordFrames', () => {
  it('records trades, orderbook.1 and tickers of every symbol with the instruments in the header', async () => {
    const file = join(dir, 'venue.jsonl.gz');
    const progress: number[] = [];
    const before = Date.now();
    const result = await recordFrames({
      wsPublicUrl: venue.wsPublicUrl,
      restUrl: venue.restUrl,
      symbols: ['SUIUSDT', 'WIFUSDT'],
      durationMs: 2_000,
      file,
      progressIntervalMs: 500,
      onProgress: (p) => progress.push(p.frames),
    });
    expect(result.stoppedBy).toBe('duration');
    expect(result.framesByKind.trade).toBeGreaterThan(0);
    expect(result.framesByKind.orderbook).toBeGreaterThan(0);
    expect(result.framesByKind.ticker).toBeGreaterThan(0);
    expect(result.reconnects).toBe(0);
    expect(progress.length).toBeGreaterThanOrEqual(2);

    const source = await openRecording(file);
    expect(source.header?.source).toBe(venue.wsPublicUrl);
    expect(source.header?.symbols).toEqual(['SUIUSDT', 'WIFUSDT']);
    expect(source.header?.instruments.map((item) => item['symbol'])).toEqual(['SUIUSDT', 'WIFUSDT']);
    expect(source.header?.instruments[1]).toMatchObject({ symbol: 'WIFUSDT', contractType: 'LinearPerpetual', lotSizeFilter: { qtyStep: '1' } });

    const topics = new Set<string>();
    let frames = 0;
    for await (const line of source.frames()) {
      frames++;
      topics.add((JSON.parse(line.text) as { topic: string }).topic);
      expect(line.tsMs).toBeGreaterThanOrEqual(before);
      expect(line.tsMs).toBeLessThanOrEqual(Date.now());
    }
    expect(frames).toBe(result.frames);
    expect([...topics].sort()).toEqual([
      'orderbook.1.SUIUSDT',
      'orderbook.1.WIFUSDT',
      'publicTrade.SUIUSDT',
      'publicTrade.WIFUSDT',
      'tickers.SUIUSDT',
      'tickers.WIFUSDT',
    ]);
  });

  it('refuses a symbol the venue does not list, before making a file', async () => {
    const file = join(dir, 'refused.jsonl.gz');
    await expect(
      recordFrames({ wsPublicUrl: venue.wsPublicUrl, restUrl: venue.restUrl, symbols: ['SUIUSDT', 'NOPEUSDT'], durationMs: 1_000, file }),
    ).rejects.toThrow(`the venue at ${venue.restUrl} does not list NOPEUSDT`);
    expect(existsSync(file)).toBe(false);
  });

  it('stops early on abort and still closes the file properly', async () => {
    const file = join(dir, 'aborted.jsonl');
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 700);
    const started = Date.now();
    const result = await recordFrames({
      wsPublicUrl: venue.wsPublicUrl,
      restUrl: venue.restUrl,
      symbols: ['SUIUSDT'],
      durationMs: 60_000,
      file,
      signal: abort.signal,
    });
    expect(result.stoppedBy).toBe('abort');
    expect(Date.now() - started).toBeLessThan(5_000);
    const source = await openRecording(file);
    let frames = 0;
    for await (const _ of source.frames()) frames++;
    expect(frames).toBe(result.frames);
    expect(source.skippedLines).toBe(0);
  });
});
