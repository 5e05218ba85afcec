// One backtest over a small generated recording (Jest thread): the chosen time window is what gets replayed, an
// empty window is refused, and the money adds up: fills, round trips, fees and the ending equity agree exactly.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Big from 'big.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@scalper/engine';
import { repositoryConfigDir } from '../cli/cli-args.js';
import { generateDataset } from '../data/generate-dataset.js';
import { openBacktestData } from '../recording/backtest-data.js';
import type { BacktestResult } from './backtest-types.js';
import { runBacktest } from './backtest-run.js';

const dir = mkdtempSync(join(tmpdir(), 'backtest-run-'));
const file = join(dir, 'data.jsonl.gz');
const startMs = Date.UTC(2026, 0, 5);
/** A take-profit and a holding limit close every position well before the data ends, so the run ends flat. */
const argv = ['--strategy.takeProfitPercent', '0.2', '--strategy.maxHoldingMs', '60000', '--risk.cooldownAfterStopMs', '5000'];

async function backtest(window: { fromMs?: number; toMs?: number } = {}): Promise<BacktestResult> {
  const { config } = loadConfig({ argv, env: {}, configDir: repositoryConfigDir });
  const data = await openBacktestData(file);
  try {
    return await runBacktest({ config, source: data.source, instrumentItems: data.instrumentItems, ...window });
  } finally {
    data.source.close();
  }
}

beforeAll(async () => {
  await generateDataset({ symbols: ['SUIUSDT', 'WIFUSDT'], hours: 0.25, seed: 9, tradesPerSecond: 4, market: 'calm', startMs, file });
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('runBacktest', () => {
  it('replays only the frames inside --from and --to', async () => {
    const whole = await backtest();
    const fromMs = startMs + 5 * 60_000;
    const toMs = startMs + 10 * 60_000;
    const part = await backtest({ fromMs, toMs });
    expect(part.summary.startMs).toBeGreaterThanOrEqual(fromMs);
    expect(part.summary.endMs).toBeLessThanOrEqual(toMs);
    expect(part.replay.frames).toBeGreaterThan(0);
    expect(part.replay.frames).toBeLessThan(whole.replay.frames / 2);
    for (const fill of part.fills) expect(fill.tsMs).toBeGreaterThanOrEqual(fromMs);
  }, 30_000);

  it('refuses a window with no frames in it', async () => {
    await expect(backtest({ fromMs: startMs + 24 * 3_600_000 })).rejects.toThrow('the data has no frames in the chosen time range');
  }, 30_000);

  it('adds up to the last digit: round trips from the fills, net = gross - fees, and the equity moves by the net', async () => {
    const result = await backtest();
    const { summary, roundTrips, fills } = result;
    expect(roundTrips.length).toBeGreaterThan(3);
    const fees = fills.reduce((sum, fill) => sum.plus(fill.fee), new Big(0));
    const gross = roundTrips.reduce((sum, trip) => sum.plus(trip.grossPnl), new Big(0));
    expect(summary.fees).toBe(fees.toString());
    expect(summary.grossPnl).toBe(gross.toString());
    expect(summary.netPnl).toBe(gross.minus(fees).toString());
    // Flat at the end (every position closed by take-profit, time or the venue's stop): equity moved by the net PnL.
    expect(new Big(summary.endingEquity).minus(summary.startingBalance).toString()).toBe(summary.netPnl);
    const entries = result.decisions.filter((d) => d.action === 'PlaceOrder');
    expect(entries.length).toBeGreaterThanOrEqual(roundTrips.length);
    for (const trip of roundTrips) expect(trip.exitTsMs).toBeGreaterThan(trip.entryTsMs);
  }, 30_000);
});
