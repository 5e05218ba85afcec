#!/usr/bin/env node
// `pnpm generate-data -- --symbols A,B,C --hours 2 --seed 7 --out data/sample/sim-2h.jsonl.gz` (main thread):
// writes a recording offline from the seeded market simulator. Exit 2 on bad usage, 1 when generation failed.

import { generateDataset } from '../data/generate-dataset.js';
import { UsageFault } from './flag-reader.js';
import { generateDataUsage, parseGenerateDataArgs } from './generate-data-args.js';

const argv = process.argv.slice(2);
if (argv.includes('--help')) {
  process.stdout.write(`${generateDataUsage}\n`);
  process.exit(0);
}

let options;
try {
  options = parseGenerateDataArgs(argv);
} catch (error) {
  if (!(error instanceof UsageFault)) throw error;
  process.stderr.write(`generate-data: ${error.message}; ${generateDataUsage}\n`);
  process.exit(2);
}

const started = performance.now();
try {
  const result = await generateDataset({
    ...options,
    onProgress: (doneMs, totalMs) => process.stderr.write(`generate-data: ${Math.round((100 * doneMs) / totalMs)} % of market time\n`),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `generate-data: wrote ${result.file} in ${seconds} s: ${result.frames} frames (${result.trades} trades in ${result.tradeFrames} frames, ` +
      `${result.bookFrames} orderbook.1, ${result.tickerFrames} tickers), ${(result.fileBytes / 1e6).toFixed(2)} MB on disk, ` +
      `${(result.bytes / 1e6).toFixed(1)} MB uncompressed\n`,
  );
} catch (error) {
  // Options were checked by the parser; what is left is the simulator refusing a symbol or the disk failing.
  process.stderr.write(`generate-data: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
