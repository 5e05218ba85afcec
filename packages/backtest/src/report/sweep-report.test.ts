// Tests of the sweep reports (main thread): CSV column order and quoting, the overfitting flag, the HTML page.

import { describe, expect, it } from '@jest/globals';
import type { BacktestSummary } from '../core/backtest-types.js';
import type { SweepMeta, SweepRow } from '../sweep/sweep-types.js';
import { csvField, overfitReason, renderSweepCsv, renderSweepHtml } from './sweep-report.js';

function summary(netPnl: string, sharpe: number, trades = 10): BacktestSummary {
  return {
    startMs: 0,
    endMs: 1,
    startingBalance: '1000',
    endingEquity: '1000',
    trades,
    wins: 5,
    losses: trades - 5,
    winRate: 0.5,
    grossPnl: netPnl,
    fees: '0',
    netPnl,
    maxDrawdown: '12.5',
    maxDrawdownFraction: 0.0125,
    sharpe,
    sortino: sharpe,
    exposure: 0.2,
    avgHoldingMs: 1000,
  };
}

const rows: SweepRow[] = [
  { rank: 2, params: { threshold: 0.002, mode: 'a,"b"' }, inSample: summary('40', 2), outOfSample: summary('-5', 1.5, 4) },
  { rank: 1, params: { threshold: 0.001, mode: 'plain' }, inSample: summary('50.25', 3), outOfSample: summary('30', 2.5) },
  { rank: 3, params: { threshold: 0.003, mode: '<m>' }, inSample: summary('10', 4), outOfSample: summary('8', 1) },
];

const meta: SweepMeta = {
  data: 'recordings/<day>.jsonl',
  combinations: 3,
  search: 'grid: all 3 combinations',
  runs: 3,
  threads: 4,
  wallMs: 12_345,
  splitMs: Date.UTC(2026, 0, 5, 12),
  startMs: Date.UTC(2026, 0, 5, 0),
  endMs: Date.UTC(2026, 0, 6, 0),
  inSampleFraction: 0.5,
};

describe('renderSweepCsv', () => {
  it('writes rank, the parameters, then in-sample and out-of-sample columns, in rank order', () => {
    const lines = renderSweepCsv(rows).split('\r\n');
    expect(lines[0]).toBe(
      'rank,threshold,mode,inSample.trades,inSample.winRate,inSample.netPnl,inSample.maxDrawdown,inSample.sharpe,' +
        'outOfSample.trades,outOfSample.winRate,outOfSample.netPnl,outOfSample.maxDrawdown,outOfSample.sharpe',
    );
    expect(lines[1]).toBe('1,0.001,plain,10,0.5,50.25,12.5,3,10,0.5,30,12.5,2.5');
    expect(lines[2]).toBe('2,0.002,"a,""b""",10,0.5,40,12.5,2,4,0.5,-5,12.5,1.5');
    expect(lines).toHaveLength(5); // header, three rows, and the empty string after the final CRLF
    expect(lines[4]).toBe('');
  });

  it('quotes fields with commas, quotes or line breaks and nothing else', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rlf')).toBe('"cr\rlf"');
  });

  it('writes only the header for no rows', () => {
    expect(renderSweepCsv([]).split('\r\n')[0]).toMatch(/^rank,inSample\.trades,/);
  });
});

describe('overfitReason', () => {
  it('flags a row that lost out-of-sample after winning in-sample, or whose Sharpe more than halved', () => {
    expect(overfitReason(rows[0] as SweepRow)).toMatch(/negative/);
    expect(overfitReason(rows[1] as SweepRow)).toBeNull();
    expect(overfitReason(rows[2] as SweepRow)).toMatch(/Sharpe/);
  });
});

describe('renderSweepHtml', () => {
  const html = renderSweepHtml(rows, meta, { generatedAt: '2026-01-06T01:00:00Z' });

  it('is self-contained, with the scatter plot as inline SVG', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('http://');
    expect(html).not.toContain('https://');
    expect(html.match(/<svg class="chart"/g)).toHaveLength(1);
    expect(html.match(/<circle /g)).toHaveLength(3);
  });

  it('warns that ranking is in-sample only and marks the likely overfitted rows', () => {
    expect(html).toContain('class="warning"');
    expect(html).toMatch(/ranked on their <em>in-sample<\/em> results only/);
    expect(html).toContain('marks 2 of 3 rows');
    expect(html.match(/<span class="flag" title=/g)).toHaveLength(2);
  });

  it('shows the meta and escapes names and values', () => {
    expect(html).toContain('recordings/&lt;day&gt;.jsonl');
    expect(html).toContain('&lt;m&gt;');
    expect(html).not.toContain('<m>');
    expect(html).toContain('2026-01-05T12:00:00.000Z');
    expect(html).toContain('12.3 s');
  });

  it('renders with no rows', () => {
    const empty = renderSweepHtml([], { ...meta, combinations: 0 }, { generatedAt: 'now' });
    expect(empty).toContain('no rows');
    expect(empty).toContain('no data');
  });
});
