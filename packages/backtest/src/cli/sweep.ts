#!/usr/bin/env node
// `pnpm sweep -- --data <file|dir> --grid "momentumThreshold=0.0005:0.003:0.0005,stopLossPercent=0.3,0.5,1"
// [--search grid|random|halving] [--budget N] [--eta N] [--seed S] [--threads N | --queue redis://host:port/N]
// [--from T] [--to T] [--out dir] [config options]` (main thread): the combinations the search picks on a piscina
// pool or as jobs on a BullMQ queue, one line per finished run, then the ranked CSV and HTML. Bad usage, an
// unreachable Redis or a queue busy with another sweep exit 2, any failed run 1.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError, loadConfig } from '@scalper/engine';
import { renderSweepCsv, renderSweepHtml } from '../report/sweep-report.js';
import { openBacktestData } from '../recording/backtest-data.js';
import { GridError, gridPoints, parseGrid, pointArgs } from '../sweep/grid-spec.js';
import { resolveThreads, runSweep } from '../sweep/run-sweep.js';
import { parseSearch, plannedRuns, SearchError, type SearchSpec } from '../sweep/search-plan.js';
import { codeVersion } from '../sweep/queue/code-version.js';
import { datasetIdentity } from '../sweep/queue/dataset-identity.js';
import { QueueUsageError, redisOptionsFromUrl, safeQueueUrl } from '../sweep/queue/queue-connection.js';
import { openQueueRunner } from '../sweep/queue/queue-runner.js';
import { newSweepId } from '../sweep/queue/sweep-job.js';
import type { SweepTaskRunner } from '../sweep/run-sweep.js';
import { parseTimeArg, repositoryConfigDir, scalperEnv, splitArgs, timestampForFile, UsageFault } from './cli-args.js';

const usage =
  'usage: pnpm sweep -- --data <recording|folder> --grid "<option>=<from>:<to>:<step>|<v1>,<v2>,...[,<option>=...]" [--search grid|random|halving] [--budget N] [--eta N] [--seed S] [--threads N | --queue redis://host:port/N] [--from T] [--to T] [--out <folder>] [config options]';

async function main(): Promise<number> {
  const configDir = process.env['SCALPER_CONFIG_DIR'] ?? repositoryConfigDir;
  let args;
  let axes;
  let config;
  let threads: number;
  let search: SearchSpec;
  let fromMs: number | undefined;
  let toMs: number | undefined;
  try {
    args = splitArgs(process.argv.slice(2), ['data', 'grid', 'search', 'budget', 'eta', 'seed', 'threads', 'queue', 'from', 'to', 'out'], ['help']);
    if (args.switches.has('help')) {
      process.stdout.write(`${usage}\n`);
      return 0;
    }
    if (!args.own.has('data')) throw new UsageFault('--data is required');
    if (!args.own.has('grid')) throw new UsageFault('--grid is required');
    axes = parseGrid(args.own.get('grid') as string);
    search = parseSearch(args.own.get('search'), args.own.get('budget'), args.own.get('eta'), args.own.get('seed'));
    const queueUrl = args.own.get('queue');
    if (queueUrl !== undefined) {
      if (args.own.has('threads')) throw new UsageFault('--threads and --queue do not go together: a queue sweep runs on its workers');
      // Workers load the configuration from their own checkout's config/ (the code version covers it), not ours.
      if (resolve(configDir) !== resolve(repositoryConfigDir))
        throw new UsageFault(`--queue runs on the workers' config/, not SCALPER_CONFIG_DIR (${configDir}): give the changes as options instead`);
      redisOptionsFromUrl(queueUrl);
    }
    config = loadConfig({ argv: args.configArgv, env: process.env, configDir }).config;
    const threadsText = args.own.get('threads');
    if (threadsText !== undefined && !/^\d+$/.test(threadsText))
      throw new UsageFault(`--threads must be a whole number (0 = one per core), got "${threadsText}"`);
    threads = resolveThreads(threadsText === undefined ? config.threads.sweepWorkers : Number(threadsText));
    fromMs = parseTimeArg('from', args.own.get('from'));
    toMs = parseTimeArg('to', args.own.get('to'));
    // Every combination is checked here, before any thread starts: "windowTicks=abc" is a usage error, not N failed runs.
    for (const point of gridPoints(axes)) loadConfig({ argv: [...args.configArgv, ...pointArgs(axes, point)], env: process.env, configDir });
  } catch (error) {
    if (
      error instanceof UsageFault ||
      error instanceof ConfigError ||
      error instanceof GridError ||
      error instanceof SearchError ||
      error instanceof QueueUsageError ||
      error instanceof RangeError
    ) {
      process.stderr.write(`sweep: ${error.message}\n${usage}\n`);
      return 2;
    }
    throw error;
  }
  const total = gridPoints(axes).length;
  const data = resolve(args.own.get('data') as string);
  try {
    (await openBacktestData(data)).source.close();
  } catch (error) {
    process.stderr.write(`sweep: ${(error as Error).message}\n`);
    return 2;
  }
  const runs = plannedRuns(search, total);
  const searchWords = search.kind === 'grid' ? '' : ` (${search.kind} search: ${runs} runs)`;
  const queueUrl = args.own.get('queue');
  let runner: SweepTaskRunner | undefined;
  if (queueUrl !== undefined) {
    const sweepId = newSweepId();
    try {
      runner = await openQueueRunner({ url: queueUrl, sweepId, codeVersion: codeVersion(), dataset: await datasetIdentity(data) });
    } catch (error) {
      process.stderr.write(`sweep: ${(error as Error).message}\n`);
      return 2;
    }
    process.stderr.write(`sweep: ${total} combinations${searchWords} as ${sweepId} on the queue at ${safeQueueUrl(queueUrl)} over ${data}\n`);
  } else {
    process.stderr.write(`sweep: ${total} combinations${searchWords} on ${threads} thread${threads === 1 ? '' : 's'} over ${data}\n`);
  }
  const outcome = await runSweep({
    data,
    axes,
    configDir,
    env: scalperEnv(process.env),
    baseArgv: args.configArgv,
    threads,
    inSampleFraction: config.backtest.inSampleFraction,
    search,
    ...(runner === undefined ? {} : { runner }),
    ...(fromMs === undefined ? {} : { fromMs }),
    ...(toMs === undefined ? {} : { toMs }),
    onResult: (done, all, point, result, round) => {
      const params = Object.entries(point)
        .map(([name, value]) => `${name}=${value}`)
        .join(' ');
      const stretch =
        round === null ? '' : `round ${round.round}/${round.rounds}, first ${Math.round(round.windowFraction * 100)} % of the in-sample span: `;
      const outcomeText = !result.ok
        ? `FAILED: ${result.error.message}`
        : round !== null
          ? `${stretch}net ${result.whole.netPnl} (${result.whole.trades} trades)`
          : `in-sample net ${result.inSample.netPnl} (${result.inSample.trades} trades), out-of-sample net ${result.outOfSample.netPnl} (${result.outOfSample.trades} trades)`;
      process.stderr.write(`sweep: [${done}/${all}] ${params}: ${outcomeText}\n`);
    },
  });
  const outDir = resolve(args.own.get('out') ?? join('reports', `sweep-${timestampForFile(Date.now())}`));
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'sweep.csv'), renderSweepCsv(outcome.rows));
  writeFileSync(join(outDir, 'sweep.html'), renderSweepHtml(outcome.rows, outcome.meta, { generatedAt: new Date().toISOString() }));
  const best = outcome.rows[0];
  process.stdout.write(
    `sweep: ${outcome.rows.length} ranked of ${total} combinations, ${outcome.meta.runs} runs in ${(outcome.meta.wallMs / 1_000).toFixed(1)} s on ${queueUrl === undefined ? `${threads} thread(s)` : 'the queue'}; ${outcome.meta.search}\n` +
      (best === undefined
        ? ''
        : `sweep: best in-sample: ${Object.entries(best.params)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')}: net ${best.inSample.netPnl} in-sample, ${best.outOfSample.netPnl} out-of-sample\n`) +
      `sweep: ranked on in-sample results only; check the out-of-sample columns before trusting a row\n` +
      `sweep: wrote ${join(outDir, 'sweep.csv')} and ${join(outDir, 'sweep.html')}\n`,
  );
  for (const failure of outcome.failures) process.stderr.write(`sweep: failed ${JSON.stringify(failure.params)}: ${failure.error.message}\n`);
  return outcome.failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`sweep: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
