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
