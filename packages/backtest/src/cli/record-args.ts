// Parses `pnpm record` arguments (main thread) into what recordFrames needs; bad usage is a UsageFault.

import { join } from 'node:path';
import { fileStamp, positiveNumber, readFlags, symbolList, UsageFault, urlArg } from './flag-reader.js';

export const recordUsage =
  'usage: pnpm record -- --symbols BTCUSDT,ETHUSDT --minutes 10 [--out FILE.jsonl[.gz]] ' +
  '[--venue bybit|testnet|sim] [--rest-url URL --ws-url URL]';

/** Bybit's public endpoints: market data needs no key. */
export const publicEndpoints = {
  bybit: { restUrl: 'https://api.bybit.com', wsPublicUrl: 'wss://stream.bybit.com/v5/public/linear' },
  testnet: { restUrl: 'https://api-testnet.bybit.com', wsPublicUrl: 'wss://stream-testnet.bybit.com/v5/public/linear' },
} as const;

export type RecordVenue =
  | { readonly kind: 'remote'; readonly name: string; readonly restUrl: string; readonly wsPublicUrl: string }
  /** The embedded venue, started in this process. */
  | { readonly kind: 'sim' };

export interface RecordArgs {
  readonly symbols: readonly string[];
  readonly durationMs: number;
  readonly file: string;
  readonly venue: RecordVenue;
}

/** data/recordings/<venue>-<symbols>-<UTC time>.jsonl.gz, relative to the working directory (the repository root under pnpm). */
function defaultRecordingPath(venueName: string, symbols: readonly string[], nowMs: number): string {
  const named = symbols.length <= 3 ? symbols.join('_') : `${symbols.slice(0, 2).join('_')}_and_${symbols.length - 2}_more`;
  return join('data', 'recordings', `${venueName}-${named}-${fileStamp(nowMs)}.jsonl.gz`);
}

export function parseRecordArgs(argv: readonly string[], nowMs: number): RecordArgs {
  const { values } = readFlags(argv, ['symbols', 'minutes', 'out', 'venue', 'rest-url', 'ws-url']);
  const symbols = symbolList('symbols', values.get('symbols'));
  const minutesText = values.get('minutes');
  if (minutesText === undefined) throw new UsageFault('--minutes is required, e.g. --minutes 10');
  const minutes = positiveNumber('minutes', minutesText, 0);
  if (minutes > 7 * 24 * 60) throw new UsageFault(`--minutes must be at most a week (10080), got ${minutesText}`);

  const venueName = values.get('venue') ?? 'bybit';
  const restText = values.get('rest-url');
  const wsText = values.get('ws-url');
  let venue: RecordVenue;
  if (venueName === 'sim') {
    if (restText !== undefined || wsText !== undefined) throw new UsageFault('--venue sim starts its own venue: leave out --rest-url and --ws-url');
    venue = { kind: 'sim' };
  } else if (venueName === 'bybit' || venueName === 'testnet') {
    const endpoints = publicEndpoints[venueName];
    venue = {
      kind: 'remote',
      name: venueName,
      restUrl: restText === undefined ? endpoints.restUrl : urlArg('rest-url', restText, ['http:', 'https:']),
      wsPublicUrl: wsText === undefined ? endpoints.wsPublicUrl : urlArg('ws-url', wsText, ['ws:', 'wss:']),
    };
  } else {
    throw new UsageFault(`--venue must be bybit, testnet or sim, got ${JSON.stringify(venueName)}`);
  }
  const out = values.get('out');
  if (out !== undefined && !/\.jsonl(\.gz)?$/.test(out)) throw new UsageFault(`--out must end in .jsonl or .jsonl.gz, got ${out}`);
  return {
    symbols,
    durationMs: Math.round(minutes * 60_000),
    file: out ?? defaultRecordingPath(venueName, symbols, nowMs),
    venue,
  };
}
