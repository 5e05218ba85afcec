// One backtest's report as a single self-contained HTML document (main thread, after the run): summary, parameters,
// equity and drawdown charts, per-symbol price charts with the round trips and fills, and the round-trip table.

import type { BacktestResult, EquityPoint, FillRecord, PriceSeries, RoundTrip } from '../core/backtest-types.js';
import {
  colors,
  escapeHtml,
  formatIsoUtc,
  formatMoney,
  formatNumber,
  formatPercent,
  formatSeconds,
  formatTimeUtc,
  renderEmpty,
  renderKeyValueTable,
  renderNote,
  renderPage,
  renderSection,
  renderTable,
  signClass,
  type Cell,
} from './html-kit.js';
import { renderChart, thinPoints, type ChartMarker, type ChartSegment, type XY } from './svg-chart.js';

export interface BacktestReportOptions {
  readonly title: string;
  readonly generatedAt: string;
}

const maxTableRows = 1000;
const maxTripsPerChart = 1000;
const maxFillsPerChart = 2000;
const maxChartPoints = 2000;

export function renderBacktestReport(result: BacktestResult, options: BacktestReportOptions): string {
  const body = [
    renderSection('Summary', renderSummary(result)),
    renderSection('Parameters', renderParams(result.params)),
    renderSection('Equity (USDT)', renderEquityChart(result)),
    renderSection('Drawdown (% below the running peak)', renderDrawdownChart(result)),
    renderSection('Prices', renderPriceCharts(result)),
    renderSection('Round trips', renderTrips(result.roundTrips)),
  ].join('\n');
  return renderPage(options.title, options.generatedAt, body);
}

function renderSummary(result: BacktestResult): string {
  const s = result.summary;
  const money = (value: string): Cell => ({ html: escapeHtml(formatMoney(value, 4)), className: signClass(value) });
  const replay = result.replay;
  return renderKeyValueTable([
    ['Start (UTC)', formatIsoUtc(s.startMs)],
    ['End (UTC)', formatIsoUtc(s.endMs)],
    ['Starting balance', formatMoney(s.startingBalance, 2)],
    ['Ending equity', formatMoney(s.endingEquity, 2)],
    ['Trades', s.trades],
    ['Wins / losses', `${s.wins} / ${s.losses}`],
    ['Win rate', formatPercent(s.winRate)],
    ['Gross PnL', money(s.grossPnl)],
    ['Fees', formatMoney(s.fees, 4)],
    ['Net PnL', money(s.netPnl)],
    ['Max drawdown', `${formatMoney(s.maxDrawdown, 2)} USDT (${formatPercent(s.maxDrawdownFraction, 2)})`],
    ['Sharpe (annualised, 1-min returns)', formatNumber(s.sharpe)],
    ['Sortino (annualised, 1-min returns)', formatNumber(s.sortino)],
    ['Exposure', formatPercent(s.exposure)],
    ['Average holding time', `${formatSeconds(s.avgHoldingMs)} s`],
    [
      'Replay',
      `${replay.frames} frames, ${replay.trades} trades, ${replay.ticks} ticks, ` +
        `${replay.symbolSwitches} symbol switches in ${formatSeconds(replay.wallMs)} s`,
    ],
  ]);
}

function renderParams(params: BacktestResult['params']): string {
  const entries = Object.entries(params);
  if (entries.length === 0) return renderEmpty('no parameters');
  return renderKeyValueTable(entries.map(([key, value]) => [key, String(value)]));
}

function renderEquityChart(result: BacktestResult): string {
  const points = thinPoints(
    result.equity.map((p) => ({ x: p.tsMs, y: p.equity })),
    maxChartPoints,
  );
  return renderChart({
    label: 'Equity curve',
    xAxis: 'time',
    lines: [{ points, color: colors.line }],
    guideY: [Number(result.summary.startingBalance)],
    emptyText: 'no data',
  });
}

/** Underwater curve: percent below the running peak, which starts at the starting balance as the summary's does. */
export function drawdownSeries(startingBalance: number, equity: readonly EquityPoint[]): XY[] {
  let peak = startingBalance;
  return equity.map((p) => {
    if (p.equity > peak) peak = p.equity;
    return { x: p.tsMs, y: peak > 0 ? (p.equity / peak - 1) * 100 : 0 };
  });
}

function renderDrawdownChart(result: BacktestResult): string {
  const points = thinPoints(drawdownSeries(Number(result.summary.startingBalance), result.equity), maxChartPoints);
  return renderChart({
    label: 'Drawdown',
    xAxis: 'time',
    height: 200,
    lines: [{ points, color: colors.drawdown, fillToZero: true }],
    formatY: (v) => `${v.toFixed(Math.abs(v) < 1 ? 2 : 1)}%`,
    emptyText: 'no data',
  });
}

function renderPriceCharts(result: BacktestResult): string {
  if (result.prices.length === 0) return renderEmpty('no data');
  return result.prices.map((series) => renderPriceChart(series, result.roundTrips, result.fills)).join('\n');
}

function renderPriceChart(series: PriceSeries, allTrips: readonly RoundTrip[], allFills: readonly FillRecord[]): string {
  const trips = allTrips.filter((t) => t.symbol === series.symbol);
  const fills = allFills.filter((f) => f.symbol === series.symbol);
  const shownTrips = trips.slice(0, maxTripsPerChart);
  const shownFills = fills.slice(0, maxFillsPerChart);
  const markers: ChartMarker[] = [];
  const segments: ChartSegment[] = [];
  for (const f of shownFills) {
    const title = `fill ${f.side} ${f.qty} @ ${f.price} ${formatTimeUtc(f.tsMs)}${f.isMaker ? ' maker' : ''}`;
    markers.push({ x: f.tsMs, y: Number(f.price), color: f.side === 'Buy' ? colors.buy : colors.sell, radius: 2, title });
  }
  for (const t of shownTrips) {
    const entry = Number(t.entryPrice);
    const exit = Number(t.exitPrice);
    const color = t.side === 'Buy' ? colors.buy : colors.sell;
    segments.push({ x1: t.entryTsMs, y1: entry, x2: t.exitTsMs, y2: exit, color });
    const entryTitle = `${t.side} ${t.qty} @ ${t.entryPrice} ${formatTimeUtc(t.entryTsMs)}`;
    const exitTitle = `exit @ ${t.exitPrice} ${formatTimeUtc(t.exitTsMs)}: net ${t.netPnl} (${t.exitReason})`;
    markers.push({ x: t.entryTsMs, y: entry, color, glyph: t.side === 'Buy' ? '▲' : '▼', title: entryTitle });
    markers.push({ x: t.exitTsMs, y: exit, color: colors.exit, glyph: '×', title: exitTitle });
  }
  const points = thinPoints(
    series.points.map((p) => ({ x: p.tsMs, y: p.price })),
    maxChartPoints,
  );
  const chart = renderChart({
    label: `${series.symbol} price`,
    xAxis: 'time',
    lines: [{ points, color: colors.line, strokeWidth: 1 }],
    markers,
    segments,
    emptyText: 'no data',
  });
  const notes: string[] = [];
  if (trips.length === 0) notes.push('no trades');
  if (trips.length > shownTrips.length) notes.push(`showing the first ${shownTrips.length} of ${trips.length} round trips`);
  if (fills.length > shownFills.length) notes.push(`showing the first ${shownFills.length} of ${fills.length} fills`);
  const legend =
    `<p class="legend"><span style="color:${colors.buy}">▲ long entry</span><span style="color:${colors.sell}">▼ short entry</span>` +
    `<span style="color:${colors.exit}">× exit</span><span>● fill</span></p>`;
  return [`<h3>${escapeHtml(series.symbol)}</h3>`, chart, legend, ...notes.map(renderNote)].join('\n');
}

function renderTrips(trips: readonly RoundTrip[]): string {
  if (trips.length === 0) return renderEmpty('no trades');
  const shown = trips.slice(0, maxTableRows);
  const rows = shown.map((t): Cell[] => [
    t.symbol,
    { html: escapeHtml(t.side), className: t.side === 'Buy' ? 'pos' : 'neg' },
    t.qty,
    formatTimeUtc(t.entryTsMs),
    t.entryPrice,
    formatTimeUtc(t.exitTsMs),
    t.exitPrice,
    { html: escapeHtml(formatMoney(t.grossPnl, 4)), className: signClass(t.grossPnl) },
    formatMoney(t.fees, 4),
    { html: escapeHtml(formatMoney(t.netPnl, 4)), className: signClass(t.netPnl) },
    t.exitReason,
    formatSeconds(t.exitTsMs - t.entryTsMs),
  ]);
  const headers = ['Symbol', 'Side', 'Qty', 'Entry (UTC)', 'Entry price', 'Exit (UTC)', 'Exit price', 'Gross', 'Fees', 'Net', 'Reason', 'Held (s)'];
  const table = `<div class="scroll">${renderTable(headers, rows)}</div>`;
  return shown.length < trips.length ? `${table}\n${renderNote(`showing the first ${shown.length} of ${trips.length} round trips`)}` : table;
}
