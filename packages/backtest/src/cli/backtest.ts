#!/usr/bin/env node
// `pnpm backtest -- --data <file|dir> [--from T] [--to T] [--report file.html] [--compare-journal file]
// [config options]` (main thread): replays recorded frames through the live cores, prints the summary (and, with a
// journal, its round trips next to the backtest's) and writes the HTML report. Strategy and risk options are the
// engine's own (--strategy.momentumThreshold 0.002). Bad usage exits 2, a failed run 1.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError, loadConfig } from '@scalper/engine';
import { JournalFileError, JournalReader } from '@scalper/journal';
import { compareRoundTrips, defaultPairingWindowMs } from '../core/journal-comparison.js';
import { renderComparisonText } from './comparison-text.js';
import { runBacktest } from '../core/backtest-run.js';
import { openBacktestData } from '../recording/backtest-data.js';
import { renderBacktestReport } from '../report/html-report.js';
import { parseTimeArg, repositoryConfigDir, splitArgs, timestampForFile, UsageFault } from './cli-args.js';
import { ProgressBar } from './progress-bar.js';
import { renderSummaryText } from './summary-text.js';

const usage =
  'usage: pnpm backtest -- --data <recording.jsonl.gz|folder> [--from <ISO|ms>] [--to <ISO|ms>] [--report <file.html>] [--compare-journal <journal.sqlite>] [--strategy.<option> <value> ...]';

async function main(): Promise<number> {
  let args;
  let config;
  let fromMs: number | undefined;
  let toMs: number | undefined;
  try {
    args = splitArgs(process.argv.slice(2), ['data', 'from', 'to', 'report', 'compare-journal'], ['help']);
    if (args.switches.has('help')) {
      process.stdout.write(`${usage}\n`);
      return 0;
    }
    if (!args.own.has('data')) throw new UsageFault('--data is required');
    fromMs = parseTimeArg('from', args.own.get('from'));
    toMs = parseTimeArg('to', args.own.get('to'));
    if (fromMs !== undefined && toMs !== undefined && toMs <= fromMs) throw new UsageFault('--to must be after --from');
    config = loadConfig({ argv: args.configArgv, env: process.env, configDir: process.env['SCALPER_CONFIG_DIR'] ?? repositoryConfigDir }).config;
  } catch (error) {
    if (error instanceof UsageFault || error instanceof ConfigError) {
      process.stderr.write(`backtest: ${error.message}\n${usage}\n`);
      return 2;
    }
    throw error;
  }
  // Opened before the replay: a journal that is missing or not a journal is a usage error, not a late failure.
  let journal: JournalReader | null = null;
  const journalPath = args.own.get('compare-journal');
  if (journalPath !== undefined) {
    try {
      journal = JournalReader.open(resolve(journalPath));
    } catch (error) {
      if (!(error instanceof JournalFileError)) throw error;
      process.stderr.write(`backtest: --compare-journal: ${error.message}\n`);
      return 2;
    }
  }
  const dataPath = args.own.get('data') as string;
  let data;
  try {
    data = await openBacktestData(dataPath);
  } catch (error) {
    process.stderr.write(`backtest: ${(error as Error).message}\n`);
    return 2;
  }
  const source = data.source;
  const progress = new ProgressBar(process.stderr, 'backtest');
  const started = performance.now();
  const result = await runBacktest({
    config,
    source,
    instrumentItems: data.instrumentItems,
    ...(fromMs === undefined ? {} : { fromMs }),
    ...(toMs === undefined ? {} : { toMs }),
    onProgress: (replayedToMs) => {
      const seconds = (performance.now() - started) / 1_000;
      const mb = source.bytesRead / 1_048_576;
      progress.update(
        source.totalBytes > 0 ? source.bytesRead / source.totalBytes : 0,
        `${new Date(replayedToMs).toISOString().slice(11, 19)} market time, ${(mb / Math.max(seconds, 0.001)).toFixed(1)} MB/s`,
      );
    },
  });
  progress.finish();
  source.close();
  if (source.skippedLines > 0)
    process.stderr.write(`backtest: ${source.skippedLines} unusable lines skipped (last: ${source.lastSkipReason ?? 'unknown'})\n`);
  if (source.truncated)
    process.stderr.write('backtest: the recording ends mid-file (a recorder stopped without closing it); replayed up to the cut\n');
  const reportPath = resolve(args.own.get('report') ?? `reports/backtest-${timestampForFile(Date.now())}.html`);
  mkdirSync(dirname(reportPath), { recursive: true });
  writeFileSync(reportPath, renderBacktestReport(result, { title: `Backtest of ${dataPath}`, generatedAt: new Date().toISOString() }));
  process.stdout.write(`${renderSummaryText(result)}\n  report       ${reportPath}\n`);
  if (journal !== null && journalPath !== undefined) {
    // The journal's trips that opened during the replay (closed a little after its end at most).
    const { startMs, endMs } = result.summary;
    const live = journal.roundTrips(startMs, endMs + 60_000).filter((trip) => trip.openedAtMs >= startMs - defaultPairingWindowMs);
    journal.close();
    process.stdout.write(`${renderComparisonText(compareRoundTrips(live, result.roundTrips), resolve(journalPath))}\n`);
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`backtest: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
