// Determinism of backtests and sweeps (Jest thread, plus piscina workers): the same data, parameters and seed give
// the same decisions, fills and PnL to the last digit, run twice, in one sweep thread or two, or one by one.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@scalper/engine';
import { repositoryConfigDir } from '../cli/cli-args.js';
import { generateDataset } from '../data/generate-dataset.js';
import { openBacktestData } from '../recording/backtest-data.js';
import { parseGrid, gridPoints, pointArgs } from '../sweep/grid-spec.js';
import { runSweep, type RoundInfo } from '../sweep/run-sweep.js';
import { plannedRuns } from '../sweep/search-plan.js';
import { runSweepTask, type SweepTaskResult } from '../sweep/sweep-task.js';
import type { BacktestResult } from './backtest-types.js';
import { runBacktest } from './backtest-run.js';

const dir = mkdtempSync(join(tmpdir(), 'determinism-'));
const file = join(dir, 'data.jsonl.gz');
/** Small cooldowns and a take-profit, so 20 minutes of two symbols give a few dozen round trips to compare. */
const baseArgv = ['--strategy.takeProfitPercent', '0.2', '--risk.cooldownAfterStopMs', '5000', '--scanner.intervalMs', '60000'];

async function backtest(argv: readonly string[]): Promise<BacktestResult> {
  const { config } = loadConfig({ argv, env: {}, configDir: repositoryConfigDir });
  const data = await openBacktestData(file);
  return runBacktest({ config, source: data.source, instrumentItems: data.instrumentItems });
}

/** Everything but the wall-clock time the run took. */
function outcome(result: BacktestResult): Omit<BacktestResult, 'replay'> & { replay: Omit<BacktestResult['replay'], 'wallMs'> } {
  const { wallMs: _wallMs, ...replay } = result.replay;
  return { ...result, replay };
}

beforeAll(async () => {
  await generateDataset({
    symbols: ['SUIUSDT', 'WIFUSDT'],
    hours: 1 / 3,
    seed: 3,
    tradesPerSecond: 4,
    market: 'calm',
    startMs: Date.UTC(2026, 0, 5),
    file,
  });
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a backtest', () => {
  it('gives the same decisions, fills, trades and PnL when run twice with the same data, parameters and seed', async () => {
    const first = await backtest([...baseArgv, '--backtest.seed', '5']);
    const second = await backtest([...baseArgv, '--backtest.seed', '5']);
    expect(first.summary.trades).toBeGreaterThan(5);
    expect(outcome(second)).toEqual(outcome(first));
  }, 60_000);

  it('depends on its parameters: another momentum threshold trades differently', async () => {
    const base = await backtest(baseArgv);
    const other = await backtest([...baseArgv, '--strategy.momentumThreshold', '0.003']);
    expect(other.decisions).not.toEqual(base.decisions);
  }, 60_000);
});

describe('a sweep', () => {
  const axes = parseGrid('momentumThreshold=0.001,0.002,stopLossPercent=0.3,0.5');
  const common = { data: file, axes, configDir: repositoryConfigDir, env: {}, baseArgv, inSampleFraction: 0.7 };

  it('ranks the same rows on one thread and on two, equal to the same runs done one by one', async () => {
    const one = await runSweep({ ...common, threads: 1 });
    const two = await runSweep({ ...common, threads: 2 });
    expect(one.failures).toEqual([]);
    expect(one.rows).toHaveLength(4);
    expect(two.rows).toEqual(one.rows);

    const oneByOne: SweepTaskResult[] = [];
    for (const [index, point] of gridPoints(axes).entries()) {
      oneByOne.push(
        await runSweepTask({ index, data: file, configDir: repositoryConfigDir, env: {}, argv: [...baseArgv, ...pointArgs(axes, point)] }),
      );
    }
    for (const row of one.rows) {
      const alone = oneByOne.find(
        (r) => r.ok && gridPoints(axes)[r.index] !== undefined && JSON.stringify(gridPoints(axes)[r.index]) === JSON.stringify(row.params),
      );
      expect(alone?.ok).toBe(true);
      if (alone?.ok === true)
        expect({ inSample: alone.inSample, outOfSample: alone.outOfSample }).toEqual({ inSample: row.inSample, outOfSample: row.outOfSample });
    }
    // And a row's whole-run numbers are what a plain backtest with those parameters reports.
    const best = one.rows[0];
    const direct = await backtest([...baseArgv, ...pointArgs(axes, best?.params ?? {})]);
    const bestAlone = oneByOne.find((r) => r.ok && JSON.stringify(gridPoints(axes)[r.index]) === JSON.stringify(best?.params));
    expect(bestAlone?.ok === true ? bestAlone.whole : null).toEqual(direct.summary);
  }, 120_000);

  it('gives, for a random or a halving search, the very rows the full grid gives for the combinations they keep', async () => {
    const wide = parseGrid('momentumThreshold=0.001,0.0015,0.002,stopLossPercent=0.3,0.5');
    const grid = await runSweep({ ...common, axes: wide, threads: 2 });
    const rowOf = (params: object) => grid.rows.find((row) => JSON.stringify(row.params) === JSON.stringify(params));
    const same = (rows: typeof grid.rows) => rows.map((row) => ({ params: row.params, inSample: row.inSample, outOfSample: row.outOfSample }));
    expect(grid.meta).toMatchObject({ runs: 6, search: 'grid: all 6 combinations' });

    const random = await runSweep({ ...common, axes: wide, threads: 2, search: { kind: 'random', budget: 3, seed: 4 } });
    expect(random.rows).toHaveLength(3);
    expect(random.meta).toMatchObject({ runs: 3, search: 'random: 3 of 6 combinations (seed 4)' });
    expect(same(random.rows)).toEqual(same(random.rows.map((row) => rowOf(row.params) ?? row)));

    const rounds: RoundInfo[] = [];
    const halving = await runSweep({
      ...common,
      axes: wide,
      threads: 2,
      search: { kind: 'halving', eta: 2, budget: null, seed: 1 },
      onResult: (_done, _total, _point, _result, round) => void (round === null || rounds.push(round)),
    });
    const planned = plannedRuns({ kind: 'halving', eta: 2, budget: null, seed: 1 }, 6);
    expect(planned).toBe(11); // 6, then 3, then 2
    expect(halving.failures).toEqual([]);
    expect(halving.meta.runs).toBe(planned);
    expect(halving.rows).toHaveLength(2);
    expect(same(halving.rows)).toEqual(same(halving.rows.map((row) => rowOf(row.params) ?? row)));
    // The early rounds never read past the in-sample cut: the whole span first at half length, then to the cut.
    expect(rounds.map((round) => `${round.round}/${round.rounds} ${round.windowFraction}`)).toEqual([
      ...Array(6).fill('1/3 0.5'),
      ...Array(3).fill('2/3 1'),
    ]);
    expect(Math.max(...rounds.map((round) => round.toMs))).toBeLessThanOrEqual(grid.meta.splitMs);
  }, 180_000);
});
