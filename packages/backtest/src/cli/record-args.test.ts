// Tests of `pnpm record` and `pnpm generate-data` argument parsing (main thread): defaults, and one clear line
// for each kind of bad usage.

import { describe, expect, it } from '@jest/globals';
import { defaultStartMs, parseGenerateDataArgs } from './generate-data-args.js';
import { UsageFault } from './flag-reader.js';
import { parseRecordArgs, publicEndpoints } from './record-args.js';

const now = Date.UTC(2025, 0, 6, 9, 30, 5, 123);

describe('record arguments', () => {
  it('defaults to Bybit mainnet public endpoints and a dated gzipped file under data/recordings', () => {
    expect(parseRecordArgs(['--', '--symbols', 'BTCUSDT,ETHUSDT', '--minutes', '10'], now)).toEqual({
      symbols: ['BTCUSDT', 'ETHUSDT'],
      durationMs: 600_000,
      file: 'data/recordings/bybit-BTCUSDT_ETHUSDT-20250106T093005Z.jsonl.gz',
      venue: { kind: 'remote', name: 'bybit', ...publicEndpoints.bybit },
    });
  });

  it('takes the embedded venue, testnet, explicit URLs and fractional minutes', () => {
    expect(parseRecordArgs(['--symbols', 'SUIUSDT', '--minutes=0.5', '--venue', 'sim', '--out', 'x.jsonl'], now)).toMatchObject({
      durationMs: 30_000,
      file: 'x.jsonl',
      venue: { kind: 'sim' },
    });
    const custom = parseRecordArgs(
      ['--symbols', 'SUIUSDT', '--minutes', '1', '--venue', 'testnet', '--ws-url', 'ws://127.0.0.1:9/v5/public/linear'],
      now,
    );
    expect(custom.venue).toEqual({
      kind: 'remote',
      name: 'testnet',
      restUrl: publicEndpoints.testnet.restUrl,
      wsPublicUrl: 'ws://127.0.0.1:9/v5/public/linear',
    });
  });

  it.each([
    [['--minutes', '10'], '--symbols is required'],
    [['--symbols', 'BTCUSDT'], '--minutes is required'],
    [['--symbols', 'btcusdt', '--minutes', '1'], '"btcusdt" is not a symbol'],
    [['--symbols', 'BTCUSDT,BTCUSDT', '--minutes', '1'], 'lists a symbol twice'],
    [['--symbols', 'BTCUSDT', '--minutes', '-1'], '--minutes needs a positive number, got "-1"'],
    [['--symbols', 'BTCUSDT', '--minutes', 'ten'], '--minutes needs a positive number'],
    [['--symbols', 'BTCUSDT', '--minutes', '1', '--venue', 'kraken'], '--venue must be bybit, testnet or sim'],
    [['--symbols', 'BTCUSDT', '--minutes', '1', '--venue', 'sim', '--rest-url', 'http://x'], 'leave out --rest-url'],
    [['--symbols', 'BTCUSDT', '--minutes', '1', '--ws-url', 'http://x'], '--ws-url must start with ws:// or wss://'],
    [['--symbols', 'BTCUSDT', '--minutes', '1', '--out', 'x.csv'], '--out must end in .jsonl or .jsonl.gz'],
    [['--symbols', 'BTCUSDT', '--minutes', '1', '--speed', '2'], 'unknown flag --speed'],
  ])('refuses %j with a clear line', (argv, message) => {
    expect(() => parseRecordArgs(argv, now)).toThrow(UsageFault);
    expect(() => parseRecordArgs(argv, now)).toThrow(message);
  });
});

describe('generate-data arguments', () => {
  it('reads the sample command and fills in the defaults', () => {
    expect(parseGenerateDataArgs(['--', '--symbols', 'SUIUSDT,WIFUSDT', '--hours', '3', '--seed', '7', '--out', 'data/sample/x.jsonl.gz'])).toEqual({
      symbols: ['SUIUSDT', 'WIFUSDT'],
      hours: 3,
      seed: 7,
      market: 'live-like',
      tradesPerSecond: 2,
      startMs: defaultStartMs,
      file: 'data/sample/x.jsonl.gz',
    });
    expect(parseGenerateDataArgs(['--symbols', 'SUIUSDT', '--hours', '1', '--out', 'a.jsonl', '--market', 'calm'])).toMatchObject({ market: 'calm' });
    expect(() => parseGenerateDataArgs(['--symbols', 'SUIUSDT', '--hours', '1', '--out', 'a.jsonl', '--market', 'wild'])).toThrow(
      /--market must be live-like or calm/,
    );
    expect(
      parseGenerateDataArgs([
        '--symbols',
        'SUIUSDT',
        '--hours',
        '1',
        '--out',
        'a.jsonl',
        '--book-interval-ms',
        '300',
        '--ticker-interval-ms',
        '3000',
        '--start',
        '2025-02-01T00:00:00Z',
      ]),
    ).toMatchObject({ bookIntervalMs: 300, tickerIntervalMs: 3_000, startMs: Date.UTC(2025, 1, 1) });
  });

  it.each([
    [['--symbols', 'NOPEUSDT', '--hours', '1', '--out', 'a.jsonl'], 'the simulator does not list NOPEUSDT'],
    [['--symbols', 'SUIUSDT', '--out', 'a.jsonl'], '--hours is required'],
    [['--symbols', 'SUIUSDT', '--hours', '1'], '--out is required'],
    [['--symbols', 'SUIUSDT', '--hours', '1', '--out', 'a.jsonl', '--seed', '1.5'], '--seed needs an integer'],
    [['--symbols', 'SUIUSDT', '--hours', '1', '--out', 'a.jsonl', '--book-interval-ms', '50'], '--book-interval-ms needs an integer from 100'],
  ])('refuses %j with a clear line', (argv, message) => {
    expect(() => parseGenerateDataArgs(argv)).toThrow(message);
  });
});
