// A parameter sweep's results as CSV (RFC 4180) and as a self-contained HTML page (main thread, after the sweep),
// with an overfitting warning and a marker on rows whose out-of-sample results fall well short of in-sample.

import Big from 'big.js';
import type { BacktestSummary } from '../core/backtest-types.js';
import type { SweepMeta, SweepRow } from '../sweep/sweep-types.js';
import {
  colors,
  escapeHtml,
  formatIsoUtc,
  formatMoney,
  formatNumber,
  formatPercent,
  formatSeconds,
  renderEmpty,
  renderKeyValueTable,
  renderNote,
  renderPage,
  renderSection,
  renderTable,
  signClass,
  type Cell,
} from './html-kit.js';
import { renderChart, type ChartMarker } from './svg-chart.js';

export interface SweepHtmlOptions {
  readonly generatedAt: string;
}

const summaryColumns = ['trades', 'winRate', 'netPnl', 'maxDrawdown', 'sharpe'] as const;
const maxTableRows = 1000;

export function renderSweepCsv(rows: readonly SweepRow[]): string {
  const names = paramNames(rows);
  const header = ['rank', ...names, ...summaryColumns.map((c) => `inSample.${c}`), ...summaryColumns.map((c) => `outOfSample.${c}`)];
  const lines = [
    header,
    ...byRank(rows).map((row) => [
      String(row.rank),
      ...names.map((name) => paramText(row, name)),
      ...summaryFields(row.inSample),
      ...summaryFields(row.outOfSample),
    ]),
  ];
  return lines.map((fields) => fields.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Quoted only when needed: a comma, a double quote (doubled inside) or a line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Why a row looks overfitted, or null: it made money in-sample but lost out-of-sample, or its out-of-sample Sharpe is
 * under half of a positive in-sample Sharpe.
 */
export function overfitReason(row: SweepRow): string | null {
  const inNet = decimal(row.inSample.netPnl);
  const outNet = decimal(row.outOfSample.netPnl);
  if (inNet !== null && outNet !== null && inNet.gt(0) && outNet.lt(0)) {
    return 'out-of-sample net PnL is negative while in-sample is positive';
  }
  if (row.inSample.sharpe > 0 && row.outOfSample.sharpe < row.inSample.sharpe / 2) {
    return 'out-of-sample Sharpe is under half the in-sample Sharpe';
  }
  return null;
}

export function renderSweepHtml(rows: readonly SweepRow[], meta: SweepMeta, options: SweepHtmlOptions): string {
  const ranked = byRank(rows);
  const flagged = ranked.filter((row) => overfitReason(row) !== null).length;
  const body = [
    renderSection('Run', renderMeta(meta)),
    renderWarning(flagged, ranked.length),
    renderSection('In-sample against out-of-sample net PnL', renderScatter(ranked)),
    renderSection('Combinations by in-sample net PnL', renderRows(ranked)),
  ].join('\n');
  return renderPage(`Parameter sweep: ${meta.data}`, options.generatedAt, body);
}

function renderMeta(meta: SweepMeta): string {
  return renderKeyValueTable([
    ['Data', meta.data],
    ['Combinations', meta.combinations],
    ['Search', meta.search],
    ['Backtest runs', meta.runs],
    ['Threads', meta.threads],
    ['Wall time', `${formatSeconds(meta.wallMs)} s`],
    ['Start (UTC)', formatIsoUtc(meta.startMs)],
    ['In-sample / out-of-sample split (UTC)', formatIsoUtc(meta.splitMs)],
    ['In-sample part', `the first ${formatPercent(meta.inSampleFraction, 0)} of the time span`],
    ['End (UTC)', formatIsoUtc(meta.endMs)],
  ]);
}

function renderWarning(flagged: number, total: number): string {
  return [
    '<div class="warning" role="note">',
    '<p><strong>⚠ Beware of overfitting.</strong> Rows are ranked on their <em>in-sample</em> results only: with enough ',
    'combinations some will look good on that data by chance. The out-of-sample columns are data the ranking never saw. ',
    'A row whose out-of-sample net PnL is much worse than its in-sample net PnL, or negative, is likely overfitted; ',
    'prefer rows that hold up on both, and parameters whose neighbours score similarly.</p>',
    `<p><span class="flag">⚠</span> marks ${flagged} of ${total} rows: out-of-sample net PnL below zero while in-sample is `,
    'above, or out-of-sample Sharpe under half the in-sample Sharpe.</p>',
    '</div>',
  ].join('\n');
}

function renderScatter(rows: readonly SweepRow[]): string {
  const markers: ChartMarker[] = [];
  for (const row of rows) {
    const reason = overfitReason(row);
    const params = Object.entries(row.params)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(', ');
    markers.push({
      x: Number(row.inSample.netPnl),
      y: Number(row.outOfSample.netPnl),
      color: reason === null ? colors.line : colors.sell,
      radius: 3.5,
      title:
        `#${row.rank} ${params}: in-sample ${row.inSample.netPnl}, out-of-sample ${row.outOfSample.netPnl}` + (reason === null ? '' : ` (${reason})`),
    });
  }
  const chart = renderChart({
    label: 'In-sample against out-of-sample net PnL per combination',
    xAxis: 'value',
    height: 360,
    markers,
    guideX: [0],
    guideY: [0],
    diagonal: true,
    emptyText: 'no data',
  });
  return `${chart}\n${renderNote('x: in-sample net PnL (USDT); y: out-of-sample net PnL (USDT); dashed: zero and y = x; red: flagged')}`;
}

function renderRows(rows: readonly SweepRow[]): string {
  if (rows.length === 0) return renderEmpty('no rows');
  const names = paramNames(rows);
  const shown = rows.slice(0, maxTableRows);
  const headers = [
    'Rank',
    '',
    ...names,
    ...['IS trades', 'IS win', 'IS net', 'IS max DD', 'IS Sharpe'],
    ...['OOS trades', 'OOS win', 'OOS net', 'OOS max DD', 'OOS Sharpe'],
  ];
  const body = shown.map((row): Cell[] => {
    const reason = overfitReason(row);
    const flag: Cell = reason === null ? '' : { html: `<span class="flag" title="${escapeHtml(reason)}">⚠</span>`, className: 'flag' };
    return [row.rank, flag, ...names.map((name) => paramText(row, name)), ...summaryCells(row.inSample), ...summaryCells(row.outOfSample)];
  });
  const table = `<div class="scroll">${renderTable(headers, body)}</div>`;
  return shown.length < rows.length ? `${table}\n${renderNote(`showing the first ${shown.length} of ${rows.length} rows`)}` : table;
}

function summaryCells(s: BacktestSummary): Cell[] {
  return [
    s.trades,
    formatPercent(s.winRate),
    { html: escapeHtml(formatMoney(s.netPnl, 2)), className: signClass(s.netPnl) },
    formatMoney(s.maxDrawdown, 2),
    formatNumber(s.sharpe),
  ];
}

function summaryFields(s: BacktestSummary): string[] {
  return [String(s.trades), String(s.winRate), s.netPnl, s.maxDrawdown, String(s.sharpe)];
}

/** Every parameter name in the order first seen, so rows with different parameter sets still line up. */
function paramNames(rows: readonly SweepRow[]): string[] {
  const names = new Set<string>();
  for (const row of rows) for (const name of Object.keys(row.params)) names.add(name);
  return [...names];
}

function paramText(row: SweepRow, name: string): string {
  const value = row.params[name];
  return value === undefined ? '' : String(value);
}

function byRank(rows: readonly SweepRow[]): SweepRow[] {
  return [...rows].sort((a, b) => a.rank - b.rank);
}

function decimal(value: string): Big | null {
  try {
    return new Big(value);
  } catch {
    return null;
  }
}
