// Tests of the status line's "blocked:" words (Jest thread): the gates in entryBlock's order, with their details.

import { describe, expect, it } from '@jest/globals';
import { entryReadiness, type ReadinessInput } from './entry-readiness.js';

const ready: ReadinessInput = {
  nowMs: 100_000,
  phase: 'flat',
  halted: false,
  feedState: 'live',
  entryAllowedAtMs: Number.NEGATIVE_INFINITY,
  bookAgeMs: 20,
  spreadBps: 1.5,
  staleDataMs: 500,
  maxEntrySpreadBps: 50,
};

describe('entryReadiness', () => {
  it('says ready when no gate would stop a signal', () => {
    expect(entryReadiness(ready)).toBe('ready');
  });

  it('names the first gate that would stop an entry, with the detail a person needs', () => {
    expect(entryReadiness({ ...ready, phase: 'no-symbol', feedState: 'stalled' })).toBe('no symbol yet');
    expect(entryReadiness({ ...ready, phase: 'no-symbol', halted: true })).toBe('halted');
    expect(entryReadiness({ ...ready, halted: true, feedState: 'stalled', phase: 'open' })).toBe('halted');
    expect(entryReadiness({ ...ready, feedState: 'reconnecting', phase: 'open' })).toBe('feed reconnecting');
    expect(entryReadiness({ ...ready, phase: 'entering' })).toBe('entering');
    expect(entryReadiness({ ...ready, phase: 'open', entryAllowedAtMs: 200_000 })).toBe('in position');
    expect(entryReadiness({ ...ready, phase: 'exiting' })).toBe('closing');
    expect(entryReadiness({ ...ready, entryAllowedAtMs: 141_500, bookAgeMs: 9_999 })).toBe('cooldown 42 s');
    expect(entryReadiness({ ...ready, bookAgeMs: Number.POSITIVE_INFINITY, spreadBps: Number.NaN })).toBe('no book');
    expect(entryReadiness({ ...ready, bookAgeMs: 812.4 })).toBe('stale book (812 ms)');
    expect(entryReadiness({ ...ready, spreadBps: 63.21 })).toBe('wide spread 63.2 bps');
  });

  it('is ready again the moment a cooldown ends', () => {
    expect(entryReadiness({ ...ready, entryAllowedAtMs: 100_000 })).toBe('ready');
    expect(entryReadiness({ ...ready, entryAllowedAtMs: 100_001 })).toBe('cooldown 1 s');
  });
});
