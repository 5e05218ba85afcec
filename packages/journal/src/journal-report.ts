// What `pnpm journal` prints (CLI thread, pure): a day's summary, one row per UTC day, the round trips of a span,
// and their CSV. Sums are exact (big.js over the journal's decimal text).

import Big from 'big.js';
import type { HaltInForce, RoundTripRow } from './journal-reader.js';

export interface DaySummary {
  /** YYYY-MM-DD, UTC. */
  readonly day: string;
  readonly trades: number;
  readonly wins: number;
  readonly netPnl: string;
  readonly fees: string;
}

const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** One summary per UTC day that has round trips, oldest first. */
export function summariseDays(trips: readonly RoundTripRow[]): DaySummary[] {
  const days = new Map<string, { trades: number; wins: number; net: Big; fees: Big }>();
  for (const trip of trips) {
    const key = dayOf(trip.closedAtMs);
    const day = days.get(key) ?? { trades: 0, wins: 0, net: new Big(0), fees: new Big(0) };
    day.trades++;
    if (new Big(trip.netPnl).gt(0)) day.wins++;
    day.net = day.net.plus(trip.netPnl);
    day.fees = day.fees.plus(trip.fees);
    days.set(key, day);
  }
  return [...days]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, d]) => ({ day, trades: d.trades, wins: d.wins, netPnl: d.net.toString(), fees: d.fees.toString() }));
}

const winRate = (wins: number, trades: number): string => (trades === 0 ? '-' : `${((wins / trades) * 100).toFixed(0)} %`);

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((name, i) => Math.max(name.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** `pnpm journal today`: the day's PnL against the limit, trades, win rate, and the halt in force. */
export function todayText(dayStartMs: number, trips: readonly RoundTripRow[], halt: HaltInForce | null): string {
  const [day] = summariseDays(trips);
  const lines = [
    `${dayOf(dayStartMs)} (UTC): ${day === undefined ? 'no round trips yet' : `${day.trades} round trips, win rate ${winRate(day.wins, day.trades)}, net ${day.netPnl} USDT after ${day.fees} USDT of fees`}`,
  ];
  if (halt !== null) {
    const until = halt.untilMs === null ? 'until resumed' : `until ${new Date(halt.untilMs).toISOString()}`;
    lines.push(`halted since ${new Date(halt.sinceMs).toISOString()} ${until}: ${halt.reason}`);
  }
  return lines.join('\n');
}

export function daysText(days: readonly DaySummary[]): string {
  if (days.length === 0) return 'no round trips in the journal';
  return table(
    ['day', 'trades', 'win rate', 'net PnL', 'fees'],
    days.map((d) => [d.day, String(d.trades), winRate(d.wins, d.trades), d.netPnl, d.fees]),
  );
}

export function tradesText(trips: readonly RoundTripRow[]): string {
  if (trips.length === 0) return 'no round trips in that span';
  return table(
    ['closed (UTC)', 'symbol', 'side', 'qty', 'entry', 'exit', 'reason', 'net PnL', 'fees'],
    trips.map((t) => [new Date(t.closedAtMs).toISOString(), t.symbol, t.side, t.qty, t.entryPrice, t.exitPrice, t.exitReason, t.netPnl, t.fees]),
  );
}

const csvColumns = ['openedAt', 'closedAt', 'symbol', 'side', 'qty', 'entryPrice', 'exitPrice', 'exitReason', 'grossPnl', 'fees', 'netPnl'] as const;

/** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function tradesCsv(trips: readonly RoundTripRow[]): string {
  const rows = trips.map((t) =>
    [
      new Date(t.openedAtMs).toISOString(),
      new Date(t.closedAtMs).toISOString(),
      t.symbol,
      t.side,
      t.qty,
      t.entryPrice,
      t.exitPrice,
      t.exitReason,
      t.grossPnl,
      t.fees,
      t.netPnl,
    ]
      .map(csvField)
      .join(','),
  );
  return [csvColumns.join(','), ...rows].join('\r\n') + '\r\n';
}
