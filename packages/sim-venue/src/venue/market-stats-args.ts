// Parses `pnpm market-stats` arguments (main thread of that process) into measureMarket options; a bad argument
// is an Error whose message is the one line the CLI prints before it exits with code 2.

import { findInstrument, instrumentCatalog } from '../core/market/instrument-catalog.js';
import { isMarketProfileName } from '../core/market/market-profile.js';
import type { MarketStatisticsOptions } from '../core/market/market-statistics.js';
import { dropArgSeparators } from './script-argv.js';

export const marketStatsUsage =
  'usage: pnpm market-stats [-- --symbol WIFUSDT] [--minutes 60] [--seeds 42|1-10|1,2,3] [--market live-like|calm] [--trades-per-second 20] [--json]';

/** The scanner's defaults (config/default.json), for the top-coin shares. */
const defaultWhitelist = ['SUIUSDT', 'WIFUSDT', 'VIRTUALUSDT', 'RENDERUSDT', 'SEIUSDT', '1000PEPEUSDT'] as const;

export interface MarketStatsArgs {
  readonly runs: readonly MarketStatisticsOptions[];
  readonly json: boolean;
}

function seedsFrom(text: string): number[] {
  const range = /^(\d+)-(\d+)$/.exec(text);
  const seeds =
    range !== null ? Array.from({ length: Number(range[2]) - Number(range[1]) + 1 }, (_, i) => Number(range[1]) + i) : text.split(',').map(Number);
  if (seeds.length === 0 || seeds.length > 100 || seeds.some((seed) => !Number.isSafeInteger(seed) || seed < 0 || seed > 2 ** 31 - 1)) {
    throw new Error(`--seeds takes a seed, a range such as 1-10 or a list such as 1,2,3 (at most 100), got ${JSON.stringify(text)}`);
  }
  return seeds;
}

export function parseMarketStatsArgs(rawArgv: readonly string[]): MarketStatsArgs {
  const argv = dropArgSeparators(rawArgv);
  let symbol = 'WIFUSDT';
  let minutes = 60;
  let seeds = [42];
  let market = 'live-like';
  let tradesPerSecond = 20;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    if (flag === '--json') {
      json = true;
      continue;
    }
    const value = argv[++i];
    if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value; ${marketStatsUsage}`);
    switch (flag) {
      case '--symbol':
        if (findInstrument(instrumentCatalog, value) === undefined) throw new Error(`--symbol: the venue does not list ${value}`);
        symbol = value;
        break;
      case '--minutes':
        minutes = Number(value);
        if (!(minutes >= 1 && minutes <= 24 * 60)) throw new Error(`--minutes must be from 1 to 1440, got ${JSON.stringify(value)}`);
        break;
      case '--seeds':
        seeds = seedsFrom(value);
        break;
      case '--market':
        if (!isMarketProfileName(value)) throw new Error(`--market must be live-like or calm, got ${JSON.stringify(value)}`);
        market = value;
        break;
      case '--trades-per-second':
        tradesPerSecond = Number(value);
        if (!(tradesPerSecond > 0 && tradesPerSecond <= 10_000))
          throw new Error(`--trades-per-second must be in (0, 10000], got ${JSON.stringify(value)}`);
        break;
      default:
        throw new Error(`unknown argument ${flag}; ${marketStatsUsage}`);
    }
  }
  const profile = market as MarketStatisticsOptions['profile'];
  return {
    json,
    runs: seeds.map((seed) => ({ symbol, minutes, seed, profile, tradesPerSecond, whitelist: defaultWhitelist, whitelistBoost: 1.3 })),
  };
}
