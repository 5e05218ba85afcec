// Parses `pnpm venue` arguments (venue process, main thread) into VenueOptions; a bad argument is a clear error.

import { isMarketProfileName, type MarketProfileName } from '../core/market/market-profile.js';
import { dropArgSeparators } from './script-argv.js';
import type { VenueOptions } from './start-venue.js';

export const venueUsage =
  'usage: pnpm venue [--port N] [--host H] [--seed S] [--market live-like|calm] [--rate TRADES_PER_SECOND_PER_SYMBOL] [--steady-rate] [--tick-ms MS] [--balance USDT] ' +
  '[--api-key K --api-secret S] [--fault name=value]... [--replay FILE.jsonl[.gz]|FOLDER [--replay-speed max|FACTOR]]';

function integerArg(name: string, text: string | undefined, min: number, max: number): number {
  if (text === undefined || !/^\d+$/.test(text)) throw new Error(`--${name} needs an integer, got ${JSON.stringify(text)}`);
  const value = Number(text);
  if (value < min || value > max) throw new Error(`--${name} must be from ${min} to ${max}, got ${value}`);
  return value;
}

/** Arguments with or without pnpm's `--` (`pnpm venue -- --port 0` and `pnpm venue --port 0` are the same). */
export function parseVenueArgs(rawArgv: readonly string[]): VenueOptions {
  const argv = dropArgSeparators(rawArgv);
  let port = 0;
  let host = '127.0.0.1';
  let seed = 42;
  let rate: number | undefined;
  let market: MarketProfileName | undefined;
  let steadyTradeRate = false;
  let tickIntervalMs: number | undefined;
  let balance: string | undefined;
  let apiKey: string | undefined;
  let apiSecret: string | undefined;
  const faults: string[] = [];
  let replayFile: string | undefined;
  let replaySpeed: 'max' | number = 1;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    const value = argv[i + 1];
    i++;
    switch (flag) {
      case '--port':
        port = integerArg('port', value, 0, 65_535);
        break;
      case '--host':
        if (value !== '127.0.0.1' && value !== 'localhost' && value !== '::1')
          throw new Error('--host must be 127.0.0.1, localhost or ::1: the venue is for this machine only');
        host = value;
        break;
      case '--steady-rate':
        steadyTradeRate = true;
        i--; // a switch: takes no value
        break;
      case '--tick-ms':
        tickIntervalMs = integerArg('tick-ms', value, 1, 1_000);
        break;
      case '--seed':
        seed = integerArg('seed', value, 0, 2 ** 31 - 1);
        break;
      case '--market':
        if (value === undefined || !isMarketProfileName(value)) throw new Error(`--market must be live-like or calm, got ${JSON.stringify(value)}`);
        market = value;
        break;
      case '--rate':
        rate = integerArg('rate', value, 1, 1_000_000);
        break;
      case '--balance':
        if (value === undefined || !/^\d+(\.\d+)?$/.test(value))
          throw new Error(`--balance needs a decimal amount of USDT, got ${JSON.stringify(value)}`);
        balance = value;
        break;
      case '--api-key':
        apiKey = value;
        break;
      case '--api-secret':
        apiSecret = value;
        break;
      case '--replay':
        if (value === undefined || value.startsWith('--')) throw new Error('--replay needs a file');
        replayFile = value;
        break;
      case '--replay-speed':
        if (value === 'max') replaySpeed = 'max';
        else if (value !== undefined && /^\d+(\.\d+)?$/.test(value) && Number(value) > 0) replaySpeed = Number(value);
        else throw new Error(`--replay-speed must be max or a positive factor, got ${JSON.stringify(value)}`);
        break;
      case '--fault':
        if (value === undefined) throw new Error('--fault needs name=value');
        faults.push(value);
        break;
      default:
        throw new Error(`unknown argument ${flag}; ${venueUsage}`);
    }
  }
  if ((apiKey === undefined) !== (apiSecret === undefined)) throw new Error('--api-key and --api-secret go together');
  return {
    port,
    host,
    seed,
    faults,
    ...(rate === undefined ? {} : { tradesPerSecondPerSymbol: rate }),
    ...(market === undefined ? {} : { market }),
    ...(steadyTradeRate ? { steadyTradeRate } : {}),
    ...(tickIntervalMs === undefined ? {} : { tickIntervalMs }),
    ...(balance === undefined ? {} : { startingBalance: balance }),
    ...(apiKey === undefined || apiSecret === undefined ? {} : { accounts: [{ apiKey, apiSecret }] }),
    ...(replayFile === undefined ? {} : { replay: { file: replayFile, speed: replaySpeed } }),
  };
}
