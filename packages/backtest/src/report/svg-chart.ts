// Inline SVG charts for the HTML reports (main thread): lines, markers and segments on linear axes with a few
// labelled ticks (UTC times or values), and min/max thinning so large series stay small without hiding spikes.

import { escapeHtml as esc } from './html-kit.js';

export interface XY {
  readonly x: number;
  readonly y: number;
}

export interface ChartLine {
  readonly points: readonly XY[];
  readonly color: string;
  readonly strokeWidth?: number;
  /** Shade between the line and y = 0 (the underwater chart). */
  readonly fillToZero?: boolean;
}

export interface ChartMarker {
  readonly x: number;
  readonly y: number;
  readonly color: string;
  /** A text glyph (▲ ▼ ×) centred on the point; without one, a dot. */
  readonly glyph?: string;
  readonly radius?: number;
  /** Tooltip text (escaped here). */
  readonly title?: string;
}

export interface ChartSegment {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly color: string;
}

export interface ChartSpec {
  /** For screen readers; the visible heading is the caller's. */
  readonly label: string;
  readonly xAxis: 'time' | 'value';
  readonly lines?: readonly ChartLine[];
  readonly markers?: readonly ChartMarker[];
  readonly segments?: readonly ChartSegment[];
  /** Dashed horizontal and vertical guides (e.g. the starting balance, zero). */
  readonly guideY?: readonly number[];
  readonly guideX?: readonly number[];
  /** A dashed y = x line (in-sample against out-of-sample). */
  readonly diagonal?: boolean;
  readonly formatY?: (value: number) => string;
  readonly formatX?: (value: number) => string;
  readonly width?: number;
  readonly height?: number;
  readonly emptyText?: string;
}

const margin = { top: 12, right: 16, bottom: 30, left: 76 } as const;
const timeSteps = [
  1e3, 2e3, 5e3, 10e3, 15e3, 30e3, 60e3, 120e3, 300e3, 600e3, 900e3, 1_800e3, 3_600e3, 7_200e3, 10_800e3, 21_600e3, 43_200e3, 86_400e3, 172_800e3,
  604_800e3,
];

/** At most `max` points: the first, the last, and per bucket its lowest and highest point in time order. */
export function thinPoints(points: readonly XY[], max = 2000): readonly XY[] {
  if (points.length <= max || max < 4) return points;
  const buckets = Math.floor((max - 2) / 2);
  const inner = points.length - 2;
  const out: XY[] = [points[0] as XY];
  for (let b = 0; b < buckets; b++) {
    const from = 1 + Math.floor((b * inner) / buckets);
    const to = 1 + Math.floor(((b + 1) * inner) / buckets);
    if (from >= to) continue;
    let lo = from;
    let hi = from;
    for (let i = from + 1; i < to; i++) {
      if ((points[i]?.y ?? 0) < (points[lo]?.y ?? 0)) lo = i;
      if ((points[i]?.y ?? 0) > (points[hi]?.y ?? 0)) hi = i;
    }
    const first = Math.min(lo, hi);
    const second = Math.max(lo, hi);
    out.push(points[first] as XY);
    if (second !== first) out.push(points[second] as XY);
  }
  out.push(points[points.length - 1] as XY);
  return out;
}

export function renderChart(spec: ChartSpec): string {
  const width = spec.width ?? 1100;
  const height = spec.height ?? 280;
  const lines = spec.lines ?? [];
  const markers = spec.markers ?? [];
  const segments = spec.segments ?? [];
  const open = `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(spec.label)}">`;
  const xs: number[] = [];
  const ys: number[] = [];
  for (const line of lines) for (const p of line.points) collect(xs, ys, p.x, p.y);
  for (const m of markers) collect(xs, ys, m.x, m.y);
  for (const s of segments) {
    collect(xs, ys, s.x1, s.y1);
    collect(xs, ys, s.x2, s.y2);
  }
  if (xs.length === 0) {
    const text = esc(spec.emptyText ?? 'no data');
    return `${open}<text x="${width / 2}" y="${height / 2}" text-anchor="middle">${text}</text></svg>`;
  }
  if (lines.some((l) => l.fillToZero === true)) ys.push(0);
  const [x0, x1] = padDomain(minOf(xs), maxOf(xs), spec.xAxis === 'time' ? 30_000 : null, 0);
  const [y0, y1] = padDomain(minOf(ys), maxOf(ys), null, 0.05);
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const sx = (x: number): number => margin.left + ((x - x0) / (x1 - x0)) * plotW;
  const sy = (y: number): number => margin.top + (1 - (y - y0) / (y1 - y0)) * plotH;
  const formatY = spec.formatY ?? ((v: number) => formatTick(v, niceStep((y1 - y0) / 5)));
  const formatX = spec.formatX ?? ((v: number) => (spec.xAxis === 'time' ? formatClock(v) : formatTick(v, niceStep((x1 - x0) / 6))));
  const parts: string[] = [open];

  const yStep = niceStep((y1 - y0) / 5);
  for (const v of ticks(y0, y1, yStep)) {
    const y = r(sy(v));
    parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${y}" y2="${y}" stroke="#eaeef2"/>`);
    parts.push(`<text x="${margin.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${esc(formatY(v))}</text>`);
  }
  const tickLabelY = height - margin.bottom + 16;
  const xStep = spec.xAxis === 'time' ? timeStep(x1 - x0) : niceStep((x1 - x0) / 6);
  for (const v of ticks(x0, x1, xStep)) {
    const x = r(sx(v));
    parts.push(`<line x1="${x}" x2="${x}" y1="${margin.top}" y2="${height - margin.bottom}" stroke="#eaeef2"/>`);
    // Labels at the frame's edges are anchored inwards so they are not cut off.
    const px = sx(v);
    const anchor = px > width - margin.right - 30 ? 'end' : px < margin.left + 30 ? 'start' : 'middle';
    parts.push(`<text x="${x}" y="${tickLabelY}" text-anchor="${anchor}">${esc(formatX(v))}</text>`);
  }
  parts.push(`<rect x="${margin.left}" y="${margin.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#d0d7de"/>`);
  if (spec.xAxis === 'time') parts.push(`<text x="${margin.left - 6}" y="${tickLabelY}" text-anchor="end">UTC</text>`);

  const guide = (x1g: number, y1g: number, x2g: number, y2g: number): string =>
    `<line x1="${r(x1g)}" y1="${r(y1g)}" x2="${r(x2g)}" y2="${r(y2g)}" stroke="#8c959f" stroke-dasharray="4 3"/>`;
  for (const v of spec.guideY ?? []) if (v >= y0 && v <= y1) parts.push(guide(margin.left, sy(v), width - margin.right, sy(v)));
  for (const v of spec.guideX ?? []) if (v >= x0 && v <= x1) parts.push(guide(sx(v), margin.top, sx(v), height - margin.bottom));
  if (spec.diagonal === true) {
    const lo = Math.max(x0, y0);
    const hi = Math.min(x1, y1);
    if (lo < hi) parts.push(guide(sx(lo), sy(lo), sx(hi), sy(hi)));
  }

  for (const line of lines) {
    if (line.points.length === 0) continue;
    const path = line.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${r(sx(p.x))},${r(sy(p.y))}`).join('');
    if (line.fillToZero === true) {
      const first = line.points[0] as XY;
      const last = line.points[line.points.length - 1] as XY;
      const base = r(sy(0));
      const area = `${path}L${r(sx(last.x))},${base}L${r(sx(first.x))},${base}Z`;
      parts.push(`<path d="${area}" fill="${esc(line.color)}" fill-opacity="0.18" stroke="none"/>`);
    }
    const strokeWidth = line.strokeWidth ?? 1.5;
    parts.push(`<path d="${path}" fill="none" stroke="${esc(line.color)}" stroke-width="${strokeWidth}" stroke-linejoin="round"/>`);
  }
  for (const s of segments) {
    const ends = `x1="${r(sx(s.x1))}" y1="${r(sy(s.y1))}" x2="${r(sx(s.x2))}" y2="${r(sy(s.y2))}"`;
    parts.push(`<line ${ends} stroke="${esc(s.color)}" stroke-width="1" stroke-opacity="0.7"/>`);
  }
  for (const m of markers) {
    const title = m.title === undefined ? '' : `<title>${esc(m.title)}</title>`;
    const x = r(sx(m.x));
    const y = r(sy(m.y));
    if (m.glyph === undefined) {
      const dot = `cx="${x}" cy="${y}" r="${m.radius ?? 2.5}"`;
      parts.push(`<circle ${dot} fill="${esc(m.color)}" fill-opacity="0.8">${title}</circle>`);
    } else {
      const at = `x="${x}" y="${y}" text-anchor="middle" dominant-baseline="central"`;
      parts.push(`<text class="glyph" ${at} style="fill:${esc(m.color)}">${title}${esc(m.glyph)}</text>`);
    }
  }
  parts.push('</svg>');
  return parts.join('\n');
}

function collect(xs: number[], ys: number[], x: number, y: number): void {
  if (Number.isFinite(x) && Number.isFinite(y)) {
    xs.push(x);
    ys.push(y);
  }
}

function minOf(values: readonly number[]): number {
  let min = Number.POSITIVE_INFINITY;
  for (const v of values) if (v < min) min = v;
  return min;
}

function maxOf(values: readonly number[]): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) if (v > max) max = v;
  return max;
}

/**
 * Widens a flat domain so a single value still gets an axis (by `flatPad`, else 1 % of the value: a time axis needs
 * an absolute pad, as 1 % of an epoch time is months), and pads by `fraction` so lines clear the frame.
 */
function padDomain(lo: number, hi: number, flatPad: number | null, fraction: number): [number, number] {
  if (hi - lo <= 0) {
    const pad = flatPad ?? (lo === 0 ? 1 : Math.abs(lo) * 0.01);
    return [lo - pad, hi + pad];
  }
  const pad = (hi - lo) * fraction;
  return [lo - pad, hi + pad];
}

/** 1, 2 or 5 times a power of ten, at least `raw`. */
function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / pow;
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * pow;
}

function timeStep(spanMs: number): number {
  for (const step of timeSteps) if (spanMs / step <= 6) return step;
  return niceStep(spanMs / 6 / 86_400e3) * 86_400e3;
}

function ticks(lo: number, hi: number, step: number): number[] {
  const out: number[] = [];
  for (let k = Math.ceil(lo / step); k * step <= hi && out.length < 50; k++) out.push(k * step);
  return out;
}

function formatTick(value: number, step: number): string {
  const decimals = Math.min(10, Math.max(0, -Math.floor(Math.log10(step))));
  const text = value.toFixed(decimals);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

function formatClock(tsMs: number): string {
  return new Date(tsMs).toISOString().slice(11, 19);
}

function r(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}
