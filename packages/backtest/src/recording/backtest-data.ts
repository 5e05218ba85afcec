// Opens what `--data` names for a backtest or a sweep task (backtest thread): one recording or a directory of
// them, streamed, with the instruments-info items their headers carry.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { openRecordings, type RecordingSource } from '@scalper/recording';

export interface BacktestData {
  readonly source: RecordingSource;
  readonly instrumentItems: readonly unknown[];
}

export async function openBacktestData(pathOrDir: string): Promise<BacktestData> {
  const path = resolve(pathOrDir);
  if (!existsSync(path)) throw new Error(`--data ${path} does not exist (a .jsonl or .jsonl.gz recording, or a folder of them)`);
  const source = await openRecordings(path);
  return { source, instrumentItems: source.header?.instruments ?? [] };
}

/** The first and last frame times of `--data` within --from/--to: a halving search cuts its short rounds from it. */
export async function readDataSpan(
  pathOrDir: string,
  fromMs = Number.NEGATIVE_INFINITY,
  toMs = Number.POSITIVE_INFINITY,
): Promise<{ startMs: number; endMs: number }> {
  const { source } = await openBacktestData(pathOrDir);
  let startMs = Number.NaN;
  let endMs = Number.NaN;
  try {
    reading: for (let batch = await source.nextBatch(); batch !== null; batch = await source.nextBatch()) {
      for (const line of batch) {
        if (line.tsMs < fromMs) continue;
        if (line.tsMs > toMs) break reading;
        if (Number.isNaN(startMs)) startMs = line.tsMs;
        // As the replay does: a clock that went back a little never moves the end back.
        if (!(line.tsMs <= endMs)) endMs = line.tsMs;
      }
    }
  } finally {
    source.close();
  }
  if (Number.isNaN(startMs)) throw new Error('the data has no frames in the chosen time range');
  return { startMs, endMs };
}
