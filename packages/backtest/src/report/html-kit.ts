// Shared pieces of the self-contained HTML reports (main thread, after a backtest or a sweep): escaping, number and
// time formatting, tables and the page shell with its inline CSS (charts: svg-chart.ts). Nothing external is loaded.

import Big from 'big.js';

const htmlEscapes: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => htmlEscapes[ch] ?? ch);
}

/** A decimal string at fixed decimals, exactly (big.js); an unparsable value is shown as it came. */
export function formatMoney(value: string, dp = 2): string {
  try {
    return new Big(value).toFixed(dp);
  } catch {
    return value;
  }
}

export function formatNumber(value: number, dp = 2): string {
  return Number.isFinite(value) ? value.toFixed(dp) : '–';
}

export function formatPercent(fraction: number, dp = 1): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(dp)} %` : '–';
}

export function formatSeconds(ms: number, dp = 1): string {
  return formatNumber(ms / 1000, dp);
}

/** HH:MM:SS in UTC: the axis labels and table times; the day is in the run's ISO start and end. */
export function formatTimeUtc(tsMs: number): string {
  if (!Number.isFinite(tsMs)) return '–';
  return new Date(tsMs).toISOString().slice(11, 19);
}

export function formatIsoUtc(tsMs: number): string {
  if (!Number.isFinite(tsMs) || Math.abs(tsMs) > 8.64e15) return '–';
  return new Date(tsMs).toISOString();
}

/** A table cell: text is escaped; `html` is trusted markup the caller built from escaped parts. */
export type Cell = string | number | { readonly html: string; readonly className?: string };

export function renderTable(headers: readonly string[], rows: readonly (readonly Cell[])[], className = 'data'): string {
  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map(renderCell).join('')}</tr>`).join('\n');
  return `<table class="${escapeHtml(className)}"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** A two-column table of labels and values. */
export function renderKeyValueTable(pairs: readonly (readonly [string, Cell])[]): string {
  const body = pairs.map(([key, value]) => `<tr><th scope="row">${escapeHtml(key)}</th>${renderCell(value)}</tr>`).join('\n');
  return `<table class="kv"><tbody>\n${body}\n</tbody></table>`;
}

export function renderEmpty(text: string): string {
  return `<p class="empty">${escapeHtml(text)}</p>`;
}

export function renderNote(text: string): string {
  return `<p class="note">${escapeHtml(text)}</p>`;
}

export function renderSection(heading: string, bodyHtml: string): string {
  return `<section>\n<h2>${escapeHtml(heading)}</h2>\n${bodyHtml}\n</section>`;
}

/** Class for a signed decimal string: green above zero, red below. */
export function signClass(value: string): string {
  try {
    const v = new Big(value);
    return v.gt(0) ? 'pos' : v.lt(0) ? 'neg' : '';
  } catch {
    return '';
  }
}

export const colors = {
  line: '#0969da',
  buy: '#1a7f37',
  sell: '#cf222e',
  exit: '#57606a',
  guide: '#8c959f',
  drawdown: '#cf222e',
} as const;

const css = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 16px 24px 48px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1f2328; background: #ffffff; }
h1 { font-size: 22px; margin: 8px 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
.meta, .note, .empty { color: #57606a; }
.empty { font-style: italic; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: 3px 10px; border-bottom: 1px solid #eaeef2; text-align: right; white-space: nowrap; }
th { font-weight: 600; background: #f6f8fa; }
table.kv th { text-align: left; }
table.kv td { text-align: left; }
table.data td:first-child, table.data th:first-child { text-align: left; }
.scroll { overflow-x: auto; }
.pos { color: #1a7f37; }
.neg { color: #cf222e; }
.flag { color: #bf4b00; font-weight: 700; }
.warning { border: 2px solid #bf4b00; background: #fff8c5; padding: 10px 14px; border-radius: 6px; margin: 16px 0; }
.warning strong { color: #bf4b00; }
svg.chart { display: block; width: 100%; height: auto; background: #ffffff; border: 1px solid #d0d7de; border-radius: 6px; }
svg.chart text { font: 11px system-ui, sans-serif; fill: #57606a; }
svg.chart text.glyph { font-size: 13px; }
.legend span { margin-right: 14px; }
`;

/** The whole document: UTF-8 for the marker glyphs, inline CSS, nothing fetched. */
export function renderPage(title: string, generatedAt: string, bodyHtml: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${css}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="meta">Generated ${escapeHtml(generatedAt)}</p>`,
    bodyHtml,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function renderCell(cell: Cell): string {
  if (typeof cell === 'object') {
    const cls = cell.className === undefined || cell.className === '' ? '' : ` class="${escapeHtml(cell.className)}"`;
    return `<td${cls}>${cell.html}</td>`;
  }
  return `<td>${escapeHtml(String(cell))}</td>`;
}
