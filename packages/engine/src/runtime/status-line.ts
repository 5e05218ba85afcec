// The status `pnpm start` shows while it runs, and the summary at exit (main thread). Reads the workers' counters by
// name; a counter a worker does not report shows as "-". Two groups, market then trading, so a narrow terminal can
// put each on its own line; plain output joins them into one line.

import Big from 'big.js';
import type { WorkerName, WorkerStats } from '@scalper/protocol';

type AllStats = Readonly<Record<WorkerName, WorkerStats>>;

/** Execution's `sessionExits_<reason>` counters (SessionTrades). */
const exitPrefix = 'sessionExits_';

function field(stats: WorkerStats | undefined, key: string): string {
  const value = stats?.[key];
  if (value === undefined || value === '') return '-';
  return typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(4)) : value;
}

function numberOf(stats: WorkerStats | undefined, key: string): number {
  const value = stats?.[key];
  return typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : Number.NaN;
}

/** Momentum is a fraction around 1e-4: in percent with three decimals, sign always shown, so a move reads at a glance. */
function signedPercent(value: number): string {
  const text = (value * 100).toFixed(3);
  return `${text.startsWith('-') ? '' : '+'}${text} %`;
}

/** A decimal string (exact, from big.js) as ±x.yy; NaN-safe: anything unparsable shows as "-". */
export function signedMoney(value: string | number | undefined, dp = 2): string {
  if (value === undefined || value === '') return '-';
  try {
    const text = new Big(value).toFixed(dp);
    return text.startsWith('-') ? text : `+${text}`;
  } catch {
    return '-';
  }
}

/** The last trade price as the venue would print it: up to 8 significant digits, no padding (3378.71, 0.0012345). */
function priceText(value: number): string {
  return Number.isFinite(value) && value > 0 ? String(Number(value.toPrecision(8))) : '-';
}

function score(value: number): string {
  return Number.isFinite(value) ? value.toPrecision(3) : '-';
}

function symbolPart(scanner: WorkerStats | undefined): string {
  const current = field(scanner, 'currentSymbol');
  const pending = field(scanner, 'pendingSymbol');
  if (current !== '-') {
    const switching = pending !== '-' && pending !== current ? ` → ${pending}` : '';
    return `${current} score ${score(numberOf(scanner, 'currentScore'))}${switching}`;
  }
  if (pending !== '-') return `switching to ${pending} (score ${score(numberOf(scanner, 'pendingScore'))})`;
  return 'no symbol yet';
}

function momentumPart(strategy: WorkerStats | undefined): string {
  const momentum = numberOf(strategy, 'momentum');
  const threshold = numberOf(strategy, 'momentumThreshold');
  const limit = Number.isFinite(threshold) ? `${(threshold * 100).toFixed(3)} %` : '-';
  if (Number.isFinite(momentum)) return `momentum ${signedPercent(momentum)} / ${limit}`;
  const filled = numberOf(strategy, 'windowTicks');
  const size = numberOf(strategy, 'windowSize');
  const warming = Number.isFinite(filled) && size > 0 ? ` (window ${filled}/${size})` : '';
  return `momentum -${warming} / ${limit}`;
}

/** uPnL at strategy's last trade price (live); the venue's figure, which only moves with a position push, as a fallback. */
function positionPart(execution: WorkerStats | undefined, strategy: WorkerStats | undefined): string {
  const side = field(execution, 'positionSide');
  if (side === 'flat' || side === '-') return `position ${side}`;
  const live = strategy?.['unrealisedPnl'];
  const upnl = typeof live === 'string' && live !== '' ? live : execution?.['unrealisedPnl'];
  return `position ${side} ${field(execution, 'positionSize')} uPnL ${signedMoney(upnl)}`;
}

function tripsPart(execution: WorkerStats | undefined): string {
  const trips = numberOf(execution, 'sessionTrips');
  const wins = numberOf(execution, 'sessionWins');
  const winRate = trips > 0 ? `${Math.round((wins / trips) * 100)} %` : '-';
  return `trips ${Number.isFinite(trips) ? trips : '-'}  win ${winRate}  net ${signedMoney(execution?.['sessionNetPnl'])} USDT`;
}

/** The status as two groups of parts: the market and the entry gate, then the position and the session's trades. */
export function statusGroups(stats: AllStats, ticksPerSecond: number): readonly (readonly string[])[] {
  const s = stats.strategy;
  const e = stats.execution;
  const halted = [e?.['halted'], s?.['halted']].find((reason) => typeof reason === 'string' && reason !== '');
  // A host clock off by more than a quarter of the stale limit is news (staleness is judged on the venue's clock).
  const offsetMs = numberOf(s, 'venueClockOffsetMs');
  const clockOff = Number.isFinite(offsetMs) && Math.abs(offsetMs) > numberOf(s, 'staleDataMs') / 4;
  const market = [
    ...(halted === undefined ? [] : [`HALTED (${String(halted)})`]),
    ...(clockOff ? [`HOST CLOCK OFF ${offsetMs > 0 ? 'behind' : 'ahead of'} the venue by ${Math.abs(offsetMs)} ms`] : []),
    symbolPart(stats.scanner),
    `last ${priceText(numberOf(s, 'lastPrice'))}`,
    momentumPart(s),
    `blocked: ${field(s, 'entryBlock')}`,
  ];
  // Least important last: a narrow terminal cuts the end of a line.
  const trading = [
    positionPart(e, s),
    tripsPart(e),
    `orders ${field(e, 'ordersSent')} fills ${field(e, 'fills')}`,
    `ticks/s ${ticksPerSecond.toFixed(0)}`,
    `frame→decision p50 ${field(s, 'decisionLatencyP50Us')} µs p99 ${field(s, 'decisionLatencyP99Us')} µs`,
  ];
  return [market, trading];
}

/** One line: what goes to a file or a pipe every few seconds. */
export function statusLine(stats: AllStats, ticksPerSecond: number): string {
  return statusGroups(stats, ticksPerSecond)
    .map((group) => group.join(' | '))
    .join(' | ');
}

/** The session's trades as the execution worker counted them (SessionTrades), for the summary at stop. */
export function sessionTradesBlock(execution: WorkerStats | undefined): string {
  const entries = numberOf(execution, 'sessionEntries');
  if (!Number.isFinite(entries)) return 'session trades: not reported (execution did not answer)';
  const trips = numberOf(execution, 'sessionTrips');
  const wins = numberOf(execution, 'sessionWins');
  const open = numberOf(execution, 'sessionOpenTrips');
  const exits = Object.entries(execution ?? {})
    .filter(([key]) => key.startsWith(exitPrefix))
    .map(([key, count]) => `${key.slice(exitPrefix.length)} ${String(count)}`);
  const lines = [
    'session trades',
    `  entries     ${entries}${open > 0 ? ` (${open} still open)` : ''}`,
    `  exits       ${trips}${exits.length > 0 ? `: ${exits.join(', ')}` : ''}`,
    `  win rate    ${trips > 0 ? `${Math.round((wins / trips) * 100)} % (${wins} won, ${trips - wins} lost)` : '-'}`,
    `  net PnL     ${signedMoney(execution?.['sessionNetPnl'], 4)} USDT after fees (gross ${signedMoney(execution?.['sessionGrossPnl'], 4)})`,
    `  fees        ${signedMoney(execution?.['sessionFees'], 4).replace(/^\+/, '')} USDT`,
  ];
  return lines.join('\n');
}

/** At stop: the session's trades, then every counter of every worker. */
export function summaryTable(stats: AllStats): string {
  const lines = [
    sessionTradesBlock(stats.execution),
    '',
    'worker        counter                          value',
    '------------  -------------------------------  ---------------',
  ];
  for (const [worker, counters] of Object.entries(stats)) {
    for (const [key, value] of Object.entries(counters)) {
      lines.push(`${worker.padEnd(12)}  ${key.padEnd(31)}  ${String(value)}`);
    }
  }
  return lines.join('\n');
}
