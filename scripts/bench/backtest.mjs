// Benchmark: backtest replay speed on the shipped sample (3 h, 3 symbols), single thread, next to reading the
// recording alone and reading + classifying every frame (what the replay cannot go faster than); then the sweep's
// wall time for one grid on one piscina thread against two.
import { fileURLToPath } from 'node:url';
import { classifyWsFrame } from '@scalper/bybit';
import { loadConfig } from '@scalper/engine';
import { openBacktestData, parseGrid, runBacktest, runSweep } from '@scalper/backtest';
import { summarise } from './stats.mjs';

const data = fileURLToPath(new URL('../../data/sample/sim-2h.jsonl.gz', import.meta.url));
const configDir = fileURLToPath(new URL('../../config/', import.meta.url));

async function readOnly(classify) {
  const { source } = await openBacktestData(data);
  const started = performance.now();
  let frames = 0;
  for (let batch = await source.nextBatch(); batch !== null; batch = await source.nextBatch()) {
    for (const line of batch) {
      frames++;
      if (classify) classifyWsFrame(line.text);
    }
  }
  return { frames, seconds: (performance.now() - started) / 1_000 };
}

async function replay() {
  const { config } = loadConfig({ argv: [], env: {}, configDir });
  const { source, instrumentItems } = await openBacktestData(data);
  const result = await runBacktest({ config, source, instrumentItems });
  return {
    frames: result.replay.frames,
    trades: result.replay.trades,
    ticks: result.replay.ticks,
    seconds: result.replay.wallMs / 1_000,
    roundTrips: result.summary.trades,
  };
}

const k = (rate) => `${Math.round(rate / 1_000)}k/s`;
const mmm = (values, format) => {
  const s = summarise(values);
  return `${format(s.min)} / ${format(s.median)} / ${format(s.max)}`;
};

export async function benchBacktest({ quick }) {
  const runs = quick ? 2 : 5;
  const read = [];
  const classified = [];
  const replays = [];
  for (let i = 0; i < runs; i++) {
    read.push(await readOnly(false));
    classified.push(await readOnly(true));
    replays.push(await replay());
  }
  const last = replays[replays.length - 1];
  const rows = [
    [
      'read the recording (gunzip + split lines)',
      mmm(
        read.map((r) => r.frames / r.seconds),
        k,
      ),
      '-',
      '-',
    ],
    [
      'read + classify every frame (JSON.parse)',
      mmm(
        classified.map((r) => r.frames / r.seconds),
        k,
      ),
      '-',
      '-',
    ],
    [
      'backtest: every frame through venue + market-data, ring ticks through strategy, orders through execution',
      mmm(
        replays.map((r) => r.frames / r.seconds),
        k,
      ),
      mmm(
        replays.map((r) => r.trades / r.seconds),
        k,
      ),
      mmm(
        replays.map((r) => r.ticks / r.seconds),
        k,
      ),
    ],
  ];

  const grid = parseGrid('momentumThreshold=0.001,0.0015,0.002,0.0025,stopLossPercent=0.3,0.5');
  const sweepRuns = quick ? 1 : 2;
  const wall = { 1: [], 2: [] };
  for (let i = 0; i < sweepRuns; i++) {
    for (const threads of [1, 2]) {
      const outcome = await runSweep({ data, axes: grid, configDir, env: {}, baseArgv: [], threads, inSampleFraction: 0.7 });
      wall[threads].push(outcome.meta.wallMs / 1_000);
    }
  }
  const one = summarise(wall[1]).median;
  const two = summarise(wall[2]).median;
  rows.push(
    [
      `sweep of 8 combinations, 1 piscina thread (wall s, ${sweepRuns} run${sweepRuns === 1 ? '' : 's'})`,
      mmm(wall[1], (s) => `${s.toFixed(1)} s`),
      '-',
      '-',
    ],
    [`same sweep, 2 piscina threads: speed-up ${(one / two).toFixed(2)}x`, mmm(wall[2], (s) => `${s.toFixed(1)} s`), '-', '-'],
  );
  return {
    title: 'Backtest replay and sweep (single thread replay; sweep on piscina)',
    header: ['what', 'frames/s (min / median / max)', 'trades/s', 'strategy ticks/s'],
    rows,
    note:
      `${runs} runs over data/sample/sim-2h.jsonl.gz (${last.frames} frames, ${last.trades} trades, ${last.ticks} of them on the traded symbol through ` +
      `the ring into the strategy; ${last.roundTrips} round trips with the default config). Trades/s counts every public trade replayed (all symbols ` +
      `go through the venue's matching); strategy ticks/s counts ring entries the strategy core handled.`,
    replayMedian: summarise(replays.map((r) => r.frames / r.seconds)).median,
    speedUp: one / two,
  };
}
