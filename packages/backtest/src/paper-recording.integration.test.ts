// A paper session, recorded, then backtested (issue 16): the engine runs `--venue paper --record FILE` as its own
// process, its embedded venue relaying the market of a second embedded venue that stands for Bybit mainnet. The
// recording holds what the engine received (tops, trades, the scanner's tickers) and the relayed depth; a backtest
// of it must take the same decisions as the paper session did, with the live-replay test's standard and tolerance.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@scalper/engine';
import { startVenue, type RunningVenue } from '@scalper/sim-venue';
import type { BacktestResult } from './core/backtest-types.js';
import { runBacktest } from './core/backtest-run.js';
import { openBacktestData } from './recording/backtest-data.js';
import { repositoryConfigDir } from './cli/cli-args.js';
import {
  comparedStrategyArgs,
  comparedTakeProfitPercent,
  EngineProcess,
  expectPnlDifferenceExplainedByFills,
  expectSameDecisions,
  onlyTopCoin,
  tradeSixImpulses,
  waitFor,
  type LiveDecision,
} from './test-support/live-vs-backtest.js';

const strategyArgs = [...comparedStrategyArgs];
const dir = mkdtempSync(join(tmpdir(), 'paper-recording-'));
const file = join(dir, 'paper-session.jsonl.gz');
let upstream: RunningVenue;
let symbol = '';
let engine: EngineProcess;
let live: LiveDecision[] = [];
let replayed: BacktestResult;

beforeAll(async () => {
  upstream = await startVenue({ seed: 31, tradesPerSecondPerSymbol: 20, market: 'calm' });
  const top = await onlyTopCoin(upstream.restUrl);
  symbol = top.symbol;
  strategyArgs.push(...top.args);
  engine = new EngineProcess([
    '--venue',
    'paper',
    '--venue.restUrl',
    upstream.restUrl,
    '--venue.wsPublicUrl',
    upstream.wsPublicUrl,
    '--record',
    file,
    ...strategyArgs,
    '--log.level',
    'info',
  ]);
  await waitFor(() => engine.line('symbol switched', { symbol }), `the paper engine to switch to ${symbol}`);
  await tradeSixImpulses((movePercent) => upstream.impulse(symbol, movePercent, 1_000, 3));
  await engine.stop();
  live = engine.decisions();
  const { config } = loadConfig({ argv: strategyArgs, env: {}, configDir: repositoryConfigDir });
  const data = await openBacktestData(file);
  replayed = await runBacktest({ config, source: data.source, instrumentItems: data.instrumentItems });
}, 150_000);

afterAll(async () => {
  engine?.kill();
  await upstream?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a backtest of a recorded paper session', () => {
  it('recorded the session: the relayed depth, the tops and trades the engine got, the tickers the scanner ranked', async () => {
    const written = engine.line('session recording written');
    expect(written).toMatchObject({ file, droppedFrames: 0 });
    const counts = new Map<string, number>();
    const data = await openBacktestData(file);
    for (let batch = await data.source.nextBatch(); batch !== null; batch = await data.source.nextBatch()) {
      for (const line of batch) {
        const topic = /"topic":"([a-zA-Z]+(?:\.\d+)?)\./.exec(line.text)?.[1] ?? 'other';
        counts.set(topic, (counts.get(topic) ?? 0) + 1);
      }
    }
    expect(counts.get('orderbook.50')).toBeGreaterThan(100);
    expect(counts.get('orderbook.1')).toBeGreaterThan(100);
    expect(counts.get('publicTrade')).toBeGreaterThan(500);
    expect(counts.get('tickers')).toBeGreaterThan(0);
    expect(counts.get('other')).toBeUndefined();
    expect(data.instrumentItems.length).toBeGreaterThan(1);
    expect(live.filter((d) => d.action === 'PlaceOrder').length).toBeGreaterThanOrEqual(3);
  });

  it('makes the same entry and exit decisions as the paper session did', () => {
    const { compared, explainedByFillPrice } = expectSameDecisions({
      live,
      liveFills: engine.fills(),
      replayed,
      takeProfitPercent: comparedTakeProfitPercent,
    });
    process.stdout.write(
      `paper-recording: ${compared} decisions compared, ${compared - explainedByFillPrice} identical, ${explainedByFillPrice} take-profit exit(s) on another trade after an entry filled at another price\n`,
    );
  });

  it('has a PnL difference that the fill prices explain exactly', () => {
    const { filledInBoth, differentPrices, pnlDifference } = expectPnlDifferenceExplainedByFills(live, engine.fills(), replayed);
    process.stdout.write(
      `paper-recording: ${filledInBoth} orders filled in both runs, ${differentPrices} at a different average price; PnL difference ${pnlDifference.toString()} USDT\n`,
    );
  });
});
