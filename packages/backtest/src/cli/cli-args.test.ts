// Tests of the backtest and sweep command lines (main thread): splitArgs takes the CLI's own flags out and passes
// the rest to the config loader; parseTimeArg reads ISO times and epoch milliseconds.

import { describe, expect, it } from '@jest/globals';
import { parseTimeArg, scalperEnv, splitArgs, timestampForFile, UsageFault } from './cli-args.js';

const own = ['data', 'from', 'to', 'report'];

describe('splitArgs', () => {
  it('takes its own flags written as --name value and --name=value', () => {
    const args = splitArgs(['--data', 'rec.jsonl.gz', '--from=2025-01-06T00:00:00Z', '--report', 'out.html'], own);
    expect([...args.own]).toEqual([
      ['data', 'rec.jsonl.gz'],
      ['from', '2025-01-06T00:00:00Z'],
      ['report', 'out.html'],
    ]);
    expect(args.configArgv).toEqual([]);
    expect([...args.switches]).toEqual([]);
  });

  it('keeps everything after the first = as the value', () => {
    expect(splitArgs(['--data=a=b.jsonl'], own).own.get('data')).toBe('a=b.jsonl');
  });

  it('passes config options through untouched and in order, with their values, in either form', () => {
    const argv = ['--strategy.momentumThreshold', '0.002', '--data', 'd', '--risk.maxDailyLossUsd=50', 'loose', '--strategy.nope', '1'];
    const args = splitArgs(argv, own);
    expect(args.own.get('data')).toBe('d');
    expect(args.configArgv).toEqual(['--strategy.momentumThreshold', '0.002', '--risk.maxDailyLossUsd=50', 'loose', '--strategy.nope', '1']);
  });

  it('records bare switches and leaves switches it does not know to the config loader', () => {
    const args = splitArgs(['--help', '--data', 'd', '--verbose'], own, ['help']);
    expect([...args.switches]).toEqual(['help']);
    expect(args.own.get('data')).toBe('d');
    expect(args.configArgv).toEqual(['--verbose']);
  });

  it('drops a lone -- (as pnpm passes it) and reads the flags after it', () => {
    const args = splitArgs(['--', '--data', 'd', '--strategy.windowTicks', '20'], own);
    expect(args.own.get('data')).toBe('d');
    expect(args.configArgv).toEqual(['--strategy.windowTicks', '20']);
  });

  it('lets a later copy of a flag win', () => {
    expect(splitArgs(['--data', 'first', '--data=second'], own).own.get('data')).toBe('second');
  });

  it.each([
    ['at the end', ['--data', 'd', '--report']],
    ['empty after =', ['--data=']],
    ['empty as the next word', ['--data', '']],
  ])('refuses an own flag without a value %s with a UsageFault naming it', (_where, argv) => {
    expect(() => splitArgs(argv, own)).toThrow(UsageFault);
    expect(() => splitArgs(argv, own)).toThrow(/^--(data|report) needs a value$/);
  });

  // `--data --report out.html` once took "--report" as the data path and handed "out.html" to the config loader.
  it('refuses an own flag followed by another flag instead of a value', () => {
    expect(() => splitArgs(['--data', '--report', 'out.html'], own)).toThrow('--data needs a value');
  });

  it('does not take a flag that only starts like one of its own', () => {
    const args = splitArgs(['--datafile', 'x', '--data.x', 'y'], own);
    expect(args.own.size).toBe(0);
    expect(args.configArgv).toEqual(['--datafile', 'x', '--data.x', 'y']);
  });
});

describe('parseTimeArg', () => {
  it('gives undefined when the flag was not given', () => {
    expect(parseTimeArg('from', undefined)).toBeUndefined();
  });

  it('reads an ISO time', () => {
    expect(parseTimeArg('from', '2026-11-25T10:00:00Z')).toBe(Date.UTC(2026, 10, 25, 10));
    expect(parseTimeArg('to', '2026-11-25T10:00:00.250+01:00')).toBe(Date.UTC(2026, 10, 25, 9, 0, 0, 250));
  });

  it('reads digits as epoch milliseconds, not as a year', () => {
    expect(parseTimeArg('from', '1736121600000')).toBe(1_736_121_600_000);
    expect(parseTimeArg('from', '2026')).toBe(2026);
  });

  it.each(['yesterday', '', '12:00', '2026-13-45', '1e12'])('refuses %p with a UsageFault naming the flag and the text', (text) => {
    expect(() => parseTimeArg('to', text)).toThrow(UsageFault);
    expect(() => parseTimeArg('to', text)).toThrow(`--to must be an ISO time (2026-11-25T10:00:00Z) or epoch milliseconds, got "${text}"`);
  });

  // "-5" is neither an ISO time nor epoch ms, but V8's Date.parse reads it as a day in 2001: it used to be taken.
  it('refuses a negative number, which is neither an ISO time nor epoch milliseconds', () => {
    expect(() => parseTimeArg('from', '-5')).toThrow(UsageFault);
  });
});

describe('scalperEnv and timestampForFile', () => {
  it('keeps only the SCALPER_ variables', () => {
    expect(scalperEnv({ SCALPER_LOG_LEVEL: 'debug', PATH: '/bin', SCALPER_X: '', HOME: '/root' })).toEqual({
      SCALPER_LOG_LEVEL: 'debug',
      SCALPER_X: '',
    });
  });

  it('formats a time for a file name without colons', () => {
    expect(timestampForFile(Date.UTC(2025, 0, 6, 9, 5, 7, 123))).toBe('20250106T090507Z');
  });
});
