// Benchmark: one sweep on the local piscina pool (2 threads) against the same sweep as BullMQ jobs taken by two
// `pnpm sweep-worker` processes (1 thread each) on this machine, through a real Redis; and the cost a job adds per
// combination, from sweeps of near-empty runs (the first second of the data). Skipped where redis-server is missing.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { codeVersion, datasetIdentity, localPoolRunner, newSweepId, openQueueRunner, parseGrid, runSweep } from '@scalper/backtest';
import { summarise } from './stats.mjs';
import { freePort } from './support/engine-process.mjs';

const data = fileURLToPath(new URL('../../data/sample/sim-2h.jsonl.gz', import.meta.url));
const dataDir = fileURLToPath(new URL('../../data/sample/', import.meta.url));
const configDir = fileURLToPath(new URL('../../config/', import.meta.url));
const workerCli = fileURLToPath(new URL('../../packages/backtest/dist/cli/sweep-worker.js', import.meta.url));

function startWorker(url) {
  const child = spawn(process.execPath, [workerCli, '--queue', url, '--concurrency', '1', '--data-dir', dataDir], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const ready = new Promise((resolve) => child.stderr.on('data', (chunk) => chunk.toString().includes('taking jobs from') && resolve()));
  return { child, ready };
}

const seconds = (values) => {
  const s = summarise(values);
  return `${s.min.toFixed(2)} / ${s.median.toFixed(2)} / ${s.max.toFixed(2)}`;
};

export async function benchSweepQueue({ quick }) {
  const title = 'Sweep on the local pool against a BullMQ queue with two workers (wall s, min / median / max)';
  const header = [
    'sweep',
    'runs',
    'local pool, 2 threads, started per sweep (pnpm sweep)',
    'local pool, 2 threads, already started',
    'queue, 2 worker processes',
    'queue / started pool',
  ];
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    return { title, header, rows: [['skipped: redis-server is not installed (Debian package redis-server)', '-', '-', '-', '-', '-']] };
  }
  const port = await freePort();
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}/0`;
  for (
    let i = 0;
    i < 100 &&
    spawnSync('redis-cli', ['-p', String(port), 'ping'])
      .stdout?.toString()
      .trim() !== 'PONG';
    i++
  ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const workers = [startWorker(url), startWorker(url)];
  // The workers' pools are started once and stay: the fair local figure is a pool that is already started too.
  const warmPool = localPoolRunner(2);
  const warm = { run: (task) => warmPool.run(task), close: async () => undefined };
  try {
    await Promise.all(workers.map((w) => w.ready));
    const version = codeVersion();
    const dataset = await datasetIdentity(data);
    const runs = quick ? 1 : 3;
    const cases = [
      {
        name: '8 combinations of the whole 2 h sample',
        grid: 'momentumThreshold=0.001,0.0015,0.002,0.0025,stopLossPercent=0.3,0.5',
        toMs: undefined,
      },
      {
        name: '12 near-empty runs (the first second of the sample)',
        grid: 'momentumThreshold=0.001,0.0015,0.002,0.0025,stopLossPercent=0.3,0.5,0.7',
        toMs: Date.UTC(2025, 0, 6, 0, 0, 1),
      },
    ];
    const rows = [];
    const perJob = [];
    for (const sweep of cases) {
      const axes = parseGrid(sweep.grid);
      const common = {
        data,
        axes,
        configDir,
        env: {},
        baseArgv: [],
        threads: 2,
        inSampleFraction: 0.7,
        ...(sweep.toMs === undefined ? {} : { toMs: sweep.toMs }),
      };
      const local = [];
      const started = [];
      const queued = [];
      let combinations = 0;
      for (let i = 0; i < runs; i++) {
        const alone = await runSweep(common);
        local.push(alone.meta.wallMs / 1_000);
        const onStarted = await runSweep({ ...common, runner: warm });
        started.push(onStarted.meta.wallMs / 1_000);
        const runner = await openQueueRunner({ url, sweepId: newSweepId(), codeVersion: version, dataset });
        const viaQueue = await runSweep({ ...common, runner });
        queued.push(viaQueue.meta.wallMs / 1_000);
        combinations = viaQueue.meta.runs;
        if (viaQueue.failures.length > 0 || alone.failures.length > 0)
          throw new Error(`sweep failures: ${JSON.stringify([...viaQueue.failures, ...alone.failures])}`);
      }
      const ratio = summarise(queued).median / summarise(started).median;
      rows.push([sweep.name, String(combinations), seconds(local), seconds(started), seconds(queued), `${ratio.toFixed(2)}x`]);
      if (sweep.toMs !== undefined) perJob.push(((summarise(queued).median - summarise(started).median) / combinations) * 1_000);
    }
    return {
      title,
      header,
      rows,
      note:
        `${runs} run${runs === 1 ? '' : 's'} of each, alternating; Redis ${spawnSync('redis-server', ['--version']).stdout.toString().trim().split(' ')[2] ?? ''} on 127.0.0.1, both workers on this 2-core machine. ` +
        `A job adds ${perJob[0]?.toFixed(1)} ms per combination over an already started local pool (the near-empty sweeps' medians, ` +
        'their difference over the runs): the round trip through Redis, and the worker finding the recording by content (hashed once per worker). ' +
        '`pnpm sweep` starts its pool per sweep, which the first column pays; queue workers keep theirs. ' +
        'The queue pays off when the workers are on other machines: on one machine it only shares the same 2 cores.',
    };
  } finally {
    await warmPool.close();
    for (const w of workers) w.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    redis.kill('SIGTERM');
  }
}
