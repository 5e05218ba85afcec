// Backtest equals live: the engine runs as its own process against the embedded venue while `recordFrames` records
// the public frames of the traded symbol; a backtest of that recording must make the same entry and exit decisions
// (symbol, side, size, order type, the tick that triggered them), and any PnL difference must come from fill prices.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@scalper/engine';
import { paperApiKey, paperApiSecret, startVenue, type RunningVenue } from '@scalper/sim-venue';
import type { BacktestResult } from './core/backtest-types.js';
import { runBacktest } from './core/backtest-run.js';
import { recordFrames, type RecordResult } from './recording/frame-recorder.js';
import { openBacktestData } from './recording/backtest-data.js';
import { repositoryConfigDir } from './cli/cli-args.js';
import {
  comparedStrategyArgs,
  comparedTakeProfitPercent,
  EngineProcess,
  expectPnlDifferenceExplainedByFills,
  expectSameDecisions,
  onlyTopCoin,
  sleep,
  tradeSixImpulses,
  waitFor,
  type LiveDecision,
  type LiveFill,
} from './test-support/live-vs-backtest.js';
const strategyArgs = [...comparedStrategyArgs];

const dir = mkdtempSync(join(tmpdir(), 'live-replay-'));
const file = join(dir, 'live.jsonl');
let venue: RunningVenue;
let symbol = '';
let switchedAtMs = 0;
let engine: EngineProcess;
let recorded: RecordResult;
const stopRecording = new AbortController();
let live: LiveDecision[] = [];
let replayed: BacktestResult;

/** The venue's executions of the run, as the comparison takes them. */
function liveFills(): LiveFill[] {
  return venue.engine
    .executions(paperApiKey, symbol)
    .map((e) => ({ orderLinkId: e.orderLinkId, side: e.side, qty: e.execQty, price: e.execPrice, fee: e.execFee }));
}

beforeAll(async () => {
  venue = await startVenue({ seed: 31, tradesPerSecondPerSymbol: 20, market: 'calm' });
  const top = await onlyTopCoin(venue.restUrl);
  symbol = top.symbol;
  strategyArgs.push(...top.args);
  const recording = recordFrames({
    wsPublicUrl: venue.wsPublicUrl,
    restUrl: venue.restUrl,
    symbols: [symbol],
    durationMs: 300_000,
    file,
    signal: stopRecording.signal,
  });
  await sleep(1_000);
  engine = new EngineProcess(['--venue', 'url', ...strategyArgs, '--log.level', 'info'], {
    BYBIT_REST_URL: venue.restUrl,
    BYBIT_WS_PUBLIC_URL: venue.wsPublicUrl,
    BYBIT_WS_PRIVATE_URL: venue.wsPrivateUrl,
    BYBIT_API_KEY: paperApiKey,
    BYBIT_API_SECRET: paperApiSecret,
  });
  await waitFor(() => engine.line('symbol switched', { symbol }), `the engine to switch to ${symbol}`);
  await tradeSixImpulses((movePercent) => venue.impulse(symbol, movePercent, 1_000, 3));
  await engine.stop();
  stopRecording.abort();
  recorded = await recording;
  live = engine.decisions();
  switchedAtMs = Date.parse(String(engine.line('symbol switched', { symbol })?.['time']));
  const { config } = loadConfig({ argv: strategyArgs, env: {}, configDir: repositoryConfigDir });
  const data = await openBacktestData(file);
  // The backtest's first scan runs 2 s after its first frame: start it then, so both switch at about the same time.
  replayed = await runBacktest({ config, source: data.source, instrumentItems: data.instrumentItems, fromMs: switchedAtMs - 2_000 });
}, 150_000);

afterAll(async () => {
  stopRecording.abort();
  engine?.kill();
  await venue?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a backtest of a recorded live run', () => {
  it('recorded the run', () => {
    expect(recorded.framesByKind.trade).toBeGreaterThan(500);
    expect(recorded.framesByKind.orderbook).toBeGreaterThan(100);
    expect(live.filter((d) => d.action === 'PlaceOrder').length).toBeGreaterThanOrEqual(3);
  });

  it('makes the same entry and exit decisions as the live engine did', () => {
    if (process.env['LIVE_REPLAY_DUMP'] !== undefined) {
      copyFileSync(file, `${process.env['LIVE_REPLAY_DUMP']}.jsonl`);
      writeFileSync(
        process.env['LIVE_REPLAY_DUMP'],
        JSON.stringify(
          { switched: switchedAtMs, args: strategyArgs, live, backtest: replayed.decisions, fills: replayed.fills, liveFills: liveFills() },
          null,
          1,
        ),
      );
    }
    const { compared, explainedByFillPrice } = expectSameDecisions({
      live,
      liveFills: liveFills(),
      replayed,
      takeProfitPercent: comparedTakeProfitPercent,
    });
    process.stdout.write(
      `live-replay: ${compared} decisions compared, ${compared - explainedByFillPrice} identical, ${explainedByFillPrice} take-profit exit(s) on another trade after an entry filled at another price\n`,
    );
  });

  it('has a PnL difference that the fill prices explain exactly', () => {
    const { filledInBoth, differentPrices, pnlDifference } = expectPnlDifferenceExplainedByFills(live, liveFills(), replayed);
    process.stdout.write(
      `live-replay: ${filledInBoth} orders filled in both runs, ${differentPrices} at a different average price; PnL difference ${pnlDifference.toString()} USDT\n`,
    );
  });
});
