import { describe, expect, it } from '@jest/globals';
import { eraseBlock, fitStatus, redraw, truncate, visibleWidth } from './status-block.js';

const groups = [
  ['ETHUSDT score 3.39e+7', 'last 3378.71', 'momentum +0.005 % / 0.100 %', 'blocked: ready'],
  ['position flat', 'trips 0  win -  net +0.00 USDT', 'orders 0 fills 0'],
];

describe('status block', () => {
  it('counts columns without escape sequences, and multi-byte characters as one', () => {
    expect(visibleWidth('\x1b[32mINFO\x1b[39m frame→decision 95 µs')).toBe('INFO frame→decision 95 µs'.length);
  });

  it('cuts a line to the width with an ellipsis, and leaves a short one alone', () => {
    expect(truncate('momentum +0.005 %', 10)).toBe('momentum…');
    expect(truncate('→µ→µ', 3)).toBe('→µ…');
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('anything', 0)).toBe('');
  });

  it('puts both groups on one line when they fit, one line per group otherwise, each within the width', () => {
    const one = fitStatus(groups, 200);
    expect(one).toEqual([`${groups[0]?.join(' | ')} | ${groups[1]?.join(' | ')}`]);
    const two = fitStatus(groups, 90);
    expect(two).toEqual([groups[0]?.join(' | '), groups[1]?.join(' | ')]);
    const narrow = fitStatus(groups, 40);
    expect(narrow).toHaveLength(2);
    for (const line of narrow) expect(visibleWidth(line)).toBeLessThanOrEqual(39);
    expect(narrow[0]).toBe('ETHUSDT score 3.39e+7 | last 3378.71 |…');
  });

  it('erases a block from the end of its last line: column 0, up to its first line, clear to the end of the screen', () => {
    expect(eraseBlock(0)).toBe('');
    expect(eraseBlock(1)).toBe('\r\x1b[J');
    expect(eraseBlock(2)).toBe('\r\x1b[1A\x1b[J');
  });

  it('redraws in one write: erase the old block, print the log lines where it stood, draw the new block below', () => {
    expect(redraw(2, 'a log line\n', ['status 1', 'status 2'])).toBe('\r\x1b[1A\x1b[Ja log line\nstatus 1\nstatus 2');
    expect(redraw(0, '', ['first status'])).toBe('first status');
  });
});
