#!/usr/bin/env node
// `pnpm record -- --symbols BTCUSDT,ETHUSDT --minutes 10` (main thread): records public trades, orderbook.1 and
// tickers to a recording file. A progress line every 10 s; Ctrl-C stops early and still closes the file. Exit 2
// on bad usage, 1 when recording failed.

import { startVenue, type RunningVenue } from '@scalper/sim-venue';
import { recordFrames, type RecordProgress } from '../recording/frame-recorder.js';
import { UsageFault } from './flag-reader.js';
import { parseRecordArgs, recordUsage, type RecordArgs } from './record-args.js';

const argv = process.argv.slice(2);
if (argv.includes('--help')) {
  process.stdout.write(`${recordUsage}\n`);
  process.exit(0);
}

let args: RecordArgs;
try {
  args = parseRecordArgs(argv, Date.now());
} catch (error) {
  if (!(error instanceof UsageFault)) throw error;
  process.stderr.write(`record: ${error.message}; ${recordUsage}\n`);
  process.exit(2);
}

const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

function progressLine(p: RecordProgress): string {
  const { trade, orderbook, ticker } = p.framesByKind;
  const dropped = p.droppedFrames > 0 ? `, ${p.droppedFrames} DROPPED (disk behind)` : '';
  return (
    `record: ${Math.round(p.elapsedMs / 1000)} s of ${Math.round(p.durationMs / 1000)} s, ${p.frames} frames ` +
    `(trade ${trade}, orderbook ${orderbook}, ticker ${ticker}), ${megabytes(p.bytes)} uncompressed, ` +
    `socket ${p.state}, ${p.reconnects} reconnects${dropped}`
  );
}

const abort = new AbortController();
let interrupts = 0;
const onSignal = (signal: string): void => {
  interrupts++;
  if (interrupts > 1) {
    process.stderr.write(`record: second ${signal}, exiting without closing the file\n`);
    process.exit(130);
  }
  process.stderr.write(`record: ${signal}, stopping and closing ${args.file} (again to exit at once)\n`);
  abort.abort();
};
process.on('SIGINT', () => onSignal('SIGINT'));
process.on('SIGTERM', () => onSignal('SIGTERM'));

let venue: RunningVenue | null = null;
try {
  let endpoints: { restUrl: string; wsPublicUrl: string };
  if (args.venue.kind === 'sim') {
    venue = await startVenue();
    endpoints = venue;
  } else {
    endpoints = args.venue;
  }
  process.stderr.write(`record: ${args.symbols.join(',')} from ${endpoints.wsPublicUrl} for ${args.durationMs / 60_000} min into ${args.file}\n`);
  const result = await recordFrames({
    wsPublicUrl: endpoints.wsPublicUrl,
    restUrl: endpoints.restUrl,
    symbols: args.symbols,
    durationMs: args.durationMs,
    file: args.file,
    exclusive: true,
    signal: abort.signal,
    onProgress: (p) => process.stderr.write(`${progressLine(p)}\n`),
    onStateChange: (state, reason) => {
      if (state === 'reconnecting') process.stderr.write(`record: connection lost (${reason})\n`);
    },
  });
  const { trade, orderbook, ticker } = result.framesByKind;
  process.stdout.write(
    `record: wrote ${result.file}: ${result.frames} frames (trade ${trade}, orderbook ${orderbook}, ticker ${ticker}), ` +
      `${megabytes(result.fileBytes)} on disk, ${megabytes(result.bytes)} uncompressed, ${result.reconnects} reconnects, ` +
      `${Math.round(result.elapsedMs / 1000)} s${result.stoppedBy === 'abort' ? ' (stopped early)' : ''}` +
      `${result.droppedFrames > 0 ? `, ${result.droppedFrames} frames DROPPED` : ''}\n`,
  );
} catch (error) {
  process.stderr.write(`record: ${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await venue?.close();
}
// The REST client's keep-alive pool would hold the process open for its idle timeout; nothing is left to wait for.
process.exit();
