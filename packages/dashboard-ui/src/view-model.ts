// The dashboard page's pure view logic (browser, and Node for its tests): what the chart marks, how money and
// latency read, how much of the daily-loss limit is used. No DOM here: dashboard.ts puts it on the page.

import type { PositionView, PricePoint, TripView } from './snapshot.js';

/** A chart marker as lightweight-charts takes it (time in seconds, on a point the series has). */
export interface TradeMarker {
  readonly time: number;
  readonly position: 'aboveBar' | 'belowBar';
  readonly shape: 'arrowUp' | 'arrowDown' | 'circle';
  readonly color: string;
  readonly text: string;
}

export interface LevelLine {
  readonly price: number;
  readonly title: string;
  readonly color: string;
}

export const colors = { up: '#26a269', down: '#e01b24', entry: '#3584e4', stop: '#e66100', target: '#9141ac' } as const;

/**
 * Entry and exit markers of the traded symbol's round trips, each on the last sampled second at or before it (the
 * chart places markers on its points); trips before the chart's first point are left out. Sorted by time.
 */
export function tradeMarkers(trips: readonly TripView[], symbol: string | null, points: readonly PricePoint[]): TradeMarker[] {
  if (symbol === null || points.length === 0) return [];
  const markers: TradeMarker[] = [];
  for (const trip of trips) {
    if (trip.symbol !== symbol) continue;
    const long = trip.side === 'long';
    const opened = pointAtOrBefore(points, Math.floor(trip.openedAtMs / 1_000));
    const closed = pointAtOrBefore(points, Math.floor(trip.closedAtMs / 1_000));
    if (opened !== null) {
      markers.push({
        time: opened,
        position: long ? 'belowBar' : 'aboveBar',
        shape: long ? 'arrowUp' : 'arrowDown',
        color: colors.entry,
        text: `${long ? 'long' : 'short'} ${trip.entryPrice}`,
      });
    }
    if (closed !== null) {
      const won = !trip.netPnl.startsWith('-');
      markers.push({
        time: closed,
        position: long ? 'aboveBar' : 'belowBar',
        shape: 'circle',
        color: won ? colors.up : colors.down,
        text: `exit ${trip.exitPrice} (${signed(trip.netPnl)})`,
      });
    }
  }
  return markers.sort((a, b) => a.time - b.time);
}

/** The open position's entry, stop and take-profit as horizontal lines on the chart. */
export function positionLines(position: PositionView | null, symbol: string | null): LevelLine[] {
  if (position === null || position.symbol !== symbol) return [];
  const lines: LevelLine[] = [];
  const entry = Number(position.entryPrice);
  if (position.entryPrice !== '' && Number.isFinite(entry)) lines.push({ price: entry, title: `entry ${position.side}`, color: colors.entry });
  if (position.stopPrice !== null) lines.push({ price: position.stopPrice, title: 'stop', color: colors.stop });
  if (position.takeProfitPrice !== null) lines.push({ price: position.takeProfitPrice, title: 'take-profit', color: colors.target });
  return lines;
}

/** The time of the last point at or before `time` (binary search over ascending times), or null. */
export function pointAtOrBefore(points: readonly PricePoint[], time: number): number | null {
  let low = 0;
  let high = points.length - 1;
  let found: number | null = null;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const point = points[middle]!;
    if (point.time <= time) {
      found = point.time;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/** Decimals the price axis shows: a few significant digits past the point, whatever the coin's price (BTC 2, PEPE 8). */
export function priceDecimals(price: number | null): number {
  if (price === null || !Number.isFinite(price) || price <= 0) return 4;
  return Math.min(10, Math.max(2, 4 - Math.floor(Math.log10(price))));
}

/** A decimal amount with its sign: "+1.25", "-0.3", "0". */
export function signed(amount: string): string {
  if (amount === '' || Number(amount) === 0) return '0';
  return amount.startsWith('-') ? amount : `+${amount}`;
}

/** Money for a label, rounded to cents for reading (the journal keeps it exact): "+12.35 USDT". */
export function usd(amount: string): string {
  const value = Number(amount);
  if (amount === '' || !Number.isFinite(value)) return '–';
  const cents = value.toFixed(2);
  return `${value > 0 ? '+' : ''}${cents === '-0.00' ? '0.00' : cents} USDT`;
}

/** How much of the daily-loss limit the day's PnL uses: 0 when in profit, 1 at (or past) the limit. */
export function lossLimitUse(dayPnl: string, limit: string): number {
  const pnl = Number(dayPnl);
  const max = Number(limit);
  if (!Number.isFinite(pnl) || !Number.isFinite(max) || max <= 0 || pnl >= 0) return 0;
  return Math.min(1, -pnl / max);
}

/** Microseconds or milliseconds as a short label. */
export function latency(valueUs: number | null): string {
  if (valueUs === null) return '–';
  return valueUs >= 1_000 ? `${(valueUs / 1_000).toFixed(1)} ms` : `${Math.round(valueUs)} µs`;
}

/** A scanner score (turnover × |change| × boost) in a few digits: "2.31e+9". */
export function score(value: number): string {
  return Number.isFinite(value) ? value.toPrecision(3) : '–';
}

/** HH:MM:SS UTC of a time in ms. */
export function clock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}
