// Tests of the backtest HTML report (main thread): self-contained, escaped, and drawn even without trades or data.

import { describe, expect, it } from '@jest/globals';
import type { BacktestResult, BacktestSummary, RoundTrip } from '../core/backtest-types.js';
import { drawdownSeries, renderBacktestReport } from './html-report.js';

const summary: BacktestSummary = {
  startMs: Date.UTC(2026, 0, 5, 10),
  endMs: Date.UTC(2026, 0, 5, 11),
  startingBalance: '1000',
  endingEquity: '1001.5',
  trades: 1,
  wins: 1,
  losses: 0,
  winRate: 1,
  grossPnl: '2',
  fees: '0.5',
  netPnl: '1.5',
  maxDrawdown: '3',
  maxDrawdownFraction: 0.003,
  sharpe: 1.25,
  sortino: 2.5,
  exposure: 0.1,
  avgHoldingMs: 60_000,
};

const t0 = summary.startMs;
const trip: RoundTrip = {
  symbol: '<X>',
  side: 'Buy',
  qty: '1',
  entryTsMs: t0 + 60_000,
  exitTsMs: t0 + 120_000,
  entryPrice: '100',
  exitPrice: '102',
  grossPnl: '2',
  fees: '0.5',
  netPnl: '1.5',
  exitReason: 'take "profit" & <run>',
};

function result(overrides: Partial<BacktestResult> = {}): BacktestResult {
  return {
    params: { momentumThreshold: 0.002, 'label<b>': 'a&b' },
    summary,
    decisions: [],
    fills: [
      { tsMs: trip.entryTsMs, symbol: '<X>', side: 'Buy', price: '100', qty: '1', fee: '0.3', isMaker: false, orderLinkId: 'a' },
      { tsMs: trip.exitTsMs, symbol: '<X>', side: 'Sell', price: '102', qty: '1', fee: '0.2', isMaker: true, orderLinkId: 'b' },
    ],
    roundTrips: [trip],
    equity: Array.from({ length: 5000 }, (_, i) => ({ tsMs: t0 + i * 700, equity: 1000 + Math.sin(i / 50) * 3 })),
    prices: [{ symbol: '<X>', points: Array.from({ length: 5000 }, (_, i) => ({ tsMs: t0 + i * 700, price: 100 + (i % 300) / 100 })) }],
    exposureIntervals: [{ startMs: trip.entryTsMs, endMs: trip.exitTsMs }],
    replay: { frames: 10, trades: 5000, ticks: 5000, wallMs: 1234, symbolSwitches: 0 },
    ...overrides,
  };
}

describe('renderBacktestReport', () => {
  it('is one self-contained document: no external scripts, stylesheets or links', () => {
    const html = renderBacktestReport(result(), { title: 'Run 1', generatedAt: '2026-01-05T12:00:00Z' });
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toContain('http://');
    expect(html).not.toContain('https://');
    expect(html).not.toMatch(/url\(/);
  });

  it('draws the equity, drawdown and price charts as inline SVG with the trip markers', () => {
    const html = renderBacktestReport(result(), { title: 'Run 1', generatedAt: 'now' });
    expect(html.match(/<svg class="chart"/g)).toHaveLength(3);
    expect(html).toContain('▲');
    expect(html).toContain('×');
    expect(html).toMatch(/>10:0\d:00</); // an HH:MM:SS tick
  });

  it('escapes every string it prints: symbols, parameters and exit reasons', () => {
    const html = renderBacktestReport(result(), { title: 'A <b>', generatedAt: 'now' });
    expect(html).not.toContain('<X>');
    expect(html).toContain('&lt;X&gt;');
    expect(html).toContain('label&lt;b&gt;');
    expect(html).toContain('take &quot;profit&quot; &amp; &lt;run&gt;');
    expect(html).not.toContain('<b>');
  });

  it('thins long series to about 2000 points per chart', () => {
    const html = renderBacktestReport(result(), { title: 'Run', generatedAt: 'now' });
    for (const path of html.match(/<path d="M[^"]*"/g) ?? []) expect(path.split('L').length).toBeLessThanOrEqual(2004);
  });

  it('renders a run without trades or data, saying so', () => {
    const empty = result({
      summary: { ...summary, trades: 0, wins: 0, winRate: 0, grossPnl: '0', fees: '0', netPnl: '0' },
      fills: [],
      roundTrips: [],
      equity: [],
      prices: [],
      params: {},
    });
    const html = renderBacktestReport(empty, { title: 'Empty', generatedAt: 'now' });
    expect(html).toContain('no trades');
    expect(html).toContain('no data');
    expect(html).toContain('no parameters');
    expect(html.match(/<svg class="chart"/g)).toHaveLength(2);
  });

  it('caps the round-trip table at 1000 rows with a note', () => {
    const trips = Array.from({ length: 1200 }, (_, i) => ({ ...trip, symbol: 'BTCUSDT', entryTsMs: t0 + i, exitTsMs: t0 + i + 1 }));
    const html = renderBacktestReport(result({ roundTrips: trips, prices: [] }), { title: 'Many', generatedAt: 'now' });
    expect(html).toContain('showing the first 1000 of 1200 round trips');
    expect(html.split('<td>BTCUSDT</td>').length - 1).toBe(1000);
  });
});

describe('drawdownSeries', () => {
  it('measures percent below the running peak, starting from the starting balance', () => {
    const points = drawdownSeries(100, [
      { tsMs: 1, equity: 90 },
      { tsMs: 2, equity: 120 },
      { tsMs: 3, equity: 108 },
    ]);
    expect(points.map((p) => Math.round(p.y * 1e9) / 1e9)).toEqual([-10, 0, -10]);
  });
});
