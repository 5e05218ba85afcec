// Parses `pnpm generate-data` arguments (main thread) into generateDataset options; bad usage is a UsageFault.

import { findInstrument, instrumentCatalog, isMarketProfileName } from '@scalper/sim-venue';
import type { GenerateDatasetOptions } from '../data/generate-dataset.js';
import { integerIn, positiveNumber, readFlags, symbolList, timeArg, UsageFault } from './flag-reader.js';

export const generateDataUsage =
  'usage: pnpm generate-data -- --symbols SUIUSDT,WIFUSDT --hours 3 --out FILE.jsonl[.gz] [--seed N] ' +
  '[--market live-like|calm] [--trades-per-second N] [--book-interval-ms MS] [--ticker-interval-ms MS] [--start ISO_TIME|EPOCH_MS]';

/** A fixed default start, so the same command writes the same bytes on any day. */
export const defaultStartMs = Date.UTC(2025, 0, 6);

export function parseGenerateDataArgs(argv: readonly string[]): GenerateDatasetOptions {
  const { values } = readFlags(argv, [
    'symbols',
    'hours',
    'seed',
    'out',
    'trades-per-second',
    'book-interval-ms',
    'ticker-interval-ms',
    'start',
    'market',
  ]);
  const symbols = symbolList('symbols', values.get('symbols'));
  const unknown = symbols.filter((symbol) => findInstrument(instrumentCatalog, symbol) === undefined);
  if (unknown.length > 0) {
    throw new UsageFault(
      `--symbols: the simulator does not list ${unknown.join(', ')}; it lists ${instrumentCatalog.map((s) => s.symbol).join(',')}`,
    );
  }
  const hoursText = values.get('hours');
  if (hoursText === undefined) throw new UsageFault('--hours is required, e.g. --hours 3');
  const hours = positiveNumber('hours', hoursText, 0);
  if (hours > 24 * 31) throw new UsageFault(`--hours must be at most 744, got ${hoursText}`);
  const file = values.get('out');
  if (file === undefined) throw new UsageFault('--out is required, e.g. --out data/sample/sim-2h.jsonl.gz');
  if (!/\.jsonl(\.gz)?$/.test(file)) throw new UsageFault(`--out must end in .jsonl or .jsonl.gz, got ${file}`);
  const market = values.get('market') ?? 'live-like';
  if (!isMarketProfileName(market)) throw new UsageFault(`--market must be live-like or calm, got ${JSON.stringify(market)}`);
  const book = values.get('book-interval-ms');
  const ticker = values.get('ticker-interval-ms');
  return {
    symbols,
    hours,
    seed: integerIn('seed', values.get('seed'), 1, 0, 2 ** 31 - 1),
    market,
    tradesPerSecond: positiveNumber('trades-per-second', values.get('trades-per-second'), 2),
    startMs: timeArg('start', values.get('start'), defaultStartMs),
    file,
    ...(book === undefined ? {} : { bookIntervalMs: integerIn('book-interval-ms', book, 100, 100, 60_000) }),
    ...(ticker === undefined ? {} : { tickerIntervalMs: integerIn('ticker-interval-ms', ticker, 1_000, 100, 60_000) }),
  };
}
